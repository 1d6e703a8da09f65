import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { buildOldCustomer, churnWarningOf, depsOf, installSalesSchema } from '../../test/factories.ts';
import { createTestApp, onPostgres, type TestApp } from '../../test/harness.ts';
import { scanForChurn, type ScanCtx } from './scan.ts';
import { CHURN_SCAN_LOCK } from './scan-repo.ts';

const CUSTOMERS = 300;
let t: TestApp;
let deps: Deps;
const ctx = (): ScanCtx => ({ actor: null, requestId: `test-${Math.random()}`, now: t.clock.now });

/** Customers that never ordered and were created two years ago: every one of them is due for a warning. */
async function addDueCustomers(prefix: string) {
  await t.database.query(
    `insert into customers (number, name, manager_id, created_at)
     select $1 || i, $2 || i, (select id from users where username = 'manager1'), $3::timestamptz
     from generate_series(1, $4::int) i`,
    [`KH${prefix}`, `并发客户${prefix}-`, new Date(t.clock.now.getTime() - 730 * 86_400_000).toISOString(), CUSTOMERS],
  );
}

const count = async (q: string) => (await t.database.query<{ n: number }>(q))[0]!.n;
const openWarnings = () =>
  count("select count(*)::int as n from churn_warnings where status in ('warning', 'delayed')");
const createdAudits = () =>
  count("select count(*)::int as n from audit_log where entity = 'churnWarning' and action = 'create'");

beforeAll(async () => {
  t = await createTestApp();
  deps = depsOf(t);
  await installSalesSchema(t.database);
  // a filled copy of the sales figures (empty sales system): the check runs on it
  await scanForChurn(deps, ctx());
});
afterAll(async () => {
  await deps.sales.close();
  await t.close();
});

describe('concurrent checks (docs/product.md#churn, rule 2: runs once)', () => {
  it('two checks started at the same moment, from two app instances on one database, make one set of warnings', async () => {
    await addDueCustomers('A');
    // a second instance: its own connection pool (and sales connection) on the same database
    const second: Database = onPostgres
      ? openPostgres(t.database.pool!.options.connectionString!, { max: 3 })
      : t.database;
    const deps2 = depsOf({ ...t, database: second });
    try {
      const results = await Promise.all([scanForChurn(deps, ctx()), scanForChurn(deps2, ctx())]);
      expect(results[0]!.created + results[1]!.created).toBe(CUSTOMERS);
      expect(await openWarnings()).toBe(CUSTOMERS);
      expect(await createdAudits()).toBe(CUSTOMERS);
      if (onPostgres) {
        // whichever came second either found the lock held (skipped) or ran after the first and found nothing to do
        const loser = results.find((r) => r.created === 0)!;
        expect(loser.recovered).toBe(0);
      }
    } finally {
      await deps2.sales.close();
      if (second !== t.database) await second.close();
    }
  });

  it('a later check adds nothing: the open warnings stand', async () => {
    const again = await scanForChurn(deps, ctx());
    expect(again).toMatchObject({ created: 0, scanned: CUSTOMERS });
    expect(await openWarnings()).toBe(CUSTOMERS);
  });

  it('the database itself refuses a second open warning for a customer', async () => {
    const [row] = await t.database.query<{ customer_id: number; manager_id: number }>(
      'select customer_id, manager_id from churn_warnings limit 1',
    );
    await expect(
      t.database.query("insert into churn_warnings (customer_id, manager_id, status) values ($1, $2, 'delayed')", [
        row!.customer_id,
        row!.manager_id,
      ]),
    ).rejects.toMatchObject({ code: '23505' });
    // a closed one next to the open one is fine (history)
    await t.database.query(
      "insert into churn_warnings (customer_id, manager_id, status) values ($1, $2, 'recovered')",
      [row!.customer_id, row!.manager_id],
    );
  });

  if (onPostgres) {
    it('on PostgreSQL a check that finds another one running reports zero and writes nothing; the next one does the work', async () => {
      await addDueCustomers('B');
      const holder = new pg.Client({ connectionString: t.database.pool!.options.connectionString });
      await holder.connect();
      try {
        await holder.query('select pg_advisory_lock($1)', [CHURN_SCAN_LOCK]);
        const runsBefore = await count("select count(*)::int as n from job_runs where job = 'churn-scan'");
        const skipped = await scanForChurn(deps, ctx());
        expect(skipped).toMatchObject({ scanned: 0, created: 0, recovered: 0, skipped: true });
        expect(await openWarnings()).toBe(CUSTOMERS);
        expect(await count("select count(*)::int as n from job_runs where job = 'churn-scan'")).toBe(runsBefore);
        await holder.query('select pg_advisory_unlock($1)', [CHURN_SCAN_LOCK]);
        const done = await scanForChurn(deps, ctx());
        expect(done.created).toBe(CUSTOMERS);
        expect(await openWarnings()).toBe(2 * CUSTOMERS);
      } finally {
        await holder.end();
      }
    });
  }

  it('two first measures at once are both kept, and move the warning to delayed once', async () => {
    const [w] = await t.database.query<{ id: number }>(
      "select id from churn_warnings where status = 'warning' order by id limit 1",
    );
    const manager1 = await t.login('manager1');
    const answers = await Promise.all([
      manager1.post(`/churn-warnings/${w!.id}/measures`, { text: '电话回访' }),
      manager1.post(`/churn-warnings/${w!.id}/measures`, { text: '发送报价' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(await count(`select count(*)::int as n from churn_measures where warning_id = ${w!.id}`)).toBe(2);
    expect(
      await count(
        `select count(*)::int as n from audit_log where entity = 'churnWarning' and action = 'delay' and entity_id = '${w!.id}'`,
      ),
    ).toBe(1);
  });

  it('two confirmations at once: one wins, the other is refused, the customer changes once', async () => {
    const [w] = await t.database.query<{ id: number; customer_id: number }>(
      "select id, customer_id from churn_warnings where status = 'delayed' limit 1",
    );
    const manager1 = await t.login('manager1');
    const answers = await Promise.all([
      manager1.post(`/churn-warnings/${w!.id}/confirm`, { reason: '客户倒闭' }),
      manager1.post(`/churn-warnings/${w!.id}/confirm`, { reason: '客户被收购' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [customer] = await t.database.query<{ status: string; version: number }>(
      'select status, version from customers where id = $1',
      [w!.customer_id],
    );
    expect(customer).toEqual({ status: 'lost', version: 2 });
    expect(
      await count(
        `select count(*)::int as n from audit_log where entity = 'customer' and action = 'lose' and entity_id = '${w!.customer_id}'`,
      ),
    ).toBe(1);
  });

  it('customers created meanwhile are picked up by the next check, once each', async () => {
    const c = await buildOldCustomer(t, { name: '后来的客户' });
    const res = await scanForChurn(deps, ctx());
    expect(res.created).toBe(1);
    expect(await churnWarningOf(t, c.id)).toMatchObject({ status: 'warning' });
  });
});
