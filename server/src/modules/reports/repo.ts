import { sql, type SQL } from 'drizzle-orm';
import type { CompositionDimension } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { rowCount } from '../../db/page.ts';
import { rows, whereOf, within } from '../../db/sql.ts';
import { customerNameContains } from '../../db/search.ts';
import { utcMonthsOf } from '../../platform/calendar.ts';
import { containsPattern } from '../../platform/pagination.ts';
import { churnInScope, customerInScope, serviceInScope, type Reader } from '../../platform/scope.ts';
import type { Paged } from './batches.ts';

/**
 * The reports' SQL (docs/product.md#reports, rule 1). Everything is aggregated in the database, set-based, over the
 * module tables and the derived sales figures (`customer_sales_years`, counted orders only); what comes back is one
 * page, a handful of groups, or (exports) batches. Each report reads only the records inside the reader's scope for
 * its family, in the query that aggregates them (docs/organisation.md#data-scope, rule 4): the customer reports the
 * customers scope, the service report the services scope, the churn report the churn scope.
 */

/** `cond` unless the reader sees the whole family (then nothing, so that the `all` plans stay as they were). */
const unlessAll = (reader: Reader, family: keyof Reader['dataScope'], cond: SQL): SQL | undefined =>
  reader.dataScope[family] === 'all' ? undefined : cond;

const limitClause = (limit: number | undefined, offset = 0) =>
  limit === undefined ? sql`` : sql`limit ${limit} offset ${offset}`;

// ---- Customer contribution --------------------------------------------------------------------------------------

type ContributionFilter = { customerName?: string; year?: number };
export type ContributionDbRow = { customerId: number; customerNumber: string; customerName: string; amount: number };

/**
 * Where a customer's amount comes from: the all-years totals (`customer_sales_totals`, kept by the sales refresh) or
 * one year's row of `customer_sales_years`; at most one row per customer number either way.
 */
const amountJoin = (f: ContributionFilter, kind: 'left join' | 'join'): SQL =>
  f.year !== undefined
    ? sql`${sql.raw(kind)} customer_sales_years s on s.customer_no = c.number and s.year = ${f.year}`
    : sql`${sql.raw(kind)} customer_sales_totals s on s.customer_no = c.number`;

/** The same source as a table to look a customer's amount up in. */
const amountTable = (f: ContributionFilter): SQL =>
  f.year !== undefined
    ? sql`(select customer_no, amount from customer_sales_years where year = ${f.year})`
    : sql`customer_sales_totals`;

/**
 * Every customer inside the reader's scope matching the name filter with its counted order amount (0 without orders),
 * largest first.
 */
function contributionBase(f: ContributionFilter, reader: Reader): SQL {
  return sql`
    select c.id as "customerId", c.number as "customerNumber", c.name as "customerName",
           coalesce(s.amount, 0) as sort_amount
    from customers c ${amountJoin(f, 'left join')}
    ${whereOf([sql`c.status <> 'merged'`, f.customerName && customerNameContains(f.customerName), unlessAll(reader, 'customers', customerInScope(reader))])}`;
}

/** Amount descending, then customer id (a stable order for pages and exports). */
export const contributionPage =
  (f: ContributionFilter, reader: Reader): Paged =>
  (limit, offset) => sql`
    select r."customerId", r."customerNumber", r."customerName", round(r.sort_amount, 2)::float8 as amount
    from (${contributionBase(f, reader)}) r
    order by r.sort_amount desc, r."customerId"
    ${limitClause(limit, offset)}`;

export async function contributionTotals(db: DbOrTx, f: ContributionFilter, reader: Reader) {
  const [row] = await rows<{ total: number; amount: number }>(
    db,
    sql`select count(*)::int as total, round(coalesce(sum(r.sort_amount), 0), 2)::float8 as amount from (${contributionBase(f, reader)}) r`,
  );
  return row ?? { total: 0, amount: 0 };
}

type ScreenRow = ContributionDbRow & { total: number; totalAmount: number };

