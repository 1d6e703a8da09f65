import { Cron } from 'croner';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { localDay } from '../../platform/calendar.ts';
import { claimLease, releaseLease } from '../../platform/lease.ts';
import { startScheduler } from '../../scheduler.ts';
import {
  buildCustomer,
  count,
  DAY,
  depsOf,
  dictionaryId,
  insertServiceRow,
  keptTotalsHold,
  testApp,
  userIds,
} from '../../test/factories.ts';
import { poolReturnJob } from './index.ts';
import { scanPool } from './scan.ts';

/** docs/organisation.md#customer-pool, rule 5: the automatic return and its warnings. */
const { t, director, manager1 } = await testApp('director', 'manager1');
let ids: Record<'manager1', number>;
let big: number;
const ago = (days: number) => new Date(t.clock.now.getTime() - days * DAY);
const dayAgo = (days: number) => localDay(ago(days));

beforeAll(async () => {
  ids = await userIds(t, 'manager1');
  big = await dictionaryId(t, 'customerLevel', '大客户');
});

const managerOf = async (id: number) =>
  (await t.database.query<{ m: number | null }>('select manager_id as m from customers where id = $1', [id]))[0]!.m;

describe('the automatic return', () => {
  it('changes nothing until a level has days', async () => {
    await buildCustomer(t, { level: '大客户', createdAt: ago(400) });
    const res = await director.post('/customer-pool/scan');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ returned: 0, warned: 0 });
  });

  it('returns `normal` customers without a follow-up for their level’s days, warns those due within warnDays, once', async () => {
    await t.database.query('update customers set level_id = null'); // the customers of the test above
    expect(
      (await director.patch('/settings/pool', { warnDays: 3, returnAfterDays: [{ levelId: big, days: 30 }] })).status,
    ).toBe(200);
    const old = { level: '大客户', createdAt: ago(40) };
    const forgotten = await buildCustomer(t, { ...old, name: '无人跟进公司' });
    const visited = await buildCustomer(t, old);
    await t.database.query(
      "insert into activities (customer_id, date, place, summary) values ($1, $2, '北京', '拜访')",
      [visited.id, dayAgo(10)],
    );
    const measured = await buildCustomer(t, old);
    const [w] = await t.database.query<{ id: number }>(
      "insert into churn_warnings (customer_id, manager_id, status) values ($1, $2, 'delayed') returning id",
      [measured.id, ids.manager1],
    );
    await t.database.query(
      "insert into churn_measures (warning_id, text, created_by, created_at) values ($1, '回访', $2, $3)",
      [w!.id, ids.manager1, ago(5).toISOString()],
    );
    const served = await buildCustomer(t, old);
    await insertServiceRow(t, {
      type: '咨询',
      customerId: served.id,
      createdAt: ago(5),
      status: 'handled',
      assignee: 'manager1',
    });
    const ordered = await buildCustomer(t, old);
    await t.database.query(
      'insert into customer_sales_totals (customer_no, amount, order_count, last_order_date) values ($1, 100, 1, $2)',
      [ordered.number, dayAgo(5)],
    );
    const lost = await buildCustomer(t, { ...old, status: 'lost' });
    const dueSoon = await buildCustomer(t, { level: '大客户', createdAt: ago(29), name: '快到期公司' });
    const otherLevel = await buildCustomer(t, { level: '普通客户', createdAt: ago(400) });

    const first = await director.post('/customer-pool/scan');
    expect(first.body).toEqual({ returned: 1, warned: 1 });
    expect(await managerOf(forgotten.id)).toBeNull();
    for (const c of [visited, measured, served, ordered, lost, dueSoon, otherLevel])
      expect(await managerOf(c.id)).toBe(ids.manager1);

    const [entry] = (await manager1.get('/customer-pool?name=无人跟进')).body.items;
    expect(entry).toMatchObject({ id: forgotten.id, reason: 'returned', previousManager: { id: ids.manager1 } });
    const [event] = (await manager1.get(`/customers/${forgotten.id}/pool-history`)).body;
    expect(event).toMatchObject({ action: 'returned', by: null, manager: { id: ids.manager1 } });
    expect(
      await count(t, "select count(*)::int as n from audit_log where action = 'return' and entity_id = $1", [
        String(forgotten.id),
      ]),
    ).toBe(1);
    const returnOn = localDay(new Date(ago(29).getTime() + 31 * DAY));
    // the manager is told of the customer returned and of the one about to return (docs/notifications.md#kinds)
    const notes = (await manager1.get('/notifications')).body.items;
    expect(notes).toHaveLength(2);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'pool.returning',
          params: { customerId: dueSoon.id, customerName: '快到期公司', returnOn, days: 2 },
          ref: { type: 'customer', id: dueSoon.id },
          readAt: null,
        }),
        expect.objectContaining({
          kind: 'pool.returned',
          params: expect.objectContaining({ customerId: forgotten.id }),
          ref: { type: 'customer', id: forgotten.id },
        }),
      ]),
    );

    // a second run finds nothing new
    expect((await director.post('/customer-pool/scan')).body).toEqual({ returned: 0, warned: 0 });
    expect(await count(t, 'select count(*)::int as n from notifications')).toBe(2);
    // the manager who lost it waits reclaimWaitDays
    expect((await manager1.post(`/customers/${forgotten.id}/claim`)).body.error.details[0].path).toBe(
      'reclaimWaitDays',
    );
  });

  it('does nothing while another instance holds the job', async () => {
    await buildCustomer(t, { level: '大客户', createdAt: ago(100) });
    expect(await claimLease(t.database.db, 'pool-return', 'another-instance', 60_000)).toBe(true);
    try {
      expect((await director.post('/customer-pool/scan')).body).toEqual({ returned: 0, warned: 0 });
    } finally {
      await releaseLease(t.database.db, 'pool-return', 'another-instance');
    }
    expect((await director.post('/customer-pool/scan')).body).toMatchObject({ returned: 1 });
  });

  it('is a nightly job of the scheduler (CRM_POOL_CRON, default 03:30), run as the system', async () => {
    expect(loadConfig({}).poolCron).toBe('30 3 * * *');
    expect(() => loadConfig({ CRM_POOL_CRON: 'every night' })).toThrow(/CRM_POOL_CRON/);
    const deps = depsOf(t);
    try {
      const job = poolReturnJob(deps);
      expect(job).toMatchObject({ name: 'pool-return', cron: '30 3 * * *' });
      const next = new Cron(job.cron, { paused: true }).nextRun(new Date(2026, 10, 25, 10, 0))!;
      expect([next.getDate(), next.getHours(), next.getMinutes()]).toEqual([26, 3, 30]);
      const log = { info() {}, error() {} } as unknown as Parameters<typeof startScheduler>[1];
      startScheduler(deps, log, [job])();
      // the scheduler runs on the real clock
      const c = await buildCustomer(t, { level: '大客户', createdAt: new Date(Date.now() - 100 * DAY) });
      expect(await job.run()).toMatchObject({ returned: 1 });
      expect(await managerOf(c.id)).toBeNull();
      const [audit] = await t.database.query<{ user_id: number | null; request_id: string }>(
        "select user_id, request_id from audit_log where action = 'return' and entity_id = $1",
        [String(c.id)],
      );
      expect(audit).toMatchObject({ user_id: null, request_id: expect.stringMatching(/^job:pool-return:/) });
      expect(await scanPool(deps, { requestId: 'again', now: new Date() })).toEqual({ returned: 0, warned: 0 });
    } finally {
      await deps.sales.close();
    }
  });
});

keptTotalsHold('service', () => t);
keptTotalsHold('service department month', () => t);
