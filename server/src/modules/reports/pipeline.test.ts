import { describe, expect, it } from 'vitest';
import { localDay, localMonth, shiftMonth } from '../../platform/calendar.ts';
import { buildOpportunity, DAY, dictionaryId, errorPaths, testApp, userIds } from '../../test/factories.ts';

/** The forecast and the win/loss analysis (docs/pipeline.md#forecast, #win-loss), against figures worked by hand. */
const { t, director, manager1, executive, admin } = await testApp('director', 'manager1', 'executive', 'admin');
const ids = await userIds(t, 'director', 'manager1', 'manager2');

/**
 * A team lead who reads the reports over their department's opportunities only (docs/organisation.md#data-scope):
 * the department holds manager1.
 */
async function departmentLead() {
  const dept = await admin.post('/departments', { name: '华东销售部' });
  await admin.post('/roles', {
    code: 'teamlead',
    name: '销售组长',
    permissions: ['report.read', 'opportunity.read'],
    dataScope: { customers: 'all', opportunities: 'department', services: 'all', churn: 'self' },
  });
  const lead = await admin.post('/users', {
    username: 'lead1',
    displayName: '组长',
    password: 'long-enough',
    roles: ['teamlead'],
    departmentId: dept.body.id,
  });
  expect(lead.status, lead.text).toBe(201);
  expect((await admin.patch(`/users/${ids.manager1}`, { departmentId: dept.body.id })).status).toBe(200);
  return t.login('lead1', 'long-enough');
}
let lead: Awaited<ReturnType<typeof departmentLead>>;
const stage = {
  first: await dictionaryId(t, 'opportunityStage', '初步接触'),
  second: await dictionaryId(t, 'opportunityStage', '需求确认'),
  third: await dictionaryId(t, 'opportunityStage', '方案报价'),
  fourth: await dictionaryId(t, 'opportunityStage', '商务谈判'),
};

type Item = { month: string; assignee: { id: number } | null; count: number; amount: number; weighted: number };

