import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import {
  buildCustomer,
  buildSalesYear,
  dictionaryId,
  insertChurnWarning,
  insertServiceRow,
  signIn,
} from '../../test/factories.ts';

let t: TestApp;
let executive: Client;
let director: Client;

const ROUTES = ['/reports/contribution', '/reports/composition', '/reports/services', '/reports/churn'];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Percentages are two-decimal numbers: compare their sum in hundredths, as integers. */
const hundredths = (xs: number[]) => sum(xs.map((x) => Math.round(x * 100)));

beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date(2026, 10, 25, 10, 0, 0);
  [executive, director] = await signIn(t, 'executive', 'director');
});
afterAll(() => t.close());

describe('who may read the reports', () => {
  it('answers 401 without a session, 403 to managers and administrators, 200 to directors and executives', async () => {
    const manager = await t.login('manager1');
    const admin = await t.login('admin');
    for (const route of ROUTES) {
      for (const format of ['', '?format=csv', '?format=xlsx']) {
        expect((await t.anonymous().get(route + format)).status).toBe(401);
        expect((await manager.get(route + format)).body.error.code).toBe('FORBIDDEN');
        expect((await admin.get(route + format)).status).toBe(403);
      }
      expect((await executive.get(route)).status).toBe(200);
      expect((await director.get(route)).status).toBe(200);
    }
  });

  it('refuses bad filters with the field named', async () => {
    for (const [url, path] of [
      ['/reports/composition?by=region', 'by'],
      ['/reports/contribution?year=abc', 'year'],
      ['/reports/services?year=20261', 'year'],
      ['/reports/churn?format=pdf', 'format'],
      ['/reports/contribution?lang=fr', 'lang'],
      ['/reports/contribution?pageSize=101', 'pageSize'],
      ['/reports/services?unknown=1', ''],
    ] as const) {
      const res = await executive.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });
});

describe('with no customers at all', () => {
  it('answers empty reports: totals 0, every share 0, no division by zero', async () => {
    const contribution = await executive.get('/reports/contribution');
    expect(contribution.body).toMatchObject({ items: [], total: 0, totalAmount: 0, asOf: null });
    for (const by of ['level', 'credit', 'satisfaction']) {
      const composition = await executive.get(`/reports/composition?by=${by}`);
      expect(composition.status).toBe(200);
      expect(composition.body.total).toBe(0);
      expect(
        composition.body.items.every((i: { count: number; percent: number }) => i.count === 0 && i.percent === 0),
      ).toBe(true);
    }
    const services = await executive.get('/reports/services');
    expect(services.body.total).toBe(0);
    expect(services.body.items.map((i: { type: string; count: number }) => [i.type, i.count])).toEqual([
      ['咨询', 0],
      ['投诉', 0],
      ['建议', 0],
    ]);
    expect((await executive.get('/reports/churn')).body).toMatchObject({ items: [], total: 0 });
  });
});

describe('customer contribution', () => {
  const c: Record<string, { id: number; number: string }> = {};
  beforeAll(async () => {
    c.alpha = await buildCustomer(t, { name: '北京阿尔法科技', bare: true });
    c.beta = await buildCustomer(t, { name: '上海贝塔贸易', bare: true });
    c.gamma = await buildCustomer(t, { name: '广州伽马制造', bare: true });
    c.delta = await buildCustomer(t, { name: '北京德尔塔电子', bare: true });
    await buildSalesYear(t, c.alpha.number, 2025, '100.50', '2025-12-31');
    await buildSalesYear(t, c.alpha.number, 2026, '200.25', '2026-01-01');
    await buildSalesYear(t, c.beta.number, 2026, '1000.00');
    await buildSalesYear(t, c.delta.number, 2025, '300.75');
    await buildSalesYear(t, 'KH-NOT-A-CUSTOMER', 2026, '99999.00'); // the sales system's customer the CRM does not know
  });

  it('sums the counted amounts per customer over all years, largest first, customers without orders at 0', async () => {
    const res = await executive.get('/reports/contribution');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { customerName: string; amount: number }) => [i.customerName, i.amount])).toEqual([
      ['上海贝塔贸易', 1000],
      ['北京阿尔法科技', 300.75],
      ['北京德尔塔电子', 300.75],
      ['广州伽马制造', 0],
    ]);
    expect(res.body).toMatchObject({ total: 4, totalAmount: 1601.5, page: 1, pageSize: 20 });
    expect(res.body.items[0]).toEqual({
      customerId: c.beta!.id,
      customerNumber: c.beta!.number,
      customerName: '上海贝塔贸易',
      amount: 1000,
    });
  });

  it('breaks ties by customer (the earlier one first)', async () => {
    const res = await executive.get('/reports/contribution');
    const tied = res.body.items
      .filter((i: { amount: number }) => i.amount === 300.75)
      .map((i: { customerId: number }) => i.customerId);
    expect(tied).toEqual([c.alpha!.id, c.delta!.id]);
  });

  it('counts an order in the year of its order date: Dec 31 in the old year, Jan 1 in the new one', async () => {
    const y2025 = await executive.get('/reports/contribution?year=2025');
    expect(
      y2025.body.items.slice(0, 2).map((i: { customerName: string; amount: number }) => [i.customerName, i.amount]),
    ).toEqual([
      ['北京德尔塔电子', 300.75],
      ['北京阿尔法科技', 100.5],
    ]);
    expect(y2025.body.totalAmount).toBe(401.25);
    const y2026 = await executive.get('/reports/contribution?year=2026');
    expect(y2026.body.items.slice(0, 2).map((i: { amount: number }) => i.amount)).toEqual([1000, 200.25]);
    expect(y2026.body.totalAmount).toBe(1200.25);
    expect((await executive.get('/reports/contribution?year=2024')).body.totalAmount).toBe(0);
  });

  it('filters by a part of the customer name, case-insensitively, and pages', async () => {
    const res = await executive.get(`/reports/contribution?customerName=${encodeURIComponent('北京')}`);
    expect(res.body.items.map((i: { customerName: string }) => i.customerName).sort()).toEqual([
      '北京德尔塔电子',
      '北京阿尔法科技',
    ]);
    expect(res.body.totalAmount).toBe(601.5);
    const page2 = await executive.get('/reports/contribution?pageSize=1&page=2');
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 1 });
    expect(page2.body.items.map((i: { customerId: number }) => i.customerId)).toEqual([c.alpha!.id]);
    expect((await executive.get('/reports/contribution?customerName=%25')).body.total).toBe(0); // % is literal
  });

  it('says how current the sales figures are', async () => {
    const asOf = new Date('2026-11-25T01:00:00.000Z');
    await t.database.query(
      'insert into sales_sync (id, as_of) values (1, $1) on conflict (id) do update set as_of = excluded.as_of',
      [asOf.toISOString()],
    );
    expect((await executive.get('/reports/contribution')).body.asOf).toBe(asOf.toISOString());
  });
});

