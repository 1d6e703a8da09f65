import type { SalesQuery } from './system.ts';

/**
 * What the refresh reads from the sales system: per customer number and year of the order date, over the counted
 * orders (status 5 shipped, 6 paid; amount Σ quantity × unit price, 0 for an order without lines) the amount, the
 * number and the last order date — and the same three over the orders dated before the cut (the settled part).
 * A pair read may have no counted order (`orderCount` 0): its row is then removed from the copy.
 * Column-wise, as the write passes them on as arrays; a batch of at most BATCH rows at a time, so that the refresh's
 * memory does not grow with the number of customers.
 */
export type Figures = {
  customerNo: string[];
  year: number[];
  amount: string[];
  orderCount: number[];
  lastOrderDate: (string | null)[];
  settledAmount: string[];
  settledCount: number[];
  settledLast: (string | null)[];
};
const BATCH = 10_000;

/**
 * Aggregates `orders` (customer_no, order_date, amount — null when the order does not count) per pair; $1 is the cut.
 */
const perPair = (orders: string) => `
  select customer_no as "customerNo", extract(year from order_date)::int as year,
         coalesce(sum(amount), 0)::text as amount, count(amount)::int as "orderCount",
         max(order_date) filter (where amount is not null)::text as "lastOrderDate",
         coalesce(sum(amount) filter (where order_date < $1::date), 0)::text as "settledAmount",
         count(amount) filter (where order_date < $1::date)::int as "settledCount",
         max(order_date) filter (where amount is not null and order_date < $1::date)::text as "settledLast"
  from (${orders}) o group by 1, 2`;

/** Every counted order with its amount: one hash join of all orders with all lines. */
const ALL_COUNTED = `select o.customer_no, o.order_date, coalesce(sum(l.quantity * l.unit_price), 0) as amount
  from sales.orders o left join sales.order_lines l on l.order_id = o.id
  where o.status in (5, 6) group by o.id`;

/**
 * Every order of `from … where`, counted or not, with its amount when it counts (null otherwise): the lines of each
 * order through their order_id index — one lateral lookup per order, as the amount is used several times above.
 */
const eachOrder = (from: string, where = 'true') => `select o.customer_no, o.order_date, a.amount
  from ${from}
  left join lateral (select coalesce(sum(l.quantity * l.unit_price), 0) as amount from sales.order_lines l where l.order_id = o.id) a
    on o.status in (5, 6)
  where ${where}`;

/** Every order dated from the cut ($1) on. */
const RECENT = perPair(eachOrder('sales.orders o', 'o.order_date >= $1::date'));

/**
 * The whole (customer, year) pairs of orders entered since the watermark ($2) with a date before the cut ($1):
 * back-dated new orders. Through the primary key and the sales schema's (customer_no, order_date) index.
 */
const BACKDATED = perPair(
  eachOrder(`(select distinct customer_no, extract(year from order_date)::int as year
                   from sales.orders where id > $2::bigint and order_date < $1::date) p
             join sales.orders o on o.customer_no = p.customer_no
              and o.order_date >= make_date(p.year, 1, 1) and o.order_date < make_date(p.year + 1, 1, 1)`),
);

/** The three statements, for `bench/explain.ts`: $1 the cut, $2 the watermark. */
export const REFRESH_STATEMENTS = { all: perPair(ALL_COUNTED), recent: RECENT, backdated: BACKDATED };

/** `whole`: a pair's figures as they are; `recent`: its part from the cut on, to be added to the settled part. */
export type Part = 'whole' | 'recent';
/** Receives the rows read, a batch at a time. */
export type Sink = (part: Part, batch: Figures) => Promise<void>;

/** Reads `query` through a cursor, BATCH rows at a time, each batch column-wise (`empty()` names the columns). */
async function fetchColumns<T extends Record<string, unknown[]>>(
  q: SalesQuery,
  query: string,
  params: unknown[],
  empty: () => T,
  sink: (batch: T) => Promise<void>,
) {
  await q(`declare sales_figures no scroll cursor for ${query}`, params);
  for (;;) {
    const rows = await q<{ [K in keyof T]: T[K][number] }>(`fetch ${BATCH} from sales_figures`);
    const batch = empty();
    const keys = Object.keys(batch) as (keyof T)[];
    for (const r of rows) for (const k of keys) batch[k]!.push(r[k]);
    if (rows.length) await sink(batch);
    if (rows.length < BATCH) break;
  }
  await q('close sales_figures');
}

