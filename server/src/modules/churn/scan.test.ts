import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Answer, type TestApp } from '../../test/harness.ts';
import {
  buildOldCustomer,
  buildOrder,
  churnWarningOf,
  count,
  DAY,
  installSalesSchema,
  userId,
} from '../../test/factories.ts';
import { churnCutoffs } from './threshold.ts';

// Noon UTC is the same calendar day in every time zone a server runs in (the day arithmetic uses the local day).
const NOW = new Date('2026-11-28T12:00:00.000Z');

describe('churnCutoffs (docs/product.md#churn, rule 1 "more than 6 months")', () => {
  it('cuts at the same calendar day N months earlier, clamped to the month end like PostgreSQL', () => {
    expect(churnCutoffs(NOW, 6).lastOrderBefore).toBe('2026-05-28');
    expect(churnCutoffs(NOW, 6).createdBefore.toISOString()).toBe('2026-05-28T12:00:00.000Z');
    expect(churnCutoffs(new Date('2026-08-31T12:00:00Z'), 6).lastOrderBefore).toBe('2026-02-28');
    expect(churnCutoffs(new Date('2028-08-31T12:00:00Z'), 6).lastOrderBefore).toBe('2028-02-29');
    expect(churnCutoffs(new Date('2027-03-15T12:00:00Z'), 6).lastOrderBefore).toBe('2026-09-15');
    expect(churnCutoffs(new Date('2027-03-15T12:00:00Z'), 14).lastOrderBefore).toBe('2026-01-15');
    expect(churnCutoffs(new Date('2026-08-31T12:00:00Z'), 6).createdBefore.toISOString()).toBe(
      '2026-02-28T12:00:00.000Z',
    );
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date(NOW);
  await installSalesSchema(t.database);
});
afterAll(() => t.close());

describe('the check: who gets a warning', () => {
  let c: Record<string, { id: number; number: string }>;
  let scan: Answer;

  beforeAll(async () => {
    c = {
      exactly6: await buildOldCustomer(t, { name: '正好六个月' }),
      older: await buildOldCustomer(t, { name: '六个月零一天', manager: 'manager2' }),
      recent: await buildOldCustomer(t, { name: '最近下单' }),
      neverCreatedExactly: await buildOldCustomer(t, {
        name: '从未下单-刚满六个月',
        createdAt: new Date('2026-05-28T12:00:00.000Z'),
      }),
      neverCreatedBefore: await buildOldCustomer(t, {
        name: '从未下单-超过六个月',
        createdAt: new Date('2026-05-28T11:59:59.999Z'),
      }),
      neverYoung: await buildOldCustomer(t, {
        name: '从未下单-新客户',
        createdAt: new Date('2026-10-01T12:00:00.000Z'),
      }),
      uncounted: await buildOldCustomer(t, { name: '只有未发货订单' }),
      lost: await buildOldCustomer(t, { name: '已流失客户' }),
      pooled: await buildOldCustomer(t, { name: '公海里的老客户' }),
    };
    await buildOrder(t, c.exactly6!.number, '2026-05-28');
    await buildOrder(t, c.exactly6!.number, '2025-01-01', 6);
    await buildOrder(t, c.older!.number, '2026-05-27', 6);
    await buildOrder(t, c.older!.number, '2024-12-01');
    await buildOrder(t, c.recent!.number, '2026-11-01');
    for (const status of [1, 2, 3, 4]) await buildOrder(t, c.uncounted!.number, '2026-11-20', status);
    await buildOrder(t, c.uncounted!.number, '2026-01-10');
    await t.database.query("update customers set status = 'lost' where id = $1", [c.lost!.id]);
    await t.database.query(
      "update customers set manager_id = null, pool_entered_at = now(), pool_reason = 'new' where id = $1",
      [c.pooled!.id],
    );
    scan = await (await t.login('director')).post('/churn-warnings/scan');
  });

  it('answers {scanned, created, recovered}', () => {
    expect(scan.status).toBe(200);
    expect(scan.body).toMatchObject({ scanned: 8, created: 3, recovered: 0 });
  });

  it('warns a last counted order older than 6 months, recording the manager and that date', async () => {
    const w = await churnWarningOf(t, c.older!.id);
    expect(w).toMatchObject({
      status: 'warning',
      last_order_date: '2026-05-27',
      manager_id: await userId(t, 'manager2'),
    });
  });

  it('does not warn an order exactly 6 months ago: not yet more than 6 months old', async () => {
    expect(await churnWarningOf(t, c.exactly6!.id)).toBeUndefined();
    expect(await churnWarningOf(t, c.recent!.id)).toBeUndefined();
  });

  it('warns a customer that never ordered once it has existed more than 6 months, not at exactly 6', async () => {
    expect(await churnWarningOf(t, c.neverCreatedExactly!.id)).toBeUndefined();
    expect(await churnWarningOf(t, c.neverCreatedBefore!.id)).toMatchObject({
      status: 'warning',
      last_order_date: null,
    });
    expect(await churnWarningOf(t, c.neverYoung!.id)).toBeUndefined();
  });

  it('counts only shipped (5) and paid (6) orders', async () => {
    expect(await churnWarningOf(t, c.uncounted!.id)).toMatchObject({
      status: 'warning',
      last_order_date: '2026-01-10',
    });
  });

  it('never warns a lost customer', async () => {
    expect(await churnWarningOf(t, c.lost!.id)).toBeUndefined();
  });

  it('never warns a customer in the pool: it has no manager to warn (and the check still completes)', async () => {
    expect(await churnWarningOf(t, c.pooled!.id)).toBeUndefined();
  });

  it('audits every warning it creates, with the user who started the check', async () => {
    const logged = await t.database.query<{ n: number; users: number[] }>(
      "select count(*)::int as n, array_agg(distinct user_id) as users from audit_log where entity = 'churnWarning' and action = 'create'",
    );
    expect(logged[0]).toEqual({ n: 3, users: [await userId(t, 'director')] });
  });

  it('adds nothing for customers that already have an open warning', async () => {
    const again = await (await t.login('admin')).post('/churn-warnings/scan');
    expect(again.body).toMatchObject({ scanned: 8, created: 0, recovered: 0 });
    expect(await count(t, "select count(*)::int as n from churn_warnings where status in ('warning', 'delayed')")).toBe(
      3,
    );
  });

  it('warns the edge cases one day later', async () => {
    t.clock.advance(DAY);
    const res = await (await t.login('director')).post('/churn-warnings/scan');
    expect(res.body).toMatchObject({ created: 2, recovered: 0 });
    expect(await churnWarningOf(t, c.exactly6!.id)).toMatchObject({ status: 'warning', last_order_date: '2026-05-28' });
    expect(await churnWarningOf(t, c.neverCreatedExactly!.id)).toMatchObject({ status: 'warning' });
  });

  it('closes as recovered an open warning (warning or delayed) whose customer ordered since, and warns no one twice', async () => {
    const manager1 = await t.login('manager1');
    const delayed = (await churnWarningOf(t, c.uncounted!.id))!;
    expect((await manager1.post(`/churn-warnings/${delayed.id}/measures`, { text: '电话回访' })).status).toBe(201);
    await buildOrder(t, c.uncounted!.number, '2026-11-28', 6);
    await buildOrder(t, c.neverCreatedBefore!.number, '2026-11-27');
    const res = await (await t.login('director')).post('/churn-warnings/scan');
    expect(res.body).toMatchObject({ created: 0, recovered: 2 });
    const rows = await t.database.query<{ status: string; recovered_at: Date | string | null }>(
      'select status, recovered_at from churn_warnings where id = $1',
      [delayed.id],
    );
    expect(rows[0]!.status).toBe('recovered');
    expect(new Date(rows[0]!.recovered_at!).toISOString()).toBe(t.clock.now.toISOString());
    expect(await churnWarningOf(t, c.neverCreatedBefore!.id)).toMatchObject({ status: 'recovered' });
    const audited = await t.database.query<{ before: { status: string } }>(
      "select before from audit_log where entity = 'churnWarning' and action = 'recover' and entity_id = $1",
      [String(delayed.id)],
    );
    expect(audited.map((a) => a.before.status)).toEqual(['delayed']);
  });

  it('warns a recovered customer again once its new last order is more than 6 months old', async () => {
    t.clock.advance(190 * DAY);
    const res = await (await t.login('director')).post('/churn-warnings/scan');
    expect(res.status).toBe(200);
    const w = await churnWarningOf(t, c.uncounted!.id);
    expect(w).toMatchObject({ status: 'warning', last_order_date: '2026-11-28' });
    const all = await t.database.query<{ status: string }>(
      'select status from churn_warnings where customer_id = $1 order by id',
      [c.uncounted!.id],
    );
    expect(all.map((r) => r.status)).toEqual(['recovered', 'warning']);
  });

  it('records each run; GET /churn-warnings/last-scan tells when it last ran and how current the sales figures are', async () => {
    const runs = await t.database.query<{ n: number }>(
      "select count(*)::int as n from job_runs where job = 'churn-scan'",
    );
    expect(runs[0]!.n).toBe(5);
    const res = await (await t.login('manager1')).get('/churn-warnings/last-scan');
    expect(res.status).toBe(200);
    expect(res.body.startedAt).toBe(t.clock.now.toISOString());
    expect(new Date(res.body.finishedAt).getTime()).toBeGreaterThanOrEqual(t.clock.now.getTime());
    expect(res.body.result).toMatchObject({ scanned: 8 });
    expect(res.body.salesAsOf).toBe(t.clock.now.toISOString());
  });
});

describe('the scan endpoint and its failure modes', () => {
  it('needs a session and churn.scan (directors and administrators)', async () => {
    expect((await t.anonymous().post('/churn-warnings/scan')).status).toBe(401);
    for (const who of ['manager1', 'executive']) {
      const res = await (await t.login(who)).post('/churn-warnings/scan');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await t.anonymous().get('/churn-warnings/last-scan')).status).toBe(401);
    expect((await (await t.login('executive')).get('/churn-warnings/last-scan')).status).toBe(403);
  });

  it('leaves nothing behind when the check fails half-way (one transaction)', async () => {
    t.clock.advance(400 * DAY);
    await buildOldCustomer(t, { name: '失败测试', createdAt: new Date(t.clock.now.getTime() - 300 * DAY) });
    const before = await t.database.query<{ w: number; a: number; j: number }>(
      "select (select count(*)::int from churn_warnings) as w, (select count(*)::int from audit_log where entity = 'churnWarning') as a, (select count(*)::int from job_runs where job = 'churn-scan') as j",
    );
    // the last step (recording the run) fails: everything before it must roll back
    await t.database.query(
      `create function fail_job_run() returns trigger language plpgsql as $$ begin raise exception 'killed'; end $$`,
    );
    await t.database.query(
      'create trigger fail_job_run before insert on job_runs for each row execute function fail_job_run()',
    );
    const res = await (await t.login('director')).post('/churn-warnings/scan');
    expect(res.status).toBe(500);
    await t.database.query('drop trigger fail_job_run on job_runs');
    const after = await t.database.query<{ w: number; a: number; j: number }>(
      "select (select count(*)::int from churn_warnings) as w, (select count(*)::int from audit_log where entity = 'churnWarning') as a, (select count(*)::int from job_runs where job = 'churn-scan') as j",
    );
    expect(after[0]!.w).toBe(before[0]!.w);
    expect(after[0]!.a).toBe(before[0]!.a);
    expect(after[0]!.j).toBe(before[0]!.j);
    const retried = await (await t.login('director')).post('/churn-warnings/scan');
    expect(retried.status).toBe(200);
    expect(retried.body.created).toBeGreaterThan(0);
  });

  it('refuses to check on figures that were never filled, and runs on the last copy when the sales system is down', async () => {
    const fresh = await createTestApp();
    try {
      await fresh.database.query(
        "insert into customers (number, name, manager_id, created_at) select 'KH20200101001', '老客户', id, '2020-01-01' from users where username = 'manager1'",
      );
      const res = await (await fresh.login('director')).post('/churn-warnings/scan');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('SALES_UNAVAILABLE');
      expect((await fresh.database.query('select * from churn_warnings')).length).toBe(0);
      await fresh.database.query("insert into sales_sync (id, as_of) values (1, '2026-01-01T00:00:00Z')");
      const stale = await (await fresh.login('director')).post('/churn-warnings/scan');
      expect(stale.status).toBe(200);
      expect(stale.body).toMatchObject({ created: 1, salesAsOf: '2026-01-01T00:00:00.000Z' });
    } finally {
      await fresh.close();
    }
  });
});
