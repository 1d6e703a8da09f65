import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rows } from '../db/sql.ts';
import type { Deps } from '../deps.ts';
import type { SalesQuery } from './system.ts';

/**
 * The CRM's derived copy of the sales figures (SALES-SYSTEM.md, last section): per customer number and year of the
 * order date, over the counted orders (status 5 shipped, 6 paid), the amount (Σ quantity × unit price), the number of
 * orders and the last order date. Churn and reports read `customer_sales_years`, never the whole sales system.
 *
 * Scale (2 M orders, 6 M lines): the aggregation runs as one set-based statement inside the sales database; what
 * comes back is bounded by customers × years (not by orders), fetched through a cursor in batches, then written into
 * the CRM database in one short transaction (`delete` + `insert … select from unnest(…)` in batches). The two may be
 * different databases, so nothing joins across them.
 *
 * Incremental refresh: orders are only ever added, and their status moves forward in the weeks after the order date.
 * So a (customer, year) row can only have changed if it holds an order dated within the last INCREMENTAL_WINDOW_DAYS
 * (new orders and status changes of recent orders) or an order with an id above the last watermark (a new order
 * entered with an old date). An incremental refresh recomputes every row of the years from the window's start on
 * (usually the current year, early in a year also the previous one) plus the exact (customer, year) pairs of such
 * back-dated new orders, and leaves older years alone: with three years of history that is a third to two thirds of
 * the work, with ten years a tenth. A full refresh runs when none has run yet, when the last one is older than
 * FULL_EVERY_MS (it catches late changes to old orders), and on request (`POST /sales/refresh`).
 */
export const INCREMENTAL_WINDOW_DAYS = 90;
export const FULL_EVERY_MS = 24 * 3_600_000;
/** Refreshing reads much more than a lookup: it gets a longer statement time-out than the 5 s of the endpoints. */
export const REFRESH_TIMEOUT_MS = 120_000;
const BATCH = 10_000;
const REFRESH_LOCK = 4_711_010;

export type RefreshMode = 'full' | 'incremental';

type Columns = { customerNo: string[]; year: number[]; amount: string[]; orderCount: number[]; lastOrderDate: string[] };
/** What the rows read replace: everything, or the years from `fromYear` on plus some exact (customer, year) pairs. */
type Replaced = 'all' | { fromYear: number; customerNo: string[]; year: number[] };
type Read = { columns: Columns; replaced: Replaced; watermark: string };

const perOrder = (filter: string) => `
  with per_order as (
    select o.id, o.customer_no, o.order_date, coalesce(sum(l.quantity * l.unit_price), 0) as amount
    from sales.orders o left join sales.order_lines l on l.order_id = o.id
    where o.status in (5, 6) ${filter}
    group by o.id
  )
  select customer_no as "customerNo", extract(year from order_date)::int as year, sum(amount)::text as amount,
         count(*)::int as "orderCount", max(order_date)::text as "lastOrderDate"
  from per_order group by 1, 2`;

/** Back-dated new orders: their (customer, year) pairs, before the window's first year. */
const BACKDATED = `select distinct customer_no as "customerNo", extract(year from order_date)::int as year
  from sales.orders where id > $1 and order_date < $2::date`;
const INCREMENTAL_FILTER = `and (o.order_date >= $2::date or (o.customer_no, extract(year from o.order_date)::int) in (
  select customer_no, extract(year from order_date)::int from sales.orders where id > $1 and order_date < $2::date))`;

async function fetchAll(q: SalesQuery, query: string, params: unknown[]): Promise<Columns> {
  const columns: Columns = { customerNo: [], year: [], amount: [], orderCount: [], lastOrderDate: [] };
  await q(`declare sales_figures no scroll cursor for ${query}`, params);
  for (;;) {
    const batch = await q<{ customerNo: string; year: number; amount: string; orderCount: number; lastOrderDate: string }>(
      `fetch ${BATCH} from sales_figures`,
    );
    for (const r of batch) {
      columns.customerNo.push(r.customerNo);
      columns.year.push(r.year);
      columns.amount.push(r.amount);
      columns.orderCount.push(r.orderCount);
      columns.lastOrderDate.push(r.lastOrderDate);
    }
    if (batch.length < BATCH) break;
  }
  await q('close sales_figures');
  return columns;
}

const dayBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

async function readFigures(deps: Deps, mode: RefreshMode, watermark: string | null, now: Date): Promise<Read> {
  return deps.sales.read(
    async (q) => {
      const [top] = await q<{ max: string | null }>('select max(id)::text as max from sales.orders');
      const newWatermark = top?.max ?? '0';
      if (mode === 'full') return { columns: await fetchAll(q, perOrder(''), []), replaced: 'all', watermark: newWatermark };
      const fromYear = Number(dayBefore(now, INCREMENTAL_WINDOW_DAYS).slice(0, 4));
      const params = [watermark ?? '0', `${fromYear}-01-01`];
      const backdated = await q<{ customerNo: string; year: number }>(BACKDATED, params);
      const replaced = { fromYear, customerNo: backdated.map((r) => r.customerNo), year: backdated.map((r) => r.year) };
      return { columns: await fetchAll(q, perOrder(INCREMENTAL_FILTER), params), replaced, watermark: newWatermark };
    },
    { timeoutMs: REFRESH_TIMEOUT_MS },
  );
}

/**
 * `customer_sales_totals` (all years per customer number) follows `customer_sales_years` through statement triggers.
 * The refresh writes many batches: it defers the triggers and recomputes the totals once, set-based, at the end of
 * the same transaction — all of them after a full refresh; after an incremental one only the customer numbers whose
 * rows may have changed (rows of the replaced years before or after, and the back-dated pairs).
 */
async function writeTotals(tx: DbOrTx, r: Replaced) {
  if (r === 'all') {
    await tx.execute(sql`delete from customer_sales_totals t
      where not exists (select 1 from customer_sales_years y where y.customer_no = t.customer_no)`);
    // update the changed rows, then add the new numbers (no INSERT … ON CONFLICT: most rows are unchanged)
    await tx.execute(sql`
      update customer_sales_totals t set amount = f.amount, order_count = f.order_count, last_order_date = f.last_order_date
      from (select customer_no, sum(amount) as amount, sum(order_count) as order_count, max(last_order_date) as last_order_date
            from customer_sales_years group by customer_no) f
      where t.customer_no = f.customer_no
        and (t.amount, t.order_count, t.last_order_date) is distinct from (f.amount, f.order_count, f.last_order_date)`);
    await tx.execute(sql`
      insert into customer_sales_totals (customer_no, amount, order_count, last_order_date)
      select y.customer_no, sum(y.amount), sum(y.order_count), max(y.last_order_date) from customer_sales_years y
      where not exists (select 1 from customer_sales_totals t where t.customer_no = y.customer_no)
      group by y.customer_no`);
    return;
  }
  // a row of a year from fromYear on has its last order date in that year: the old totals name the old rows' customers
  await tx.execute(sql`select customer_sales_totals_refresh(array(
      select customer_no from customer_sales_totals where last_order_date >= ${`${r.fromYear}-01-01`}::date
      union select customer_no from customer_sales_years where year >= ${r.fromYear}
      union select unnest(${sql.param(r.customerNo)}::text[])))`);
}

