import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { INCREMENTAL_WINDOW_DAYS, refreshSalesFigures } from './figures.ts';
import { firstMonthKept } from './risk.ts';
import { depsOf, installSalesSchema, managerSalesDrift, salesWriter, type SalesWriter } from '../test/factories.ts';

/**
 * The totals kept over customer_sales_years by statement triggers for any writer, the sales refresh included (it
 * writes only the rows that changed): customer_sales_totals, the sum over all years (migration 0002); the
 * contribution totals per year over the customers the CRM knows (0007, 0037); the amounts per manager and year (0036).
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
  t.database.query<Total>(
    'select customer_no, amount::text as amount, order_count, last_order_date from customer_sales_totals order by 1',
  );
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
    expect((await totals()).find((r) => r.customer_no === 'A')).toEqual({
      customer_no: 'A',
      amount: '15.50',
      order_count: 3,
      last_order_date: '2025-03-01',
    });
    await t.database.query(
      `update customer_sales_years set amount = amount + 1, customer_no = 'C' where customer_no = 'B'`,
    );
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
    expect((await totals()).find((r) => r.customer_no === 'KH3')).toMatchObject({
      amount: '1000.00',
      order_count: 2,
      last_order_date: '2025-12-30',
    });

    // a recent order no longer counted (its customer's only one): the customer drops out of the totals
    await t.database.query(`update sales.orders set status = 2 where customer_no = 'KH4'`);
    await refreshSalesFigures(deps, 'incremental', new Date(now.getTime() + 7_200_000));
    expect(await totals()).toEqual(await expected());
    expect((await totals()).map((r) => r.customer_no)).toEqual(['KH1', 'KH2', 'KH3']);

    await refreshSalesFigures(deps, 'full', new Date(now.getTime() + 10_800_000));
    expect(await totals()).toEqual(await expected());
  });
});

/**
 * An incremental refresh reads only the orders dated from the cut on and the pairs of back-dated new orders, and
 * adds the settled part kept by the last full refresh. Whatever happens inside those rules, its result must be
 * exactly what the orders say: random changes, compared after every step.
 */
const copy = async () => ({
  years: await t.database.query(
    'select customer_no, year, amount::text as amount, order_count, last_order_date::text as last from customer_sales_years order by 1, 2',
  ),
  totals: await t.database.query(
    'select customer_no, amount::text as amount, order_count, last_order_date::text as last from customer_sales_totals order by 1',
  ),
  months: await t.database.query(
    `select customer_no, month::text as month, amount::text as amount, order_count, first_order_date::text as first,
            last_order_date::text as last
     from customer_sales_months order by 1, 2`,
  ),
});

/**
 * The copy as docs/product.md#the-sales-system, rule 6 defines it, computed here straight from the orders (the tests
 * share one database).
 */
const fromOrders = async (kept: string) => {
  const counted = `select o.customer_no, o.order_date, coalesce(sum(l.quantity * l.unit_price), 0) as amount
    from sales.orders o left join sales.order_lines l on l.order_id = o.id where o.status in (5, 6) group by o.id`;
  return {
    years: await t.database.query(
      `select customer_no, extract(year from order_date)::smallint as year, sum(amount)::numeric(16, 2)::text as amount,
              count(*)::int as order_count, max(order_date)::text as last
       from (${counted}) o group by 1, 2 order by 1, 2`,
    ),
    totals: await t.database.query(
      `select customer_no, sum(amount)::numeric(18, 2)::text as amount, count(*)::int as order_count, max(order_date)::text as last
       from (${counted}) o group by 1 order by 1`,
    ),
    // docs/churn-risk.md#the-figures, rule 1: the months kept
    months: await t.database.query(
      `select customer_no, date_trunc('month', order_date)::date::text as month, sum(amount)::numeric(16, 2)::text as amount,
              count(*)::int as order_count, min(order_date)::text as first, max(order_date)::text as last
       from (${counted}) o where order_date >= $1::date group by 1, 2 order by 1, 2`,
      [kept],
    ),
  };
};

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('incremental refresh', () => {
  it('always ends where a full refresh ends: new, status-changed, back-dated and cut-day orders, years and months', async () => {
    const rnd = random(20261125);
    const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
    const customers = ['KH-A', 'KH-B', 'KH-C', 'KH-D', 'KH-E'];
    const start = new Date('2026-03-20T08:00:00Z'); // the cut (start − 90 days) falls in the previous year
    const day = (from: Date, offset: number) =>
      new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const order = (date: string, status = pick([2, 4, 5, 5, 6, 6])) =>
      w.order({
        customerNo: pick(customers),
        date,
        status,
        lines:
          rnd() < 0.1
            ? []
            : [
                {
                  productId: product,
                  quantity: 1 + Math.floor(rnd() * 5),
                  unitPrice: Math.round(rnd() * 100_000) / 100,
                },
              ],
      });
    for (let i = 0; i < 60; i++) await order(day(start, -Math.floor(rnd() * 900)));

    const deps = depsOf(t);
    try {
      let now = start;
      await refreshSalesFigures(deps, 'full', now);
      const [sync] = await t.database.query<{ cut: string }>('select settled_before::text as cut from sales_sync');
      expect(sync!.cut).toBe(day(start, -INCREMENTAL_WINDOW_DAYS));
      const recent: number[] = [];
      for (let step = 0; step < 12; step++) {
        for (let i = 0; i < 4; i++) {
          const kind = rnd();
          if (kind < 0.35) recent.push(await order(day(now, -Math.floor(rnd() * INCREMENTAL_WINDOW_DAYS))));
          else if (kind < 0.5)
            recent.push(await order(sync!.cut)); // dated on the cut itself
          else if (kind < 0.7)
            await order(day(start, -INCREMENTAL_WINDOW_DAYS - 1 - Math.floor(rnd() * 700))); // back-dated
          else if (recent.length) await w.setStatus(pick(recent), pick([3, 5, 6])); // a recent order moves (or is undone)
        }
        now = new Date(now.getTime() + 3_600_000);
        await refreshSalesFigures(deps, 'incremental', now);
        expect(await copy(), `after step ${step}`).toEqual(await fromOrders(firstMonthKept(start)));
      }
      const [after] = await t.database.query<{ cut: string }>('select settled_before::text as cut from sales_sync');
      expect(after!.cut).toBe(sync!.cut); // every step built on the first full refresh's settled part
      await refreshSalesFigures(deps, 'full', now);
      expect(await copy()).toEqual(await fromOrders(firstMonthKept(start)));
    } finally {
      await deps.sales.close();
    }
  });
});