describe('the sales forecast (docs/pipeline.md#forecast)', () => {
  const m1 = shiftMonth(localMonth(t.clock.now), 1);
  const m2 = shiftMonth(localMonth(t.clock.now), 2);

  it('sums amounts and weighted amounts per month and assignee, as worked by hand', async () => {
    const day = (m: string) => `${m}-10`;
    // month 1, manager1: 1000 × 60 % + 333.33 × 33 % = 600 + 109.9989 → 710.00
    await buildOpportunity(t, {
      assignee: 'manager1',
      successRate: 60,
      expectedAmount: 1000,
      expectedCloseDate: day(m1),
    });
    await buildOpportunity(t, {
      assignee: 'manager1',
      successRate: 33,
      expectedAmount: 333.33,
      expectedCloseDate: day(m1),
    });
    // month 1, not assigned yet: 500 × 50 % = 250
    await buildOpportunity(t, { by: 'director', successRate: 50, expectedAmount: 500, expectedCloseDate: day(m1) });
    // month 2, manager2: 2000 × 10 % = 200, and one without an amount (counted, worth 0)
    await buildOpportunity(t, {
      by: 'manager2',
      assignee: 'manager2',
      successRate: 10,
      expectedAmount: 2000,
      expectedCloseDate: day(m2),
    });
    await buildOpportunity(t, { by: 'manager2', assignee: 'manager2', successRate: 90, expectedCloseDate: day(m2) });
    // closed ones and ones without a close date are not forecast
    await buildOpportunity(t, { status: 'failed', expectedAmount: 999, expectedCloseDate: day(m1) });
    await buildOpportunity(t, { assignee: 'manager1', expectedAmount: 777 });
    // overdue: open, its close date passed (set in the database: the API takes no past date)
    const late = await buildOpportunity(t, { by: 'director', assignee: 'manager2', expectedAmount: 700 });
    await t.database.query(
      `update opportunities set expected_close_date = $1, created_at = now() - interval '60 days' where id = $2`,
      [localDay(new Date(t.clock.now.getTime() - 10 * DAY)), late.id],
    );

    const res = await director.get(`/reports/forecast?from=${m1}&to=${m2}`);
    expect(res.status, res.text).toBe(200);
    const items = res.body.items as Item[];
    const of = (month: string, assignee: number | null) =>
      items.find((i) => i.month === month && (i.assignee?.id ?? null) === assignee);
    expect(items).toHaveLength(3);
    expect(of(m1, null)).toMatchObject({ count: 1, amount: 500, weighted: 250 });
    expect(of(m1, ids.manager1)).toMatchObject({ count: 2, amount: 1333.33, weighted: 710 });
    expect(of(m2, ids.manager2)).toMatchObject({ count: 2, amount: 2000, weighted: 200 });
    expect(res.body.totals).toEqual({ count: 5, amount: 3833.33, weighted: 1160 });
    expect(res.body.overdue).toEqual({ count: 1, amount: 700 });
    expect(res.body).toMatchObject({ from: m1, to: m2 });

    // one month, one assignee
    const one = await director.get(`/reports/forecast?from=${m2}&to=${m2}&assigneeId=${ids.manager2}`);
    expect(one.body.items).toEqual([expect.objectContaining({ month: m2, count: 2, weighted: 200 })]);
    expect(one.body.overdue).toEqual({ count: 1, amount: 700 });
    // the default: this month and the five after
    const dflt = (await director.get('/reports/forecast')).body;
    expect([dflt.from, dflt.to]).toEqual([localMonth(t.clock.now), shiftMonth(localMonth(t.clock.now), 5)]);
    expect(dflt.totals.weighted).toBe(1160);
  });

  it('reads only the opportunities in the reader’s scope', async () => {
    lead = await departmentLead();
    const mine = (await lead.get(`/reports/forecast?from=${m1}&to=${m2}`)).body;
    expect(mine.items).toEqual([
      expect.objectContaining({ month: m1, assignee: expect.objectContaining({ id: ids.manager1 }), weighted: 710 }),
    ]);
    expect(mine.overdue).toEqual({ count: 0, amount: 0 });
    // the executive reads reports over the whole company
    expect((await executive.get(`/reports/forecast?from=${m1}&to=${m2}`)).body.totals.weighted).toBe(1160);
  });

  it('exports the same rows as CSV and XLSX', async () => {
    const csv = await director.get(`/reports/forecast?from=${m1}&to=${m2}&format=csv&lang=en`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Weighted (CNY)');
    expect(lines).toHaveLength(4);
    expect(lines.some((l) => l.includes(m1) && l.includes('710'))).toBe(true);
    const xlsx = await director.get(`/reports/forecast?from=${m1}&to=${m2}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses months out of order, too many months, and malformed ones', async () => {
    const back = await director.get(`/reports/forecast?from=${m2}&to=${m1}`);
    expect(back.status).toBe(400);
    expect(errorPaths(back)).toEqual(['to']);
    expect((await director.get(`/reports/forecast?from=2026-01&to=2029-01`)).status).toBe(400);
    for (const q of ['from=2026-13', 'to=26-01', 'assigneeId=0', 'format=pdf']) {
      expect((await director.get(`/reports/forecast?${q}`)).status, q).toBe(400);
    }
    // the reports are for those who read reports (report.read), not for the managers
    expect((await manager1.get('/reports/forecast')).status).toBe(403);
    expect((await admin.get('/reports/forecast')).status).toBe(403);
  });
});

describe('the win/loss analysis (docs/pipeline.md#win-loss)', () => {
  const base = Date.parse('2026-03-01T04:00:00Z');
  const insert = async (o: {
    status: 'succeeded' | 'failed';
    source: string | null;
    assignee: 'manager1' | 'manager2';
    amount: number | null;
    days: number;
    reason?: string | null;
    stageId: number | null;
    at?: number;
  }) => {
    const created = new Date(o.at ?? base);
    await t.database.query(
      `insert into opportunities (source, customer_name, success_rate, summary, description, status, created_by, created_at,
         assignee_id, assigned_at, closed_at, fail_reason, expected_amount, stage_id)
       values ($1, '赢单公司', 50, '概要', '描述', $2, $3, $4, $5, $4, $6, $7, $8, $9)`,
      [
        o.source,
        o.status,
        ids.director,
        created.toISOString(),
        ids[o.assignee],
        new Date(created.getTime() + o.days * DAY).toISOString(),
        o.status === 'failed' ? (o.reason ?? null) : null,
        o.amount,
        o.stageId,
      ],
    );
  };

  it('counts, percentages, amount won, days to close, by source, assignee and stage, reasons ranked', async () => {
    await insert({
      status: 'succeeded',
      source: '展会',
      assignee: 'manager1',
      amount: 1000,
      days: 10,
      stageId: stage.fourth,
    });
    await insert({
      status: 'succeeded',
      source: '展会',
      assignee: 'manager1',
      amount: 500,
      days: 20,
      stageId: stage.third,
    });
    await insert({
      status: 'failed',
      source: '展会',
      assignee: 'manager2',
      amount: 800,
      days: 5,
      reason: '价格太高',
      stageId: stage.second,
    });
    await insert({
      status: 'failed',
      source: '网站',
      assignee: 'manager2',
      amount: null,
      days: 7,
      reason: '价格太高',
      stageId: null,
    });
    await insert({ status: 'failed', source: null, assignee: 'manager1', amount: 300, days: 3, stageId: stage.first });
    // closed before the period: not counted
    await insert({
      status: 'succeeded',
      source: '展会',
      assignee: 'manager1',
      amount: 9999,
      days: 1,
      stageId: stage.first,
      at: Date.parse('2025-12-01T04:00:00Z'),
    });

    const res = await director.get('/reports/win-loss?from=2026-03-01&to=2026-03-31');
    expect(res.status, res.text).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      total: 5,
      succeeded: 2,
      failed: 3,
      successPercent: 40,
      amountWon: 1500,
      avgDaysToClose: 9,
    });
    expect(r.bySource).toEqual([
      { source: '展会', succeeded: 2, failed: 1, successPercent: 66.67 },
      { source: '网站', succeeded: 0, failed: 1, successPercent: 0 },
      { source: null, succeeded: 0, failed: 1, successPercent: 0 },
    ]);
    expect(r.byAssignee).toEqual([
      expect.objectContaining({
        assignee: expect.objectContaining({ id: ids.manager1 }),
        succeeded: 2,
        failed: 1,
        successPercent: 66.67,
        amountWon: 1500,
      }),
      expect.objectContaining({
        assignee: expect.objectContaining({ id: ids.manager2 }),
        succeeded: 0,
        failed: 2,
        successPercent: 0,
        amountWon: 0,
      }),
    ]);
    expect(
      r.byStage.map((s: { stage: { item: string } | null; succeeded: number; failed: number }) => [
        s.stage?.item ?? null,
        s.succeeded,
        s.failed,
      ]),
    ).toEqual([
      ['初步接触', 0, 1],
      ['需求确认', 0, 1],
      ['方案报价', 1, 0],
      ['商务谈判', 1, 0],
      [null, 0, 1],
    ]);
    expect(r.failReasons).toEqual([
      { reason: '价格太高', count: 2 },
      { reason: null, count: 1 },
    ]);
    // one day: the period's ends are whole server days
    const oneDay = (await director.get('/reports/win-loss?from=2026-03-11&to=2026-03-11')).body;
    expect(oneDay).toMatchObject({ total: 1, succeeded: 1, amountWon: 1000, avgDaysToClose: 10 });
  });

  it('in the reader’s scope, and by assignee', async () => {
    const mine = (await lead.get('/reports/win-loss?from=2026-03-01&to=2026-03-31')).body;
    expect(mine).toMatchObject({ total: 3, succeeded: 2, failed: 1, successPercent: 66.67, amountWon: 1500 });
    const theirs = (await director.get(`/reports/win-loss?from=2026-03-01&to=2026-03-31&assigneeId=${ids.manager2}`))
      .body;
    expect(theirs).toMatchObject({ total: 2, succeeded: 0, successPercent: 0, amountWon: 0 });
    const none = (await director.get('/reports/win-loss?from=2020-01-01&to=2020-01-31')).body;
    expect(none).toMatchObject({ total: 0, successPercent: 0, amountWon: 0, avgDaysToClose: null, bySource: [] });
  });

  it('exports its groups, and refuses a period that ends before it starts', async () => {
    const csv = await director.get('/reports/win-loss?from=2026-03-01&to=2026-03-31&format=csv&lang=en');
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Win rate (%)');
    expect(lines.filter((l) => l.startsWith('Source'))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('Failure reason'))).toHaveLength(2);
    expect((await director.get('/reports/win-loss?from=2026-03-01&to=2026-03-31&format=xlsx')).status).toBe(200);
    const back = await director.get('/reports/win-loss?from=2026-03-31&to=2026-03-01');
    expect(back.status).toBe(400);
    expect(errorPaths(back)).toEqual(['to']);
    expect((await director.get('/reports/win-loss?from=2026-02-30')).status).toBe(400);
  });
});