/**
 * One screen page and, in the same statement (window aggregates are computed before the limit), how many customers
 * match and their total. For a name filter: the matching customers come from the trigram index, few enough to sort;
 * for a narrowed scope: the customers of the managers in scope, from the manager index.
 */
async function filteredScreen(db: DbOrTx, f: ContributionFilter, reader: Reader, limit: number, offset: number) {
  const found = await rows<ScreenRow>(
    db,
    sql`select r."customerId", r."customerNumber", r."customerName", round(r.sort_amount, 2)::float8 as amount,
               count(*) over ()::int as total,
               round(sum(r.sort_amount) over (), 2)::float8 as "totalAmount"
        from (${contributionBase(f, reader)}) r
        order by r.sort_amount desc, r."customerId"
        limit ${limit} offset ${offset}`,
  );
  // past the last page there is no row to carry the totals
  const totals = found[0]
    ? { total: found[0].total, amount: found[0].totalAmount }
    : await contributionTotals(db, f, reader);
  return { items: found as ContributionDbRow[], ...totals };
}

const columnsOf = sql`c.id as "customerId", c.number as "customerNumber", c.name as "customerName"`;

/**
 * Without a name filter every customer is in the report: the order (amount desc, customer id) is read from the
 * indexes in three runs instead of sorting them all — customers with a positive amount (index on the amount,
 * largest first), those with none or 0 (by id), those with a negative amount (a correction, if there ever is one).
 * How many fall into each run comes with the totals, so a page reads only the runs it overlaps. (`nulls last`, as
 * the indexes are built, although the amount is never null: otherwise the planner would not read them in order.)
 */
async function wholeScreen(db: DbOrTx, f: ContributionFilter, limit: number, offset: number) {
  // the totals are kept by triggers (migration 0007): the customers' count, and per year (0: all) the sum and signs
  const [t] = await rows<{ total: number; amount: number; positive: number; negative: number }>(
    db,
    // merged customers are in no report (docs/duplicates-and-merge.md, rule 5): few, through the partial index
    sql`select ((${rowCount('customers')}) - (select count(*) from customers c where c.status = 'merged'))::int as total,
               coalesce(round(s.amount, 2)::float8, 0) as amount, coalesce(s.positive, 0) as positive, coalesce(s.negative, 0) as negative
        from (select 1) one left join customer_sales_summary s on s.year = ${f.year ?? 0}`,
  );
  const { total, amount, positive, negative } = t!;
  const runs: { from: number; to: number; query: (limit: number, offset: number) => SQL }[] = [
    {
      from: 0,
      to: positive,
      query: (l, o) => sql`select ${columnsOf}, round(s.amount, 2)::float8 as amount
        from customers c ${amountJoin(f, 'join')} where s.amount > 0
        order by s.amount desc nulls last, c.id limit ${l} offset ${o}`,
    },
    {
      from: positive,
      to: total - negative,
      query: (l, o) => sql`select ${columnsOf}, 0::float8 as amount from customers c
        where c.status <> 'merged' and not exists (select 1 from ${amountTable(f)} s where s.customer_no = c.number and s.amount <> 0)
        order by c.id limit ${l} offset ${o}`,
    },
    {
      from: total - negative,
      to: total,
      query: (l, o) => sql`select ${columnsOf}, round(s.amount, 2)::float8 as amount
        from customers c ${amountJoin(f, 'join')} where s.amount < 0
        order by s.amount desc nulls last, c.id limit ${l} offset ${o}`,
    },
  ];
  const items: ContributionDbRow[] = [];
  const end = offset + limit;
  for (const run of runs) {
    const from = Math.max(offset, run.from);
    const to = Math.min(end, run.to);
    if (from < to) items.push(...(await rows<ContributionDbRow>(db, run.query(to - from, from - run.from))));
  }
  return { items, total, amount };
}

/**
 * The report's screen page with the number of matching customers and their total amount; the whole report's kept
 * totals only when the reader sees every customer.
 */
