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

/** Every counted order (of those `where` keeps) with its amount: one hash join of the orders with all lines. */
const counted = (
  where = 'true',
) => `select o.customer_no, o.order_date, coalesce(sum(l.quantity * l.unit_price), 0) as amount
  from sales.orders o left join sales.order_lines l on l.order_id = o.id
  where o.status in (5, 6) and ${where} group by o.id`;

/**
 * Every order of `from … where`, counted or not, with its amount when it counts (null otherwise): the lines of each
 * order through their order_id index — one lateral lookup per order, as the amount is used several times above.
 */
const eachOrder = (from: string, where = 'true') => `select o.customer_no, o.order_date, a.amount
  from ${from}
  left join lateral (select coalesce(sum(l.quantity * l.unit_price), 0) as amount from sales.order_lines l where l.order_id = o.id) a
    on o.status in (5, 6)
  where ${where}`;

/**
 * The pairs `(customer_no, <key>)` of `pairs`, and the same key for every other number of each one's alias group
 * (docs/duplicates-and-merge.md, rule 8): a pair read whole replaces the survivor's figures of that year or month, so
 * every number counted for the survivor is read whole with it. `$<at>` and `$<at + 1>`: the numbers of the groups and
 * each one's group (the survivor's number), as parallel arrays — the sales system may be another database, so the
 * groups come as parameters, not a join.
 */
const withGroup = (pairs: string, key: string, at: number) => `
  with b as (${pairs}), g as (select * from unnest($${at}::text[], $${at + 1}::text[]) as g(no, grp))
  select customer_no, ${key} from b
  union
  select g2.no, b.${key} from b join g g1 on g1.no = b.customer_no join g g2 on g2.grp = g1.grp`;

/**
 * The whole (customer, year) pairs of orders entered since the watermark ($2) with a date before the cut ($1):
 * back-dated new orders. Through the primary key and the sales schema's (customer_no, order_date) index.
 */
const BACKDATED = perPair(
  eachOrder(`(${withGroup(
    `select distinct customer_no, extract(year from order_date)::int as year
                   from sales.orders where id > $2::bigint and order_date < $1::date`,
    'year',
    3,
  )}) p
             join sales.orders o on o.customer_no = p.customer_no
              and o.order_date >= make_date(p.year, 1, 1) and o.order_date < make_date(p.year + 1, 1, 1)`),
);

/** `whole`: a pair's figures as they are; `recent`: its part from the cut on, to be added to the settled part. */
export type Part = 'whole' | 'recent';
/** Receives the rows read, a batch at a time. */
export type Sink = (part: Part, batch: Figures) => Promise<void>;

/** Reads `query` through a cursor, BATCH rows at a time, each batch to `batch`. */
async function fetchRows<R>(q: SalesQuery, query: string, params: unknown[], batch: (rows: R[]) => Promise<void>) {
  await q(`declare sales_figures no scroll cursor for ${query}`, params);
  for (;;) {
    const rows = await q<R>(`fetch ${BATCH} from sales_figures`);
    if (rows.length) await batch(rows);
    if (rows.length < BATCH) break;
  }
  await q('close sales_figures');
}

/** Rows column-wise into `into` (its keys name the columns). */
function columns<T extends Record<string, unknown[]>>(rows: Record<string, unknown>[], into: T): T {
  const keys = Object.keys(into) as (keyof T & string)[];
  for (const r of rows) for (const k of keys) into[k]!.push(r[k]);
  return into;
}

/** Reads `query` through a cursor, each batch column-wise (`empty()` names the columns). */
const fetchColumns = <T extends Record<string, unknown[]>>(
  q: SalesQuery,
  query: string,
  params: unknown[],
  empty: () => T,
  sink: (batch: T) => Promise<void>,
) => fetchRows<Record<string, unknown>>(q, query, params, (rows) => sink(columns(rows, empty())));

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

/** The alias groups (docs/duplicates-and-merge.md, rule 8): each number of a group and the group's survivor number. */
export type AliasGroups = { numbers: string[]; groups: string[] };

/** The pairs of back-dated new orders — with the same year of the other numbers of their groups —, whole, with their settled part. */
export const readBackdated = (q: SalesQuery, cut: string, watermark: string, groups: AliasGroups, sink: Sink) =>
  fetchInto(q, BACKDATED, [cut, watermark, groups.numbers, groups.groups], 'whole', sink);

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

/**
 * The whole (customer, month) pairs of orders entered since the watermark ($2) with a date before $1 (the first day
 * of the cut's month) and not before $3 (the first month kept): back-dated new orders.
 */
