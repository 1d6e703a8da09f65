import { describe, expect, it } from 'vitest';
import { insertUserWithRoles } from '../../db/seed/users.ts';
import { buildPoolCustomer, count, testApp } from '../../test/factories.ts';
import type { Client } from '../../test/harness.ts';

/**
 * docs/organisation.md#customer-pool, rule 3 under concurrency: of simultaneous claims of one customer one wins; a
 * manager's simultaneous claims are counted one after another, so the daily limit holds.
 */
const { t, director } = await testApp('director');

let madeSoFar = 0;
async function managers(n: number): Promise<{ id: number; client: Client }[]> {
  const made = [];
  for (let i = 0; i < n; i++) {
    const username = `claimer${++madeSoFar}`;
    const id = await t.database.db.transaction((tx) =>
      insertUserWithRoles(tx, { username, displayName: `抢客户${i}`, password: 'long-enough', roles: ['manager'] }),
    );
    made.push({ id, client: await t.login(username, 'long-enough') });
  }
  return made;
}

describe('simultaneous claims', () => {
  it('20 managers claim one pool customer at once: exactly one owns it, 19 get 409 INVALID_STATE', async () => {
    const claimers = await managers(20);
    const c = await buildPoolCustomer(t);
    const answers = await Promise.all(claimers.map((m) => m.client.post(`/customers/${c.id}/claim`)));
    const winners = answers.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'INVALID_STATE')).toHaveLength(19);
    const [row] = await t.database.query<{ manager_id: number }>('select manager_id from customers where id = $1', [
      c.id,
    ]);
    expect(row!.manager_id).toBe(winners[0]!.body.managerId);
    expect(
      await count(
        t,
        "select count(*)::int as n from customer_pool_events where customer_id = $1 and action = 'claimed'",
        [c.id],
      ),
    ).toBe(1);
  }, 120_000);

  it('a manager one claim short of dailyClaimLimit sends 5 claims at once: exactly one goes through', async () => {
    expect((await director.patch('/settings/pool', { dailyClaimLimit: 3 })).status).toBe(200);
    const [m] = await managers(1);
    const earlier = [await buildPoolCustomer(t), await buildPoolCustomer(t)];
    for (const c of earlier) expect((await m!.client.post(`/customers/${c.id}/claim`)).status).toBe(200);
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => buildPoolCustomer(t)));
    const answers = await Promise.all(five.map((c) => m!.client.post(`/customers/${c.id}/claim`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(4);
    for (const a of refused)
      expect(a.body.error).toMatchObject({ code: 'LIMIT_REACHED', details: [{ path: 'dailyClaimLimit' }] });
    expect(await count(t, 'select count(*)::int as n from customers where manager_id = $1', [m!.id])).toBe(3);
    expect(
      await count(t, 'select count(*)::int as n from customers where id = any($1::int[]) and manager_id is null', [
        five.map((c) => c.id),
      ]),
    ).toBe(4);
  }, 120_000);
});