async function writeFigures(tx: DbOrTx, read: Read, mode: RefreshMode, now: Date) {
  const r = read.replaced;
  await tx.execute(sql`select set_config('crm.sales_totals', 'deferred', true)`);
  if (r === 'all') await tx.execute(sql`delete from customer_sales_years`);
  else {
    await tx.execute(sql`delete from customer_sales_years where year >= ${r.fromYear}
      or (customer_no, year) in (select * from unnest(${sql.param(r.customerNo)}::text[], ${sql.param(r.year)}::smallint[]))`);
  }
  const c = read.columns;
  for (let start = 0; start < c.customerNo.length; start += BATCH) {
    const part = <T>(a: T[]) => sql.param(a.slice(start, start + BATCH));
    await tx.execute(sql`
      insert into customer_sales_years (customer_no, year, amount, order_count, last_order_date)
      select * from unnest(${part(c.customerNo)}::text[], ${part(c.year)}::smallint[], ${part(c.amount)}::numeric[],
                           ${part(c.orderCount)}::int[], ${part(c.lastOrderDate)}::date[])`);
  }
  await writeTotals(tx, r);
  await tx.execute(sql`select set_config('crm.sales_totals', '', true)`);
  await tx.execute(sql`
    insert into sales_sync (id, as_of, full_at, watermark) values (1, ${now.toISOString()}, ${mode === 'full' ? now.toISOString() : null}, ${read.watermark})
    on conflict (id) do update set as_of = excluded.as_of, watermark = excluded.watermark,
      full_at = coalesce(excluded.full_at, sales_sync.full_at)`);
}

type Sync = { asOf: string | null; fullAt: string | null; watermark: string | null };

async function readSync(db: DbOrTx): Promise<Sync> {
  const [row] = await rows<{ asOf: Date | string | null; fullAt: Date | string | null; watermark: string | null }>(
    db,
    sql`select as_of as "asOf", full_at as "fullAt", watermark from sales_sync where id = 1`,
  );
  const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);
  return { asOf: iso(row?.asOf), fullAt: iso(row?.fullAt), watermark: row?.watermark ?? null };
}

/** An incremental refresh falls back to a full one when there is no full one recent enough to build on. */
const chooseMode = (asked: RefreshMode | undefined, sync: Sync, now: Date): RefreshMode =>
  asked === 'full' || !sync.fullAt || !sync.watermark || now.getTime() - new Date(sync.fullAt).getTime() > FULL_EVERY_MS
    ? 'full'
    : (asked ?? 'incremental');

/**
 * Refreshes the derived copy. On PostgreSQL the write transaction first takes an advisory lock: when another
 * instance is already refreshing, this one waits for it to finish and answers its result instead of repeating it.
 * Unreachable sales system → AppError SALES_UNAVAILABLE, and the old copy stays as it was.
 */
export async function refreshSalesFigures(deps: Deps, mode?: RefreshMode, now = new Date()): Promise<{ asOf: string }> {
  if (deps.database.kind === 'postgres') {
    return deps.db.transaction(async (tx) => {
      const [lock] = await rows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${REFRESH_LOCK}) as ok`);
      if (!lock?.ok) {
        await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
        const done = await readSync(tx);
        if (done.asOf) return { asOf: done.asOf };
      }
      const sync = await readSync(tx);
      const chosen = chooseMode(mode, sync, now);
      const read = await readFigures(deps, chosen, sync.watermark, now);
      await writeFigures(tx, read, chosen, now);
      return { asOf: now.toISOString() };
    });
  }
  // PGlite: one connection, so the sales read completes before the CRM write transaction begins
  const sync = await readSync(deps.db);
  const chosen = chooseMode(mode, sync, now);
  const read = await readFigures(deps, chosen, sync.watermark, now);
  await deps.db.transaction((tx) => writeFigures(tx, read, chosen, now));
  return { asOf: now.toISOString() };
}

/** API.md `GET /sales/status`: how current the copy is, and whether the sales system answers right now. */
export async function salesStatus(deps: Deps): Promise<{ asOf: string | null; reachable: boolean }> {
  const { asOf } = await readSync(deps.db);
  const reachable = await deps.sales
    .query('select 1 from sales.orders limit 1')
    .then(() => true)
    .catch(() => false);
  return { asOf, reachable };
}