const noFigures = (): Figures => ({
  customerNo: [],
  year: [],
  amount: [],
  orderCount: [],
  lastOrderDate: [],
  settledAmount: [],
  settledCount: [],
  settledLast: [],
});

const fetchInto = (q: SalesQuery, query: string, params: unknown[], part: Part, sink: Sink) =>
  fetchColumns(q, query, params, noFigures, (batch) => sink(part, batch));

/** Every pair with counted orders, with its settled part. */
export const readAll = (q: SalesQuery, cut: string, sink: Sink) =>
  fetchInto(q, REFRESH_STATEMENTS.all, [cut], 'whole', sink);

/** The part dated from the cut on, for every pair with an order (counted or not) dated from the cut on. */
export const readRecent = (q: SalesQuery, cut: string, sink: Sink) => fetchInto(q, RECENT, [cut], 'recent', sink);

/** The pairs of back-dated new orders, whole, with their settled part. */
export const readBackdated = (q: SalesQuery, cut: string, watermark: string, sink: Sink) =>
  fetchInto(q, BACKDATED, [cut, watermark], 'whole', sink);

/** The highest order id: the watermark of the refresh. */
export async function readWatermark(q: SalesQuery): Promise<string> {
  const [top] = await q<{ max: string | null }>('select max(id)::text as max from sales.orders');
  return top?.max ?? '0';
}

/**
 * The monthly figures (docs/churn-risk.md#the-figures): per customer number and month (its first day) of the order
 * date, over the counted orders, the amount, the number and the first and last order date. A pair read may have no
 * counted order (`orderCount` 0): its row is then removed from the copy.
 */
export type MonthFigures = {
  customerNo: string[];
  month: string[];
  amount: string[];
  orderCount: number[];
  firstOrderDate: (string | null)[];
  lastOrderDate: (string | null)[];
};
export type MonthSink = (batch: MonthFigures) => Promise<void>;

const noMonths = (): MonthFigures => ({
  customerNo: [],
  month: [],
  amount: [],
  orderCount: [],
  firstOrderDate: [],
  lastOrderDate: [],
});

const perMonth = (orders: string) => `
  select customer_no as "customerNo", date_trunc('month', order_date)::date::text as month,
         coalesce(sum(amount), 0)::text as amount, count(amount)::int as "orderCount",
         min(order_date) filter (where amount is not null)::text as "firstOrderDate",
         max(order_date) filter (where amount is not null)::text as "lastOrderDate"
  from (${orders}) o group by 1, 2`;

/** The months of every counted order dated from $1 (the first month kept) on: one hash join, as ALL_COUNTED. */
const MONTHS_ALL = perMonth(`select o.customer_no, o.order_date, coalesce(sum(l.quantity * l.unit_price), 0) as amount
  from sales.orders o left join sales.order_lines l on l.order_id = o.id
  where o.status in (5, 6) and o.order_date >= $1::date group by o.id`);

/** Every order dated from $1 (the first day of the cut's month) on, whole months. */
const MONTHS_RECENT = perMonth(eachOrder('sales.orders o', 'o.order_date >= $1::date'));

/**
 * The whole (customer, month) pairs of orders entered since the watermark ($2) with a date before $1 (the first day
 * of the cut's month) and not before $3 (the first month kept): back-dated new orders.
 */
const MONTHS_BACKDATED = perMonth(
  eachOrder(`(select distinct customer_no, date_trunc('month', order_date)::date as month
                   from sales.orders where id > $2::bigint and order_date < $1::date and order_date >= $3::date) p
             join sales.orders o on o.customer_no = p.customer_no
              and o.order_date >= p.month and o.order_date < (p.month + interval '1 month')::date`),
);

/** The month statements, for `bench/explain.ts`. */
export const MONTH_STATEMENTS = { all: MONTHS_ALL, recent: MONTHS_RECENT, backdated: MONTHS_BACKDATED };

/** Every month with counted orders from `from` (a first day of a month) on. */
export const readAllMonths = (q: SalesQuery, from: string, sink: MonthSink) =>
  fetchColumns(q, MONTHS_ALL, [from], noMonths, sink);

/** Every month with an order (counted or not) from `from` (the first day of the cut's month) on, whole. */
export const readRecentMonths = (q: SalesQuery, from: string, sink: MonthSink) =>
  fetchColumns(q, MONTHS_RECENT, [from], noMonths, sink);

/** The months of back-dated new orders between `kept` and `from`, whole. */
export const readBackdatedMonths = (q: SalesQuery, from: string, watermark: string, kept: string, sink: MonthSink) =>
  fetchColumns(q, MONTHS_BACKDATED, [from, watermark, kept], noMonths, sink);