/**
 * The contribution report's totals per year (0: all years), as migration 0007 keeps them; years left at zero dropped.
 */
const summary = () =>
  t.database.query(
    `select year, amount::text as amount, positive, negative from customer_sales_summary
     where amount <> 0 or positive <> 0 or negative <> 0 order by year`,
  );
const summaryFromScratch = () =>
  t.database.query(
    `select * from (
       select y.year, sum(y.amount)::numeric(18, 2)::text as amount, (count(*) filter (where y.amount > 0))::int as positive,
              (count(*) filter (where y.amount < 0))::int as negative
       from customer_sales_years y join customers c on c.number = y.customer_no group by y.year
       union all
       select 0, sum(s.amount)::numeric(18, 2)::text, (count(*) filter (where s.amount > 0))::int, (count(*) filter (where s.amount < 0))::int
       from customer_sales_totals s join customers c on c.number = s.customer_no having count(*) > 0
     ) x where amount::numeric <> 0 or positive <> 0 or negative <> 0 order by year`,
  );

describe('customer_sales_summary and manager_sales_years', () => {
  it('equal the totals computed from scratch after every kind of change, for the customers the CRM knows', async () => {
    const check = async (step: string) => {
      expect(await summary(), step).toEqual(await summaryFromScratch());
      expect(await managerSalesDrift(t), step).toEqual([]);
    };
    const [manager, other] = await t.database.query<{ id: number }>(
      `select id from users where username in ('manager1', 'manager2') order by username`,
    );
    const customer = (number: string, name: string) =>
      t.database.query(`insert into customers (number, name, manager_id) values ($1, $2, $3)`, [
        number,
        name,
        manager!.id,
      ]);
    await check('before');
    await customer('KS-1', '甲公司');
    await customer('KS-2', '乙公司');
    await t.database.query(
      `insert into customer_sales_years values ('KS-1', 2024, 10, 1, '2024-01-02'), ('KS-1', 2025, -5, 1, '2025-01-02'),
       ('KS-2', 2025, 7, 2, '2025-03-01'), ('KS-3', 2025, 1000, 1, '2025-01-01')`,
    );
    await check('insert (KS-3 is no customer: left out)');
    expect((await summary()).find((r) => r.year === 2025)).toMatchObject({ positive: 1, negative: 1 });
    await t.database.query(`update customer_sales_years set amount = amount * 2 + 1 where customer_no like 'KS-%'`);
    await check('update');
    await t.database.query(`delete from customer_sales_years where customer_no = 'KS-1' and year = 2025`);
    await check('delete');
    await customer('KS-3', '丙公司'); // entered in the sales system before the CRM knew the customer
    await check('a customer whose orders came first');
    const kept = () =>
      t.database.query<{ manager: number | null; amount: string }>(
        `select manager_id as manager, amount::text as amount from manager_sales_years where year = 2025 and amount <> 0
         order by manager_id nulls first`,
      );
    expect(await kept()).toEqual([{ manager: manager!.id, amount: '2016.00' }]);
    await t.database.query(`update customers set manager_id = $1 where number in ('KS-1', 'KS-3')`, [other!.id]);
    await check('a transfer');
    expect(await kept()).toEqual([
      { manager: manager!.id, amount: '15.00' },
      { manager: other!.id, amount: '2001.00' },
    ]);
    await t.database.query(
      `update customers set manager_id = null, pool_entered_at = now(), pool_reason = 'released' where number = 'KS-2'`,
    );
    await check('a customer released to the pool');
    expect((await kept())[0]).toEqual({ manager: null, amount: '15.00' });
    await t.database.query(`delete from customers where number = 'KS-3'`);
    await check('a customer deleted (an import reverted)');
    await customer('KS-3', '丙公司');
    await check('the same number a customer again');
    const deps = depsOf(t);
    await refreshSalesFigures(deps, 'full', new Date('2026-11-26T10:00:00Z')).finally(() => deps.sales.close());
    await check('a full refresh (the KS figures are in no order: gone)');
    expect((await summary()).some((r) => r.year === 2024)).toBe(false);
  });
});