describe('customer composition', () => {
  beforeAll(async () => {
    // 4 customers above have neither level, credit nor satisfaction; 3 more with values
    await buildCustomer(t, {
      name: '杭州一',
      bare: true,
      levelId: await dictionaryId(t, 'customerLevel', '大客户'),
      credit: 5,
      satisfaction: 3,
    });
    await buildCustomer(t, {
      name: '杭州二',
      bare: true,
      levelId: await dictionaryId(t, 'customerLevel', '大客户'),
      credit: 4,
      satisfaction: 3,
    });
    await buildCustomer(t, {
      name: '杭州三',
      bare: true,
      levelId: await dictionaryId(t, 'customerLevel', '普通客户'),
      credit: 5,
    });
  });

  it('counts customers per level, every level listed, "not set" as its own group, shares adding up to 100', async () => {
    const res = await executive.get('/reports/composition?by=level');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(7);
    const byLabel = Object.fromEntries(
      res.body.items.map((i: { label: string; count: number; percent: number }) => [i.label, [i.count, i.percent]]),
    );
    // 4/7 = 57.142857…, 2/7 = 28.571428…, 1/7 = 14.285714… → floors 57.14 + 28.57 + 14.28 = 99.99; the largest
    // remainder (.8571 of 1/7) gets the hundredth
    expect(byLabel).toEqual({
      普通客户: [1, 14.29],
      重点开发客户: [0, 0],
      大客户: [2, 28.57],
      合作伙伴: [0, 0],
      战略合作伙伴: [0, 0],
      未设置: [4, 57.14],
    });
    expect(res.body.items.at(-1)).toMatchObject({ key: null, label: '未设置' });
    expect(res.body.items[0].key).toBe(await dictionaryId(t, 'customerLevel', '普通客户'));
    expect(hundredths(res.body.items.map((i: { percent: number }) => i.percent))).toBe(10000);
  });

  it('counts per credit and per satisfaction value 1–5, "not set" last, in the reader\'s language', async () => {
    const credit = await executive.get('/reports/composition?by=credit&lang=en');
    expect(credit.body.items.map((i: { key: number | null; count: number }) => [i.key, i.count])).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 1],
      [5, 2],
      [null, 4],
    ]);
    expect(credit.body.items.at(-1).label).toBe('Not set');
    expect(credit.body.items[4].label).toBe('☆☆☆☆☆');
    const satisfaction = await executive.get('/reports/composition?by=satisfaction');
    expect(
      satisfaction.body.items.map((i: { key: number | null; count: number; percent: number }) => [
        i.key,
        i.count,
        i.percent,
      ]),
    ).toEqual([
      [1, 0, 0],
      [2, 0, 0],
      [3, 2, 28.57],
      [4, 0, 0],
      [5, 0, 0],
      [null, 5, 71.43],
    ]);
    for (const res of [credit, satisfaction])
      expect(hundredths(res.body.items.map((i: { percent: number }) => i.percent))).toBe(10000);
  });

  it('can count only normal or only lost customers', async () => {
    const [one] = await t.database.query<{ id: number }>("select id from customers where name = '杭州三'");
    await t.database.query("update customers set status = 'lost' where id = $1", [one!.id]);
    expect((await executive.get('/reports/composition?by=level&status=lost')).body.total).toBe(1);
    expect((await executive.get('/reports/composition?by=level&status=normal')).body.total).toBe(6);
    await t.database.query("update customers set status = 'normal' where id = $1", [one!.id]);
  });

  it('leaves a merged customer out of its group, whatever the status asked for', async () => {
    const id = async (name: string) =>
      (await t.database.query<{ id: number }>('select id from customers where name = $1', [name]))[0]!.id;
    const [survivor, merged, lost] = [await id('杭州一'), await id('杭州二'), await id('杭州三')];
    await t.database.query("update customers set status = 'merged', merged_into_id = $1 where id = $2", [
      survivor,
      merged,
    ]);
    await t.database.query("update customers set status = 'lost' where id = $1", [lost]);
    const counts = async (query: string) => {
      const res = await executive.get(`/reports/composition?by=level${query}`);
      const byLabel = Object.fromEntries(
        res.body.items.map((i: { label: string; count: number }) => [i.label, i.count]),
      );
      return { total: res.body.total, big: byLabel['大客户'], ordinary: byLabel['普通客户'] };
    };
    expect(await counts('')).toEqual({ total: 6, big: 1, ordinary: 1 });
    expect(await counts('&status=normal')).toEqual({ total: 5, big: 1, ordinary: 0 });
    expect(await counts('&status=lost')).toEqual({ total: 1, big: 0, ordinary: 1 });
    await t.database.query("update customers set status = 'normal', merged_into_id = null where id = any($1::int[])", [
      [merged, lost],
    ]);
  });
});

