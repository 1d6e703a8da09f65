import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { seedDemoOpportunities } from './demo.ts';
import { userId } from '../../test/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const users: Record<string, number> = {};
  for (const u of ['director', 'manager1', 'manager2']) users[u] = await userId(t, u);
  await t.database.db.transaction((tx) => seedDemoOpportunities(tx, users, t.clock.now));
});
afterAll(() => t.close());

describe('the demo company’s opportunities (docs/product.md#opportunities, rule 7)', () => {
  it('has every status, plans with recorded results, and one success converted into a customer', async () => {
    const found = await t.database.query<{
      status: string;
      items: number;
      results: number;
      customer: string | null;
      manager: number | null;
      assignee: number | null;
    }>(
      `select o.status, count(p.id)::int as items, count(p.result)::int as results, c.name as customer, c.manager_id as manager, o.assignee_id as assignee
       from opportunities o left join plan_items p on p.opportunity_id = o.id left join customers c on c.id = o.customer_id
       group by o.id, c.name, c.manager_id order by o.id`,
    );
    expect(new Set(found.map((f) => f.status))).toEqual(new Set(['unassigned', 'assigned', 'succeeded', 'failed']));
    expect(found.filter((f) => f.results > 0).length).toBeGreaterThanOrEqual(2);
    const converted = found.filter((f) => f.customer);
    expect(converted).toHaveLength(1);
    expect(converted[0]).toMatchObject({ status: 'succeeded', manager: converted[0]!.assignee });
    const [contact] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from contacts k join opportunities o on o.customer_id = k.customer_id',
    );
    expect(contact!.n).toBe(1);
  });

  it('is consistent with the rules the API enforces', async () => {
    const manager1 = await t.login('manager1');
    const director = await t.login('director');
    const all = (await director.get('/opportunities?pageSize=100')).body;
    const own = (await manager1.get('/opportunities?pageSize=100')).body;
    expect(all.total).toBeGreaterThan(own.total);
    const mine = await userId(t, 'manager1');
    for (const o of own.items) expect([o.createdBy.id, o.assignee?.id]).toContain(mine);
    const open = own.items.find(
      (o: { status: string; assignee: { id: number } | null }) => o.status === 'assigned' && o.assignee?.id === mine,
    );
    expect(
      (await manager1.post(`/opportunities/${open.id}/plan-items`, { date: '2027-01-05', content: '回访' })).status,
    ).toBe(201);
    const ready = all.items.find((o: { status: string }) => o.status === 'unassigned');
    expect((await director.post(`/opportunities/${ready.id}/assign`, { assigneeId: mine })).status).toBe(200);
  });
});
