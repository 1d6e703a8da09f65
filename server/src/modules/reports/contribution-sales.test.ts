import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshSalesFigures } from '../../sales/figures.ts';
import { buildCustomer, depsOf, installSalesSchema, salesWriter } from '../../test/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';

/**
 * The contribution report over real orders in the sales schema, through the sales refresh
 * (docs/product.md#the-sales-system, rule 2: status 5/6).
 */
let t: TestApp;
let executive: Client;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date('2026-11-25T04:00:00.000Z');
  await installSalesSchema(t.database);
  const sales = salesWriter(t.database.query);
  const product = await sales.product({ name: '服务器', price: 50 });
  const a = await buildCustomer(t, { name: '北京订单客户', bare: true });
  const b = await buildCustomer(t, { name: '上海订单客户', bare: true });
  const line = (quantity: number, unitPrice: number) => [{ productId: product, quantity, unitPrice }];
  await sales.order({ customerNo: a.number, date: '2025-12-31', status: 5, lines: line(2, 50) }); // shipped: 100
  await sales.order({ customerNo: a.number, date: '2026-01-01', status: 6, lines: [...line(1, 30.5), ...line(3, 10)] }); // paid: 60.5
  for (const status of [1, 2, 3, 4])
    await sales.order({ customerNo: a.number, date: '2026-03-01', status, lines: line(10, 1000) });
  await sales.order({ customerNo: b.number, date: '2026-06-15', status: 6, lines: line(1, 120) }); // 120
  await sales.order({ customerNo: b.number, date: '2026-07-01', status: 2, lines: line(100, 100) }); // not yet counted
  const deps = depsOf(t);
  try {
    await refreshSalesFigures(deps, 'full', t.clock.now);
  } finally {
    await deps.sales.close();
  }
  executive = await t.login('executive');
});
afterAll(() => t.close());

const amounts = async (query = '') =>
  (await executive.get(`/reports/contribution${query}`)).body.items.map(
    (i: { customerName: string; amount: number }) => [i.customerName, i.amount],
  );

describe('customer contribution from the sales system', () => {
  it('counts only shipped and paid orders (status 5 and 6), Σ quantity × unit price', async () => {
    expect(await amounts()).toEqual([
      ['北京订单客户', 160.5],
      ['上海订单客户', 120],
    ]);
    const res = await executive.get('/reports/contribution');
    expect(res.body.totalAmount).toBe(280.5);
    expect(res.body.asOf).toBe(t.clock.now.toISOString());
  });

  it('puts an order of Dec 31 in the old year and one of Jan 1 in the new one', async () => {
    expect(await amounts('?year=2025')).toEqual([
      ['北京订单客户', 100],
      ['上海订单客户', 0],
    ]);
    expect(await amounts('?year=2026')).toEqual([
      ['上海订单客户', 120],
      ['北京订单客户', 60.5],
    ]);
  });

  it('counts an order once the sales system ships it, after the next refresh', async () => {
    await t.database.query("update sales.orders set status = 5 where status = 2 and order_date = '2026-07-01'");
    const deps = depsOf(t);
    try {
      await refreshSalesFigures(deps, 'full', t.clock.now);
    } finally {
      await deps.sales.close();
    }
    expect(await amounts('?year=2026')).toEqual([
      ['上海订单客户', 10120],
      ['北京订单客户', 60.5],
    ]);
  });
});