describe('service analysis', () => {
  beforeAll(async () => {
    const [customer] = await t.database.query<{ id: number }>('select id from customers order by id limit 1');
    const customerId = customer!.id;
    // local time, like the year filter: the last second of 2025 and the first second of 2026
    await insertServiceRow(t, { type: '咨询', customerId, createdAt: new Date(2025, 11, 31, 23, 59, 59) });
    await insertServiceRow(t, { type: '咨询', customerId, createdAt: new Date(2026, 0, 1, 0, 0, 0) });
    await insertServiceRow(t, {
      type: '咨询',
      customerId,
      createdAt: new Date(2026, 5, 1),
      status: 'assigned',
      assignee: 'manager1',
    });
    await insertServiceRow(t, { type: '投诉', customerId, createdAt: new Date(2026, 0, 1, 0, 0, 0) });
    await insertServiceRow(t, { type: '投诉', customerId, createdAt: new Date(2024, 2, 3) });
  });

  it('counts services per type, every type listed, over all years', async () => {
    const res = await executive.get('/reports/services');
    expect(
      res.body.items.map((i: { typeId: number; type: string; count: number }) => [i.typeId, i.type, i.count]),
    ).toEqual([
      [await dictionaryId(t, 'serviceType', '咨询'), '咨询', 3],
      [await dictionaryId(t, 'serviceType', '投诉'), '投诉', 2],
      [await dictionaryId(t, 'serviceType', '建议'), '建议', 0],
    ]);
    expect(res.body).toMatchObject({ total: 5, year: null });
  });

  it('counts a service in the year of its creation: Dec 31 23:59:59 in the old year, Jan 1 00:00 in the new one', async () => {
    const counts = async (year: number) =>
      (await executive.get(`/reports/services?year=${year}`)).body.items.map((i: { count: number }) => i.count);
    expect(await counts(2025)).toEqual([1, 0, 0]);
    expect(await counts(2026)).toEqual([2, 1, 0]);
    expect(await counts(2024)).toEqual([0, 1, 0]);
    expect((await executive.get('/reports/services?year=2026')).body).toMatchObject({ total: 3, year: 2026 });
  });
});

