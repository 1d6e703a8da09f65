import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { Figures, MonthFigures, Part } from './figures-read.ts';
import { ALIAS_MAP } from './aliases.ts';

/**
 * Writes what a refresh read into the CRM's copy. The rows read are staged, a batch at a time and each batch in its
 * own statement, in `sales_refresh_rows` (written only by the holder of the refresh's lease), so that no CRM
 * transaction is open while the sales system is read. Then, in one short transaction, the new figures are computed
 * from them in a temporary table (`sales_next`) and merged into `customer_sales_years` set-based: changed rows
 * updated, new ones inserted, vanished ones deleted. Unchanged rows are not touched, so a refresh that finds nothing
 * new writes nothing (no dead rows), and the totals triggers (migration 0002) see only what changed.
 */
export const clearStaging = (db: DbOrTx) => db.execute(sql`truncate sales_refresh_rows, sales_refresh_months`);

/** The transaction's scratch tables: the new yearly figures, and the customers whose figures an increment changed. */
export async function createNext(tx: DbOrTx) {
  await tx.execute(sql`create temporary table sales_next (
      customer_no text not null, year smallint not null, amount numeric not null, order_count int not null, last_order_date date
    ) on commit drop`);
  await tx.execute(sql`create temporary table sales_changed (customer_no text not null) on commit drop`);
  await tx.execute(sql`create temporary table sales_next_months (
      customer_no text not null, month date not null, amount numeric not null, order_count int not null,
      first_order_date date, last_order_date date
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

/** A table of the copy and where its new rows are staged: the key and the figures of each row. */
type Copy = { table: string; staged: string; keys: string[]; figures: string[] };

const YEARS: Copy = {
  table: 'customer_sales_years',
  staged: 'sales_next',
  keys: ['customer_no', 'year'],
  figures: ['amount', 'order_count', 'last_order_date'],
};

const MONTHS: Copy = {
  table: 'customer_sales_months',
  staged: 'sales_next_months',
  keys: ['customer_no', 'month'],
  figures: ['amount', 'order_count', 'first_order_date', 'last_order_date'],
};

/**
 * Merges the staged rows of `c` into the copy. `scope`: 'all' — the staged rows are the whole copy (a row not staged
 * goes); 'pairs' — they replace only the keys they name (a key staged without a counted order goes). What differs is
 * found first, in one hash join of the staged rows with the copy (not one index probe of the copy per staged row:
 * 4 s for the 750,000 months at scale L), and only that is written: a refresh that finds nothing new writes nothing
 * (no dead rows), and the totals triggers (migration 0002) see only what changed. An incremental merge notes the
 * customers whose figures changed in `sales_changed`, whose churn risk is scored again (docs/churn-risk.md#the-figures).
 */
async function mergeCopy(tx: DbOrTx, c: Copy, scope: 'all' | 'pairs') {
  const list = (alias: string, names: string[]) => names.map((n) => `${alias}.${n}`).join(', ');
  const same = (a: string, b: string) => c.keys.map((k) => `${a}.${k} = ${b}.${k}`).join(' and ');
  await tx.execute(sql.raw(`analyze ${c.staged}`));
  await tx.execute(
    sql.raw(`create temporary table sales_diff on commit drop as
      select ${c.keys.map((k) => `coalesce(n.${k}, y.${k}) as ${k}`).join(', ')}, ${list('n', c.figures)},
             case when y.customer_no is null then 'insert' when n.customer_no is null or n.order_count = 0 then 'delete'
                  else 'update' end as change
      from (select * from ${c.staged}${scope === 'all' ? ' where order_count > 0' : ''}) n
      ${scope === 'all' ? 'full' : 'left'} join ${c.table} y on ${same('y', 'n')}
      where (y.customer_no is null and n.order_count > 0)
         or (y.customer_no is not null and (n.customer_no is null or n.order_count = 0))
         or (n.order_count > 0 and (${list('y', c.figures)}) is distinct from (${list('n', c.figures)}))`),
  );
  await tx.execute(sql`analyze sales_diff`);
  await tx.execute(
    sql.raw(`update ${c.table} y set ${c.figures.map((f) => `${f} = d.${f}`).join(', ')}
      from sales_diff d where d.change = 'update' and ${same('y', 'd')}`),
  );
  await tx.execute(
    sql.raw(`insert into ${c.table} (${[...c.keys, ...c.figures].join(', ')})
      select ${list('d', [...c.keys, ...c.figures])} from sales_diff d where d.change = 'insert'`),
  );
  await tx.execute(
    sql.raw(`delete from ${c.table} y using sales_diff d where d.change = 'delete' and ${same('y', 'd')}`),
  );
  if (scope === 'pairs') await tx.execute(sql`insert into sales_changed select distinct customer_no from sales_diff`);
  await tx.execute(sql`drop table sales_diff`);
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
  // docs/duplicates-and-merge.md, rule 8: a merged number's figures are its survivor's, summed per survivor and year
  await tx.execute(sql`
    insert into sales_next
    select coalesce(m.survivor, r.customer_no), r.year, sum(r.amount), sum(r.order_count), max(r.last_order_date)
    from sales_refresh_rows r left join ${ALIAS_MAP} m on m.number = r.customer_no
    group by 1, 2`);
  await mergeCopy(tx, YEARS, 'all');
  await writeSettled(tx, cutYear, 'all');
}

/**
 * An incremental read: a pair read whole (back-dated orders) is taken as read; a pair read from the cut on is its
 * recent part plus its settled part.
 */
export async function writeIncrement(tx: DbOrTx, cutYear: number) {
  await tx.execute(sql`analyze sales_refresh_rows`); // emptied and refilled since the last analyse: the joins below need its statistics
  // docs/duplicates-and-merge.md, rule 8: per survivor and year over every number of its group. A pair read whole
  // comes with the same year of every other number of its group (readBackdated); a recent pair's year is, for each
  // number of the group, its recent part (none when it had no order since the cut) plus its settled part
  await tx.execute(sql`
    with r as (
      select coalesce(m.survivor, r.customer_no) as survivor, r.*
      from sales_refresh_rows r left join ${ALIAS_MAP} m on m.number = r.customer_no
    ), touched as (
      select distinct r.survivor, r.year from r
      where r.part = 'recent'
        and not exists (select 1 from r w where w.part = 'whole' and w.survivor = r.survivor and w.year = r.year)
    ), members as (
      select t.survivor, t.year, t.survivor as customer_no from touched t
      union all
      select t.survivor, t.year, m.number from touched t join ${ALIAS_MAP} m on m.survivor = t.survivor
    )
    insert into sales_next
    select survivor, year, sum(amount), sum(order_count), max(last_order_date) from r where part = 'whole' group by 1, 2
    union all
    select b.survivor, b.year, sum(coalesce(r.amount, 0) + coalesce(s.amount, 0)),
           sum(coalesce(r.order_count, 0) + coalesce(s.order_count, 0)), max(greatest(r.last_order_date, s.last_order_date))
    from members b
    left join sales_refresh_rows r on r.part = 'recent' and r.customer_no = b.customer_no and r.year = b.year
    left join customer_sales_settled s on s.customer_no = b.customer_no and s.year = b.year
    group by 1, 2`);
  await mergeCopy(tx, YEARS, 'pairs');
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
 * Merges the staged months into `customer_sales_months` (docs/churn-risk.md#the-figures) as the years are merged:
 * `all` (a full read, which reads every month kept): every month not read is removed — so are months older than the
 * ones kept —; `pairs` (an incremental read): the months read without a counted order are removed.
 */
export async function writeMonths(tx: DbOrTx, scope: 'all' | 'pairs') {
  await tx.execute(sql`analyze sales_refresh_months`);
  // docs/duplicates-and-merge.md, rule 8: per survivor and month; a month read is read for every number of its group
  // (a recent month: every order from the cut's month on; a back-dated one: readBackdatedMonths)
  await tx.execute(sql`
    insert into sales_next_months
    select coalesce(m.survivor, r.customer_no), r.month, sum(r.amount), sum(r.order_count), min(r.first_order_date),
           max(r.last_order_date)
    from sales_refresh_months r left join ${ALIAS_MAP} m on m.number = r.customer_no
    group by 1, 2`);
  await mergeCopy(tx, MONTHS, scope);
}