const MONTHS_BACKDATED = perMonth(
  eachOrder(`(${withGroup(
    `select distinct customer_no, date_trunc('month', order_date)::date as month
                   from sales.orders where id > $2::bigint and order_date < $1::date and order_date >= $3::date`,
    'month',
    4,
  )}) p
             join sales.orders o on o.customer_no = p.customer_no
              and o.order_date >= p.month and o.order_date < (p.month + interval '1 month')::date`),
);

/**
 * The pairs and the months of one set of orders in one pass over them: `orders` is read once into a materialised
 * table; the pairs of its orders that `pairsWhere` keeps and the months of those that `monthsWhere` keeps come back as
 * rows of both shapes, told apart by `kind`. For the orders from the cut on (200,000 at scale L), whose amounts are
 * looked up order by order, this halves the reading; all 2 million orders are cheaper joined twice than materialised
 * (5.4 s against 8 s), so a full read keeps two statements.
 */
const pairsAndMonths = (orders: string, pairsWhere: string, monthsWhere: string) => `
  with chosen as materialized (${orders})
  select 'pair' as kind, p."customerNo", p.year, null::text as month, p.amount, p."orderCount", null::text as "firstOrderDate",
         p."lastOrderDate", p."settledAmount", p."settledCount", p."settledLast"
  from (${perPair(`select * from chosen where ${pairsWhere}`)}) p
  union all
  select 'month', m."customerNo", null, m.month, m.amount, m."orderCount", m."firstOrderDate", m."lastOrderDate",
         null, null, null
  from (${perMonth(`select * from chosen where ${monthsWhere}`)}) m`;

/** Every pair with counted orders, with its settled part ($1: the cut). */
const ALL = perPair(counted());

/** The months of every counted order from $1 (the first month kept) on. */
const ALL_MONTHS = perMonth(counted('o.order_date >= $1::date'));

/**
 * Every order dated from $2 (the first day of the cut's month) on: the part of each pair dated from the cut ($1) on,
 * and the whole months.
 */
const RECENT = pairsAndMonths(
  eachOrder('sales.orders o', 'o.order_date >= $2::date'),
  'order_date >= $1::date',
  'true',
);

/**
 * The statements, for `bench/explain.ts`: $1 the cut, $2 the watermark or a first day of a month, $3 the first month kept;
 * the alias groups after them (withGroup).
 */
export const REFRESH_STATEMENTS = {
  all: ALL,
  allMonths: ALL_MONTHS,
  recent: RECENT,
  backdated: BACKDATED,
  backdatedMonths: MONTHS_BACKDATED,
};

/** Reads `query` (pairsAndMonths), the pairs as `part` into `sink`, the months into `monthSink`. */
const fetchBoth = (q: SalesQuery, query: string, params: unknown[], part: Part, sink: Sink, monthSink: MonthSink) =>
  fetchRows<Record<string, unknown> & { kind: 'pair' | 'month' }>(q, query, params, async (rows) => {
    const pairs = rows.filter((r) => r.kind === 'pair');
    const months = rows.filter((r) => r.kind === 'month');
    if (pairs.length) await sink(part, columns(pairs, noFigures()));
    if (months.length) await monthSink(columns(months, noMonths()));
  });

/** Every pair with counted orders, with its settled part; every month with counted orders from `kept` on. */
export async function readAll(q: SalesQuery, cut: string, kept: string, sink: Sink, monthSink: MonthSink) {
  await fetchInto(q, ALL, [cut], 'whole', sink);
  await fetchColumns(q, ALL_MONTHS, [kept], noMonths, monthSink);
}

/**
 * The part dated from the cut on of every pair with an order (counted or not) dated from the cut on; every month
 * with an order from `cutMonth` (the first day of the cut's month) on, whole.
 */
export const readRecent = (q: SalesQuery, cut: string, cutMonth: string, sink: Sink, monthSink: MonthSink) =>
  fetchBoth(q, RECENT, [cut, cutMonth], 'recent', sink, monthSink);

/** The months of back-dated new orders between `kept` and `from` (and of the other numbers of their groups), whole. */
export const readBackdatedMonths = (
  q: SalesQuery,
  from: string,
  watermark: string,
  kept: string,
  groups: AliasGroups,
  sink: MonthSink,
) => fetchColumns(q, MONTHS_BACKDATED, [from, watermark, kept, groups.numbers, groups.groups], noMonths, sink);