export async function contributionScreen(
  db: DbOrTx,
  f: ContributionFilter,
  reader: Reader,
  limit: number,
  offset: number,
) {
  return f.customerName || reader.dataScope.customers !== 'all'
    ? filteredScreen(db, f, reader, limit, offset)
    : wholeScreen(db, f, limit, offset);
}

export async function salesAsOf(db: DbOrTx): Promise<string | null> {
  const [row] = await rows<{ asOf: string | null }>(db, sql`select as_of as "asOf" from sales_sync where id = 1`);
  return row?.asOf ?? null;
}

// ---- Customer composition ---------------------------------------------------------------------------------------

const DIMENSION_COLUMN: Record<CompositionDimension, SQL> = {
  level: sql.raw('level_id'),
  credit: sql.raw('credit'),
  satisfaction: sql.raw('satisfaction'),
};

type CompositionGroup = { key: number | null; label: string | null; count: number };

/**
 * One row per group: every customer level of the dictionary (or each of 1–5), zero counts included, and the customers
 * without a value (key null). Unknown values (none, by the constraints) would still appear as their own group.
 */
export async function compositionGroups(
  db: DbOrTx,
  reader: Reader,
  by: CompositionDimension,
  status?: 'normal' | 'lost',
) {
  const scope = unlessAll(reader, 'customers', customerInScope(reader));
  const countBy = (conditions: (SQL | undefined)[], sign: SQL) =>
    sql`select c.${DIMENSION_COLUMN[by]} as key, ${sign} count(*) as n from customers c ${whereOf(conditions)} group by 1`;
  // The status is read from the few customers who are not `normal` (customers_not_normal_idx, customers_merged_idx),
  // never from every row: it is the 22nd column of a wide row, and a scan that reads it costs ten times one that
  // stops at the level (100,000 customers: 84–300 ms against 7 ms). So every customer in scope is counted, less those
  // of the other statuses; the lost alone are few enough to count themselves.
  const counts =
    status === 'lost'
      ? countBy([sql`c.status = 'lost'`, scope], sql``)
      : sql`select key, sum(n)::int as n from (
              ${countBy([scope], sql``)}
              union all
              ${countBy([status === 'normal' ? sql`c.status <> 'normal'` : sql`c.status = 'merged'`, scope], sql`-`)}
            ) x group by key having sum(n) <> 0`;
  const groups =
    by === 'level'
      ? sql`select id as key, item as label from dictionary_entries where type = 'customerLevel'`
      : sql`select v as key, null::text as label from generate_series(1, 5) as g(v)`;
  return rows<CompositionGroup>(
    db,
    sql`with counts as (${counts}), groups as (${groups})
        select coalesce(g.key, c.key) as key, g.label, coalesce(c.n, 0) as count
        from groups g full join counts c on c.key = g.key
        order by coalesce(g.key, c.key) nulls last`,
  );
}

// ---- Service analysis -------------------------------------------------------------------------------------------

/**
 * Every service type with its number of services inside the reader's scope created in [from, to) (or ever); zero
 * counts included. A reader who sees every service reads the counts kept per type and UTC month (`keptPerType`).
 */
export async function servicesPerType(db: DbOrTx, reader: Reader, range?: { from: Date; to: Date }) {
  const counts =
    reader.dataScope.services === 'all'
      ? keptPerType(range)
      : sql`select s.type_id, count(*) as n from services s
            ${whereOf([range && within(sql`s.created_at`, range), serviceInScope(reader)])} group by s.type_id`;
  return rows<{ typeId: number; type: string; count: number }>(
    db,
    sql`select d.id as "typeId", d.item as type, coalesce(k.n, 0)::int as count
        from dictionary_entries d left join (${counts}) k on k.type_id = d.id
        where d.type = 'serviceType' or k.n <> 0
        order by d.id`,
  );
}

/**
 * Everyone's services per type created in [from, to) (or ever), from the counts kept per type and UTC month (migration
 * 0039): the range's whole months, and the services between its ends and the nearest month starts (`utcMonthsOf`).
 */
