import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { Figures, MonthFigures, Part } from './figures-read.ts';

/**
 * Writes what a refresh read into the CRM's copy. The rows read are staged, a batch at a time and each batch in its
 * own statement, in `sales_refresh_rows` (written only by the holder of the refresh's lease), so that no CRM
 * transaction is open while the sales system is read. Then, in one short transaction, the new figures are computed
 * from them in a temporary table (`sales_next`) and merged into `customer_sales_years` set-based: changed rows
 * updated, new ones inserted, vanished ones deleted. Unchanged rows are not touched, so a refresh that finds nothing
 * new writes nothing (no dead rows), and the totals triggers (migration 0002) see only what changed.
 */
export const clearStaging = (db: DbOrTx) => db.execute(sql`truncate sales_refresh_rows, sales_refresh_months`);

export async function createNext(tx: DbOrTx) {
  await tx.execute(sql`create temporary table sales_next (
      customer_no text not null, year smallint not null, amount numeric not null, order_count int not null, last_order_date date
    ) on commit drop`);
}

export async function stage(db: DbOrTx, part: Part, f: Figures) {
  const p = <T>(a: T[]) => sql.param(a);
  await db.execute(sql`
    insert into sales_refresh_rows (part, customer_no, year, amount, order_count, last_order_date, settled_amount, settled_count, settled_last)
    select ${part}, * from unnest(${p(f.customerNo)}::text[], ${p(f.year)}::smallint[], ${p(f.amount)}::numeric[],
      ${p(f.orderCount)}::int[], ${p(f.lastOrderDate)}::date[], ${p(f.settledAmount)}::numeric[], ${p(f.settledCount)}::int[],
      ${p(f.settledLast)}::date[])`);
}

/** `scope`: 'all' — sales_next is the whole copy; 'pairs' — it replaces only the pairs it names. */
async function merge(tx: DbOrTx, scope: 'all' | 'pairs') {
  await tx.execute(sql`analyze sales_next`);
  await tx.execute(sql`
    update customer_sales_years y set amount = n.amount, order_count = n.order_count, last_order_date = n.last_order_date
    from sales_next n
    where y.customer_no = n.customer_no and y.year = n.year and n.order_count > 0
      and (y.amount, y.order_count, y.last_order_date) is distinct from (n.amount, n.order_count, n.last_order_date)`);
  await tx.execute(sql`
    insert into customer_sales_years (customer_no, year, amount, order_count, last_order_date)
    select n.customer_no, n.year, n.amount, n.order_count, n.last_order_date from sales_next n
    where n.order_count > 0
    on conflict (customer_no, year) do nothing`); // the rows already there were updated above; not a NOT EXISTS: see 0008
  await tx.execute(
    scope === 'all'
      ? sql`delete from customer_sales_years y where not exists (
              select 1 from sales_next n where n.customer_no = y.customer_no and n.year = y.year and n.order_count > 0)`
      : sql`delete from customer_sales_years y using sales_next n
            where y.customer_no = n.customer_no and y.year = n.year and n.order_count = 0`,
  );
}

/** Replaces the settled part of the cut's year for the pairs read whole (all of them after a full read). */
async function writeSettled(tx: DbOrTx, cutYear: number, scope: 'all' | 'pairs') {
  await tx.execute(
    scope === 'all'
      ? sql`delete from customer_sales_settled`
      : sql`delete from customer_sales_settled s using sales_refresh_rows r
            where r.part = 'whole' and s.customer_no = r.customer_no and s.year = r.year`,
  );
  await tx.execute(sql`
    insert into customer_sales_settled (customer_no, year, amount, order_count, last_order_date)
    select customer_no, year, settled_amount, settled_count, settled_last from sales_refresh_rows
    where part = 'whole' and year = ${cutYear} and settled_count > 0`);
}

/** A full read: the figures as read are the new copy. */
export async function writeAll(tx: DbOrTx, cutYear: number) {
  await tx.execute(sql`analyze sales_refresh_rows`);
  await tx.execute(
    sql`insert into sales_next select customer_no, year, amount, order_count, last_order_date from sales_refresh_rows`,
  );
  await merge(tx, 'all');
  await writeSettled(tx, cutYear, 'all');
}

/**
 * An incremental read: a pair read whole (back-dated orders) is taken as read; a pair read from the cut on is its
 * recent part plus its settled part.
 */
export async function writeIncrement(tx: DbOrTx, cutYear: number) {
  await tx.execute(sql`analyze sales_refresh_rows`); // emptied and refilled since the last analyse: the joins below need its statistics
  await tx.execute(sql`
    insert into sales_next
    select customer_no, year, amount, order_count, last_order_date from sales_refresh_rows where part = 'whole'
    union all
    select r.customer_no, r.year, r.amount + coalesce(s.amount, 0), r.order_count + coalesce(s.order_count, 0),
           greatest(r.last_order_date, s.last_order_date)
    from sales_refresh_rows r left join customer_sales_settled s on s.customer_no = r.customer_no and s.year = r.year
    where r.part = 'recent'
      and not exists (select 1 from sales_refresh_rows w where w.part = 'whole' and w.customer_no = r.customer_no and w.year = r.year)`);
  await merge(tx, 'pairs');
  await writeSettled(tx, cutYear, 'pairs');
}

/** A batch of monthly figures, staged in `sales_refresh_months` as the yearly ones are. */
export async function stageMonths(db: DbOrTx, f: MonthFigures) {
  const p = <T>(a: T[]) => sql.param(a);
  await db.execute(sql`
    insert into sales_refresh_months (customer_no, month, amount, order_count, first_order_date, last_order_date)
    select * from unnest(${p(f.customerNo)}::text[], ${p(f.month)}::date[], ${p(f.amount)}::numeric[],
      ${p(f.orderCount)}::int[], ${p(f.firstOrderDate)}::date[], ${p(f.lastOrderDate)}::date[])`);
}

/**
 * Merges the staged months into `customer_sales_months` (docs/churn-risk.md#the-figures) as `merge` does the years:
 * changed rows updated, new ones inserted; `all` (a full read, which reads every month kept): every month not read
 * is removed — so are months older than the ones kept —; `pairs` (an incremental read): the months read without a
 * counted order are removed.
 */
export async function writeMonths(tx: DbOrTx, scope: 'all' | 'pairs') {
  await tx.execute(sql`analyze sales_refresh_months`);
  await tx.execute(sql`
    update customer_sales_months y set amount = n.amount, order_count = n.order_count,
      first_order_date = n.first_order_date, last_order_date = n.last_order_date
    from sales_refresh_months n
    where y.customer_no = n.customer_no and y.month = n.month and n.order_count > 0
      and (y.amount, y.order_count, y.first_order_date, y.last_order_date)
          is distinct from (n.amount, n.order_count, n.first_order_date, n.last_order_date)`);
  await tx.execute(sql`
    insert into customer_sales_months (customer_no, month, amount, order_count, first_order_date, last_order_date)
    select n.customer_no, n.month, n.amount, n.order_count, n.first_order_date, n.last_order_date
    from sales_refresh_months n where n.order_count > 0
    on conflict (customer_no, month) do nothing`);
  await tx.execute(
    scope === 'all'
      ? sql`delete from customer_sales_months y where not exists (
              select 1 from sales_refresh_months n where n.customer_no = y.customer_no and n.month = y.month and n.order_count > 0)`
      : sql`delete from customer_sales_months y using sales_refresh_months n
            where y.customer_no = n.customer_no and y.month = n.month and n.order_count = 0`,
  );
}
