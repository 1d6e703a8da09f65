import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { salesRefreshJob } from './job.ts';
import { loadConfig } from '../config.ts';
import { refreshSalesFigures } from './figures.ts';
import { depsOf, installSalesSchema, salesWriter, type SalesWriter } from '../test/factories.ts';

let t: TestApp;
let w: SalesWriter;
let tv: number;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Figure = { customer_no: string; year: number; amount: string; order_count: number; last_order_date: string };
const figures = () =>
  t.database.query<Figure>(
    'select customer_no, year, amount::text as amount, order_count, last_order_date from customer_sales_years order by customer_no, year',
  );

describe('the sales system missing', () => {
  it('answers 503 SALES_UNAVAILABLE for a refresh and says unreachable, while the rest works', async () => {
    const director = await t.login('director');
    const res = await director.post('/sales/refresh');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SALES_UNAVAILABLE');
    expect((await director.get('/sales/status')).body).toEqual({ asOf: null, reachable: false });
    expect((await director.get('/dictionary?type=region')).status).toBe(200);
  });
});

describe('sales figures (derived copy)', () => {
  beforeAll(async () => {
    await installSalesSchema(t.database);
    w = salesWriter(t.database.query);
    tv = await w.product({ name: '幸福牌电视机', model: 'FS-3200', price: 3000 });
    await w.order({
      customerNo: 'KH20240101001',
      date: '2024-03-01',
      status: 5,
      lines: [{ productId: tv, quantity: 2, unitPrice: 1000.5 }],
    });
    await w.order({
      customerNo: 'KH20240101001',
      date: '2024-07-09',
      status: 6,
      lines: [
        { productId: tv, quantity: 1, unitPrice: 99.99 },
        { productId: tv, quantity: 3, unitPrice: 10 },
      ],
    });
    await w.order({
      customerNo: 'KH20240101001',
      date: '2025-01-05',
      status: 6,
      lines: [{ productId: tv, quantity: 1, unitPrice: 500 }],
    });
    // not counted: statuses 1–4
    for (const status of [1, 2, 3, 4]) {
      await w.order({
        customerNo: 'KH20240101001',
        date: '2025-06-01',
        status,
        lines: [{ productId: tv, quantity: 100, unitPrice: 1000 }],
      });
    }
    await w.order({ customerNo: 'KH20240101002', date: '2025-02-02', status: 5, lines: [] });
  });

  it('needs a session for the status and sales.refresh for a refresh', async () => {
    expect((await t.anonymous().get('/sales/status')).status).toBe(401);
    expect((await t.anonymous().post('/sales/refresh')).status).toBe(401);
    const manager = await t.login('manager1');
    const refused = await manager.post('/sales/refresh');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await manager.get('/sales/status')).status).toBe(200);
  });

  it('counts only orders with status 5 or 6, per customer number and year', async () => {
    const admin = await t.login('admin');
    const res = await admin.post('/sales/refresh');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(t.clock.now.toISOString());
    expect(await figures()).toEqual([
      { customer_no: 'KH20240101001', year: 2024, amount: '2130.99', order_count: 2, last_order_date: '2024-07-09' },
      { customer_no: 'KH20240101001', year: 2025, amount: '500.00', order_count: 1, last_order_date: '2025-01-05' },
      { customer_no: 'KH20240101002', year: 2025, amount: '0.00', order_count: 1, last_order_date: '2025-02-02' },
    ]);
    const status = await admin.get('/sales/status');
    expect(status.body).toEqual({ asOf: res.body.asOf, reachable: true });
  });

  it('picks up new orders and status changes in an incremental refresh', async () => {
    const today = t.clock.now.toISOString().slice(0, 10);
    const fresh = await w.order({
      customerNo: 'KH20240101003',
      date: today,
      status: 4,
      lines: [{ productId: tv, quantity: 1, unitPrice: 10 }],
    });
    const director = await t.login('director');
    await director.post('/sales/refresh');
    expect((await figures()).some((f) => f.customer_no === 'KH20240101003')).toBe(false);
    await w.setStatus(fresh, 5); // shipped: now it counts
    await w.order({
      customerNo: 'KH20240101002',
      date: today,
      status: 6,
      lines: [{ productId: tv, quantity: 4, unitPrice: 25 }],
    });
    t.clock.advance(60_000);
    const deps = depsOf(t);
    const { asOf } = await refreshSalesFigures(deps, 'incremental', t.clock.now).finally(() => deps.sales.close());
    expect(asOf).toBe(t.clock.now.toISOString());
    const year = Number(today.slice(0, 4));
    const after = await figures();
    expect(after).toContainEqual({
      customer_no: 'KH20240101003',
      year,
      amount: '10.00',
      order_count: 1,
      last_order_date: today,
    });
    expect(after).toContainEqual({
      customer_no: 'KH20240101002',
      year,
      amount: '100.00',
      order_count: 1,
      last_order_date: today,
    });
    // untouched customers keep their rows
    expect(after).toContainEqual({
      customer_no: 'KH20240101001',
      year: 2025,
      amount: '500.00',
      order_count: 1,
      last_order_date: '2025-01-05',
    });
    const [sync] = await t.database.query<{ watermark: string }>('select watermark from sales_sync');
    expect(Number(sync!.watermark)).toBeGreaterThanOrEqual(fresh);
  });

  it('recomputes back-dated new orders incrementally, and late changes of old orders at the next full refresh', async () => {
    const deps = depsOf(t);
    try {
      const late = await w.order({
        customerNo: 'KH20240101002',
        date: '2023-03-03',
        status: 4,
        lines: [{ productId: tv, quantity: 1, unitPrice: 7 }],
      });
      await refreshSalesFigures(deps, 'full', t.clock.now);
      const backdated = await w.order({
        customerNo: 'KH20240101002',
        date: '2022-12-12',
        status: 6,
        lines: [{ productId: tv, quantity: 2, unitPrice: 50 }],
      });
      await w.setStatus(late, 5); // an old order shipped late: outside the incremental window
      t.clock.advance(60_000);
      await refreshSalesFigures(deps, 'incremental', t.clock.now);
      let rows = (await figures()).filter((f) => f.customer_no === 'KH20240101002');
      expect(rows).toContainEqual({
        customer_no: 'KH20240101002',
        year: 2022,
        amount: '100.00',
        order_count: 1,
        last_order_date: '2022-12-12',
      });
      expect(rows.some((f) => f.year === 2023)).toBe(false);
      t.clock.advance(60_000);
      await refreshSalesFigures(deps, 'full', t.clock.now);
      rows = (await figures()).filter((f) => f.customer_no === 'KH20240101002');
      expect(rows).toContainEqual({
        customer_no: 'KH20240101002',
        year: 2023,
        amount: '7.00',
        order_count: 1,
        last_order_date: '2023-03-03',
      });
      expect(backdated).toBeGreaterThan(late);
    } finally {
      await deps.sales.close();
    }
  });

  it('keeps the old copy when the sales system goes away, and refreshes again when it is back', async () => {
    const before = await figures();
    await t.database.query('alter schema sales rename to sales_away');
    const director = await t.login('director');
    const started = Date.now();
    const res = await director.post('/sales/refresh');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SALES_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await figures()).toEqual(before);
    expect((await director.get('/sales/status')).body.reachable).toBe(false);
    await t.database.query('alter schema sales_away rename to sales');
    expect((await director.post('/sales/refresh')).status).toBe(200);
    expect((await director.get('/sales/status')).body.reachable).toBe(true);
  });
});

describe('the scheduled refresh', () => {
  it('runs on CRM_SALES_REFRESH_CRON, every 10 minutes unless configured', async () => {
    const deps = depsOf(t);
    await deps.sales.close();
    expect(salesRefreshJob(deps).cron).toBe('*/10 * * * *');
    expect(salesRefreshJob({ ...deps, config: loadConfig({ CRM_SALES_REFRESH_CRON: '*/5 * * * *' }) }).cron).toBe(
      '*/5 * * * *',
    );
  });
});