function keptPerType(range?: { from: Date; to: Date }): SQL {
  if (!range) return sql`select type_id, sum(n) as n from service_months group by type_id`;
  const { firstMonth, lastMonth, edges } = utcMonthsOf(range);
  return sql`select type_id, sum(n) as n from (
      select type_id, n from service_months where month >= ${firstMonth} and month < ${lastMonth}
      ${sql.join(
        edges.map(
          (e) =>
            sql`union all select s.type_id, ${e.sign}::int as n from services s where ${within(sql`s.created_at`, e)}`,
        ),
        sql` `,
      )}
    ) k group by type_id`;
}

/**
 * docs/service-sla.md#report: per service type (every type, zero included), the services created in the range, those
 * handled within their handling deadline (or handled, without one), and the mean hours from creation to handling.
 */
export async function slaPerType(db: DbOrTx, reader: Reader, range: { from: Date; to: Date }) {
  return rows<{ typeId: number; type: string; total: number; handledWithin: number; avgHandleHours: number | null }>(
    db,
    sql`select d.id as "typeId", d.item as type, count(s.id)::int as total,
          (count(s.id) filter (where s.handled_at is not null
            and (s.handle_due_at is null or s.handled_at <= s.handle_due_at)))::int as "handledWithin",
          round((avg(extract(epoch from (s.handled_at - s.created_at))) / 3600)::numeric, 1)::float8
            as "avgHandleHours"
        from dictionary_entries d
        left join services s on s.type_id = d.id
          and ${within(sql`s.created_at`, range)}
          ${reader.dataScope.services === 'all' ? sql`` : sql`and ${serviceInScope(reader)}`}
        where d.type = 'serviceType' or s.id is not null
        group by d.id, d.item order by d.id`,
  );
}

// ---- Churn analysis ---------------------------------------------------------------------------------------------

type ChurnFilter = { customerName?: string; managerName?: string };
export type ChurnDbRow = {
  warningId: number;
  customerId: number;
  customerNumber: string;
  customerName: string;
  managerName: string;
  lastOrderDate: string | null;
  confirmedAt: string | null;
  reason: string | null;
};

const churnWhere = (f: ChurnFilter, reader: Reader) =>
  whereOf([
    sql`w.status = 'lost'`,
    churnInScope(reader),
    f.customerName && customerNameContains(f.customerName),
    f.managerName && sql`u.display_name ilike ${containsPattern(f.managerName)}`,
  ]);

const churnFrom = sql`from churn_warnings w join customers c on c.id = w.customer_id join users u on u.id = w.manager_id`;

/**
 * Confirmed losses inside the reader's churn scope, latest confirmation first; the manager is the one the warning was
 * raised for.
 */
export const churnPage =
  (f: ChurnFilter, reader: Reader): Paged =>
  (limit, offset) => sql`
    select w.id as "warningId", c.id as "customerId", c.number as "customerNumber", c.name as "customerName",
           u.display_name as "managerName", w.last_order_date::text as "lastOrderDate", w.confirmed_at as "confirmedAt", w.reason
    ${churnFrom} ${churnWhere(f, reader)}
    order by w.confirmed_at desc nulls last, w.id desc
    ${limitClause(limit, offset)}`;

export async function churnCount(db: DbOrTx, f: ChurnFilter, reader: Reader) {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n ${churnFrom} ${churnWhere(f, reader)}`);
  return row?.n ?? 0;
}

export const churnRows = (db: DbOrTx, f: ChurnFilter, reader: Reader, limit: number, offset: number) =>
  rows<ChurnDbRow>(db, churnPage(f, reader)(limit, offset));

export const churnRowOut = (r: ChurnDbRow) => ({
  warningId: r.warningId,
  customerId: r.customerId,
  customerNumber: r.customerNumber,
  customerName: r.customerName,
  managerName: r.managerName,
  lastOrderDate: r.lastOrderDate,
  confirmedAt: r.confirmedAt,
  reason: r.reason,
});

export const contributionRowOut = (r: ContributionDbRow) => ({
  customerId: r.customerId,
  customerNumber: r.customerNumber,
  customerName: r.customerName,
  amount: Number(r.amount),
});
