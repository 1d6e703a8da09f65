import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { refreshSalesFigures } from './figures.ts';
import { depsOf, installSalesSchema, salesWriter, type SalesWriter } from './test-support.ts';

/**
 * customer_sales_totals is the sum over all years of customer_sales_years (migration 0002): kept by statement
 * triggers for any writer, and by the sales refresh itself (triggers deferred, one recompute at the end).
 */
let t: TestApp;
let w: SalesWriter;
let product: number;

beforeAll(async () => {
  t = await createTestApp();
  await installSalesSchema(t.database);
  w = salesWriter(t.database.query);
  product = await w.product({ name: '电视机', model: 'T-1', price: 100 });
});
afterAll(() => t.close());

type Total = { customer_no: string; amount: string; order_count: number; last_order_date: string };
const totals = () =>
  t.database.query<Total>('select customer_no, amount::text as amount, order_count, last_order_date from customer_sales_totals order by 1');
/** The same sums computed from the years, independently. */
const expected = () =>
  t.database.query<Total>(
    `select customer_no, sum(amount)::numeric(18, 2)::text as amount, sum(order_count)::int as order_count, max(last_order_date) as last_order_date
     from customer_sales_years group by 1 order by 1`,
  );

describe('customer_sales_totals', () => {
  it('follows direct inserts, updates and deletes of customer_sales_years, statement by statement', async () => {
    await t.database.query(
      `insert into customer_sales_years values ('A', 2024, 10, 1, '2024-01-02'), ('A', 2025, 5.5, 2, '2025-03-01'), ('B', 2025, 1, 1, '2025-01-01')`,
    );
    expect(await totals()).toEqual(await expected());
    expect((await totals()).find((r) => r.customer_no === 'A')).toEqual({ customer_no: 'A', amount: '15.50', order_count: 3, last_order_date: '2025-03-01' });
    await t.database.query(`update customer_sales_years set amount = amount + 1, customer_no = 'C' where customer_no = 'B'`);
    expect(await totals()).toEqual(await expected());
    await t.database.query(`delete from customer_sales_years where customer_no = 'A' and year = 2025`);
    expect(await totals()).toEqual(await expected());
    await t.database.query(`delete from customer_sales_years`);
    expect(await totals()).toEqual([]);
  });

  it('equals the sums after full and incremental refreshes, new, back-dated and vanished orders included', async () => {
    const deps = depsOf(t);
    const now = new Date('2026-11-25T10:00:00Z');
    const line = (quantity: number, unitPrice: number) => [{ productId: product, quantity, unitPrice }];
    await w.order({ customerNo: 'KH1', date: '2024-05-01', status: 5, lines: line(2, 10) });
    await w.order({ customerNo: 'KH1', date: '2026-10-01', status: 6, lines: line(1, 7.25) });
    await w.order({ customerNo: 'KH2', date: '2026-11-01', status: 3, lines: line(1, 99) }); // not counted yet
    await w.order({ customerNo: 'KH3', date: '2025-12-30', status: 5, lines: [] });
    await refreshSalesFigures(deps, 'full', now);
    expect(await totals()).toEqual(await expected());
    expect((await totals()).map((r) => r.customer_no)).toEqual(['KH1', 'KH3']);

    // the recent order becomes counted, a new one, and an order entered today with an old date
    await t.database.query(`update sales.orders set status = 5 where customer_no = 'KH2'`);
    await w.order({ customerNo: 'KH4', date: '2026-11-24', status: 6, lines: line(3, 1.5) });
    await w.order({ customerNo: 'KH3', date: '2023-02-02', status: 5, lines: line(1, 1000) });
    await refreshSalesFigures(deps, 'incremental', new Date(now.getTime() + 3_600_000));
    expect(await totals()).toEqual(await expected());
    expect((await totals()).find((r) => r.customer_no === 'KH3')).toMatchObject({ amount: '1000.00', order_count: 2, last_order_date: '2025-12-30' });

    // a recent order no longer counted (its customer's only one): the customer drops out of the totals
    await t.database.query(`update sales.orders set status = 2 where customer_no = 'KH4'`);
    await refreshSalesFigures(deps, 'incremental', new Date(now.getTime() + 7_200_000));
    expect(await totals()).toEqual(await expected());
    expect((await totals()).map((r) => r.customer_no)).toEqual(['KH1', 'KH2', 'KH3']);

    await refreshSalesFigures(deps, 'full', new Date(now.getTime() + 10_800_000));
    expect(await totals()).toEqual(await expected());
  });
});
