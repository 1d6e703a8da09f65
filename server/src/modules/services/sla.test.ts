import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_TEAM,
  buildService,
  count,
  depsOf,
  dictionaryId,
  download,
  errorPaths,
  insertServiceRow,
  ok,
  readXlsx,
  serviceCustomer,
  testApp,
  userIds,
} from '../../test/factories.ts';
import { announceBreaches } from './index.ts';

/** docs/service-sla.md: the limits, the deadlines and the overdue filter, the breach job and the report. */
const { t, director, manager1, admin, executive } = await testApp(...DEMO_TEAM);
const ids = await userIds(t, 'director', 'manager1', 'manager2');
const type = {
  consult: await dictionaryId(t, 'serviceType', '咨询'),
  complaint: await dictionaryId(t, 'serviceType', '投诉'),
  suggestion: await dictionaryId(t, 'serviceType', '建议'),
};
const HOUR = 3_600_000;
const at = (ms: number) => new Date(t.clock.now.getTime() + ms).toISOString();
const limits = (complaint: [number | null, number | null]) => [
  { typeId: type.complaint, assignWithinHours: complaint[0], handleWithinHours: complaint[1] },
];
beforeEach(async () => {
  await t.database.query('delete from service_sla');
});

describe('the limits (docs/service-sla.md#limits)', () => {
  it('lists every service type, replaces the set, and audits the change', async () => {
    expect(ok(await director.get('/service-sla'))).toEqual([
      { typeId: type.consult, type: '咨询', assignWithinHours: null, handleWithinHours: null },
      { typeId: type.complaint, type: '投诉', assignWithinHours: null, handleWithinHours: null },
      { typeId: type.suggestion, type: '建议', assignWithinHours: null, handleWithinHours: null },
    ]);
    const put = ok(
      await admin.request('PUT', '/service-sla', [
        { typeId: type.complaint, type: '投诉', assignWithinHours: 2, handleWithinHours: 24.5 },
        { typeId: type.suggestion, assignWithinHours: null, handleWithinHours: 8760 },
      ]),
    );
    expect(put[1]).toEqual({ typeId: type.complaint, type: '投诉', assignWithinHours: 2, handleWithinHours: 24.5 });
    expect(put[2]).toMatchObject({ assignWithinHours: null, handleWithinHours: 8760 });
    // the whole set: left out means no limit
    const again = ok(await director.request('PUT', '/service-sla', limits([1, 2])));
    expect(again[2]).toMatchObject({ assignWithinHours: null, handleWithinHours: null });
    expect(await count(t, `select count(*)::int as n from audit_log where entity = 'serviceSla'`)).toBe(2);
  });

  it('refuses hours of 0 or less, over a year or finer than a hundredth, unknown or repeated types, handling before assignment', async () => {
    await director.request('PUT', '/service-sla', limits([4, 48]));
    const region = await dictionaryId(t, 'region');
    const cases: [unknown, string][] = [
      [limits([0, 24]), '0.assignWithinHours'],
      [limits([-1, 24]), '0.assignWithinHours'],
      [limits([1, 8761]), '0.handleWithinHours'],
      [limits([1.001, 24]), '0.assignWithinHours'],
      [[{ typeId: type.complaint, assignWithinHours: '2', handleWithinHours: 3 }], '0.assignWithinHours'],
      [[{ typeId: region, assignWithinHours: 1, handleWithinHours: 2 }], '0.typeId'],
      [[...limits([1, 2]), ...limits([1, 2])], '1.typeId'],
      [limits([10, 5]), '0.handleWithinHours'],
      [{ typeId: type.complaint }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await director.request('PUT', '/service-sla', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (path) expect(errorPaths(res), JSON.stringify(body)).toContain(path);
    }
    expect(ok(await director.get('/service-sla'))[1]).toMatchObject({ assignWithinHours: 4, handleWithinHours: 48 });
    expect((await manager1.get('/service-sla')).status).toBe(403);
    expect((await executive.request('PUT', '/service-sla', limits([1, 2]))).status).toBe(403);
  });
});

describe('deadlines and the overdue filter (docs/service-sla.md#deadlines)', () => {
  it('fixes both deadlines at creation from the type’s limits; none without a limit', async () => {
    await director.request('PUT', '/service-sla', limits([2, 24]));
    const complaint = await buildService(t, { type: '投诉' });
    expect(complaint).toMatchObject({ assignDueAt: at(2 * HOUR), handleDueAt: at(24 * HOUR), overdue: false });
    const consult = await buildService(t, { type: '咨询' });
    expect(consult).toMatchObject({ assignDueAt: null, handleDueAt: null, overdue: false });
    // a later change does not move the deadlines of services already created
    await director.request('PUT', '/service-sla', limits([1, 3]));
    expect(ok(await manager1.get(`/services/${complaint.id}`)).handleDueAt).toBe(at(24 * HOUR));
  });

  it('tags and filters services past a deadline that is still theirs', async () => {
    await director.request('PUT', '/service-sla', limits([2, 24]));
    const late = await buildService(t, { type: '投诉', summary: '超时未分配' });
    const lateHandling = await buildService(t, { type: '投诉', status: 'assigned', summary: '超时未处理' });
    const handled = await buildService(t, { type: '投诉', status: 'handled', summary: '已处理过期' });
    const onTime = await buildService(t, { type: '投诉', summary: '未超时' });
    const pastBy = (id: number, column: string) =>
      t.database.query(`update services set ${column} = $2 where id = $1`, [id, at(-HOUR)]);
    await pastBy(late.id, 'assign_due_at');
    await pastBy(lateHandling.id, 'handle_due_at');
    await pastBy(handled.id, 'handle_due_at');
    const overdue = ok(await director.get('/services?overdue=true&pageSize=100'));
    const overdueIds = overdue.items.map((s: { id: number }) => s.id);
    expect(overdueIds).toEqual(expect.arrayContaining([late.id, lateHandling.id]));
    expect(overdueIds).not.toContain(handled.id);
    expect(overdueIds).not.toContain(onTime.id);
    expect(overdue.items.every((s: { overdue: boolean }) => s.overdue)).toBe(true);
    expect(overdue.total).toBe(overdueIds.length);
    const others = ok(await director.get('/services?overdue=false&pageSize=100')).items.map(
      (s: { id: number }) => s.id,
    );
    expect(others).toEqual(expect.arrayContaining([handled.id, onTime.id]));
    expect(others).not.toContain(late.id);
    expect(ok(await manager1.get(`/services/${late.id}`)).overdue).toBe(true);
    // assigning it ends the assignment breach; its handling deadline is still ahead
    const assigned = ok(await director.post(`/services/${late.id}/assign`, { assigneeId: ids.manager1 }));
    expect(assigned.overdue).toBe(false);
    expect((await director.get('/services?overdue=maybe')).status).toBe(400);
  });
});

describe('the breach job (docs/service-sla.md#breaches)', () => {
  it('tells the assignee and the directors in scope of each breach once, however often it runs', async () => {
    await t.database.query(`update services set assign_breach_at = now(), handle_breach_at = now()`);
    await director.request('PUT', '/service-sla', limits([2, 24]));
    const unassigned = await buildService(t, { type: '投诉', summary: '无人分配' });
    const assigned = await buildService(t, { type: '投诉', status: 'assigned', assignee: 'manager2' });
    await t.database.query(`update services set assign_due_at = $2, handle_due_at = $2 where id = any($1)`, [
      [unassigned.id, assigned.id],
      at(-HOUR),
    ]);
    const first = await announceBreaches(depsOf(t), t.clock.now);
    // unassigned: past both deadlines (two breaches, directors only); assigned: past handling
    expect(first.breaches).toBe(3);
    const told = await t.database.query<{
      user_id: number;
      ref_id: number;
      key: string;
      payload: { deadline: string };
    }>(
      `select user_id, ref_id, key, payload from notifications where kind = 'service.overdue' order by ref_id, key, user_id`,
    );
    expect(told.map((n) => `${n.ref_id}:${n.payload.deadline}:${n.user_id}`)).toEqual([
      `${unassigned.id}:assign:${ids.director}`,
      `${unassigned.id}:handle:${ids.director}`,
      `${assigned.id}:handle:${ids.director}`,
      `${assigned.id}:handle:${ids.manager2}`,
    ]);
    expect(first.told).toBe(4);
    const second = await announceBreaches(depsOf(t), t.clock.now);
    expect(second).toEqual({ breaches: 0, told: 0 });
    expect(await count(t, `select count(*)::int as n from notifications where kind = 'service.overdue'`)).toBe(4);
  });
});

describe('the SLA report (docs/service-sla.md#report)', () => {
  it('counts per type the services of the month, those handled within the limit, the percentage and mean hours', async () => {
    const customerId = (await serviceCustomer(t)).id;
    const march = new Date('2025-03-10T08:00:00Z');
    const row = async (kind: string, handledAfterHours: number | null, dueHours: number | null, createdAt = march) => {
      const id = await insertServiceRow(t, { type: kind, customerId, createdAt, status: 'new' });
      await t.database.query(
        `update services set status = case when $2::float8 is null then 'new' else 'handled' end,
           handled_at = created_at + $2::float8 * interval '1 hour',
           handle_due_at = created_at + $3::float8 * interval '1 hour' where id = $1`,
        [id, handledAfterHours, dueHours],
      );
    };
    await row('投诉', 10, 24);
    await row('投诉', 30, 24);
    await row('投诉', null, 24);
    await row('咨询', 5, null);
    await row('投诉', 1, 24, new Date('2025-04-10T08:00:00Z'));
    const report = ok(await executive.get('/reports/sla?year=2025&month=3'));
    expect(report).toMatchObject({ year: 2025, month: 3 });
    expect(report.items).toEqual([
      { typeId: type.consult, type: '咨询', total: 1, handledWithin: 1, percent: 100, avgHandleHours: 5 },
      { typeId: type.complaint, type: '投诉', total: 3, handledWithin: 1, percent: 33.3, avgHandleHours: 20 },
      { typeId: type.suggestion, type: '建议', total: 0, handledWithin: 0, percent: null, avgHandleHours: null },
    ]);
    const year = ok(await director.get('/reports/sla?year=2025'));
    expect(year.items[1]).toMatchObject({ total: 4, handledWithin: 2, percent: 50, avgHandleHours: 13.7 });

    const csv = await download(t, executive.cookie, '/reports/sla?year=2025&month=3&format=csv&lang=en');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Service type');
    expect(csv.text).toContain('投诉,3,1,33.3,20');
    const xlsx = await download(t, director.cookie, '/reports/sla?year=2025&month=3&format=xlsx');
    const sheet = await readXlsx(xlsx.bytes);
    expect(sheet.rows[0]).toEqual(['服务类型', '服务数', '时限内处理', '达成率（%）', '平均处理时长（小时）']);
    expect(sheet.rows).toContainEqual(['投诉', 3, 1, 33.3, 20]);
  });

  it('refuses a missing year or a month out of range; managers may not read it', async () => {
    for (const q of ['', '?year=2025&month=13', '?year=2025&month=0', '?year=abc', '?year=2025&month=3&x=1']) {
      expect((await director.get(`/reports/sla${q}`)).status, q).toBe(400);
    }
    expect((await manager1.get('/reports/sla?year=2025')).status).toBe(403);
  });
});