describe('churn analysis', () => {
  beforeAll(async () => {
    const a = await buildCustomer(t, { name: '成都流失甲', bare: true, manager: 'manager1' });
    const b = await buildCustomer(t, { name: '重庆流失乙', bare: true, manager: 'manager2' });
    const c = await buildCustomer(t, { name: '西安预警丙', bare: true, manager: 'manager1' });
    await insertChurnWarning(t, {
      customerId: a.id,
      manager: 'manager1',
      status: 'lost',
      lastOrderDate: '2025-03-01',
      reason: '转向竞争对手',
      confirmedAt: new Date('2026-10-01T08:00:00Z'),
    });
    await insertChurnWarning(t, {
      customerId: b.id,
      manager: 'manager2',
      status: 'lost',
      lastOrderDate: null,
      reason: '企业倒闭',
      confirmedAt: new Date('2026-11-01T08:00:00Z'),
    });
    await insertChurnWarning(t, {
      customerId: c.id,
      manager: 'manager1',
      status: 'delayed',
      lastOrderDate: '2025-04-01',
    });
  });

  it('lists confirmed losses only, latest confirmation first, with manager, last order, confirmation and reason', async () => {
    const res = await executive.get('/reports/churn');
    expect(res.body.total).toBe(2);
    expect(
      res.body.items.map((i: Record<string, unknown>) => [
        i.customerName,
        i.managerName,
        i.lastOrderDate,
        i.confirmedAt,
        i.reason,
      ]),
    ).toEqual([
      ['重庆流失乙', '张经理', null, '2026-11-01T08:00:00.000Z', '企业倒闭'],
      ['成都流失甲', '李经理', '2025-03-01', '2026-10-01T08:00:00.000Z', '转向竞争对手'],
    ]);
    expect(typeof res.body.asOf).toBe('string');
  });

  it('filters by customer name and by manager name', async () => {
    const byCustomer = await executive.get(`/reports/churn?customerName=${encodeURIComponent('成都')}`);
    expect(byCustomer.body.items.map((i: { customerName: string }) => i.customerName)).toEqual(['成都流失甲']);
    const byManager = await executive.get(`/reports/churn?managerName=${encodeURIComponent('张')}`);
    expect(byManager.body.items.map((i: { customerName: string }) => i.customerName)).toEqual(['重庆流失乙']);
    expect(
      (
        await executive.get(
          `/reports/churn?managerName=${encodeURIComponent('张')}&customerName=${encodeURIComponent('成都')}`,
        )
      ).body.total,
    ).toBe(0);
    const paged = await executive.get('/reports/churn?pageSize=1&page=2');
    expect(paged.body).toMatchObject({ total: 2, page: 2 });
    expect(paged.body.items[0].customerName).toBe('成都流失甲');
  });
});
