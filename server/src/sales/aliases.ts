import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rows } from '../db/sql.ts';
import type { AliasGroups } from './figures-read.ts';
import { computeRisk } from './risk.ts';

/**
 * Customer number aliases in the derived copy (docs/duplicates-and-merge.md, rules 7 and 8): the orders under a merged
 * customer's number count for its survivor. The copy holds the survivor's figures only — summed over every number of
 * its group —, so reports, the churn check and the risk read one number per customer, as before.
 */

/** Every alias and its survivor's number: `(number, survivor)`. */
export const ALIAS_MAP = sql`(select a.number, s.number as survivor
  from customer_number_aliases a join customers s on s.id = a.customer_id)`;

/**
 * The copy's writers (the refresh's write, a merge's fold) one at a time: the alias groups hold still meanwhile. The
 * same lock, shared, is what a statement moving customers between managers takes first (migration 0038): the order
 * amounts kept per manager (0036) then never count figures for a manager change not yet committed. A writer takes it
 * first in its transaction, before any row: it waits for those moves, never they for a row it holds.
 */
export const lockCopy = (tx: DbOrTx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('customer-sales-copy'))`);

/** Each number of an alias group (survivors included) with its group's survivor number, ordered. */
export async function readAliasGroups(db: DbOrTx): Promise<AliasGroups> {
  const found = await rows<{ no: string; grp: string }>(
    db,
    sql`select m.number as no, m.survivor as grp from ${ALIAS_MAP} m
        union select distinct m.survivor, m.survivor from ${ALIAS_MAP} m
        order by 2, 1`,
  );
  return { numbers: found.map((r) => r.no), groups: found.map((r) => r.grp) };
}

export const sameGroups = (a: AliasGroups, b: AliasGroups) =>
  a.numbers.join('\u0000') === b.numbers.join('\u0000') && a.groups.join('\u0000') === b.groups.join('\u0000');

/**
 * At a merge, in its transaction (docs/duplicates-and-merge.md, rule 8): the merged numbers' yearly and monthly figures
 * are added to the survivor's and removed, then the survivor's risk is scored again — so that reports, the churn check
 * and the risk count the merged orders at once, before the next refresh. The settled parts stay per number (the
 * incremental refresh adds them up per group).
 */
export async function foldIntoSurvivor(tx: DbOrTx, survivor: string, merged: string[], now: Date, churnMonths: number) {
  await lockCopy(tx);
  const from = sql.param(merged);
  await tx.execute(sql`
    insert into customer_sales_years (customer_no, year, amount, order_count, last_order_date)
    select ${survivor}, year, sum(amount), sum(order_count), max(last_order_date)
    from customer_sales_years where customer_no = any(${from}::text[]) group by year
    on conflict (customer_no, year) do update set amount = customer_sales_years.amount + excluded.amount,
      order_count = customer_sales_years.order_count + excluded.order_count,
      last_order_date = greatest(customer_sales_years.last_order_date, excluded.last_order_date)`);
  await tx.execute(sql`delete from customer_sales_years where customer_no = any(${from}::text[])`);
  await tx.execute(sql`
    insert into customer_sales_months (customer_no, month, amount, order_count, first_order_date, last_order_date)
    select ${survivor}, month, sum(amount), sum(order_count), min(first_order_date), max(last_order_date)
    from customer_sales_months where customer_no = any(${from}::text[]) group by month
    on conflict (customer_no, month) do update set amount = customer_sales_months.amount + excluded.amount,
      order_count = customer_sales_months.order_count + excluded.order_count,
      first_order_date = least(customer_sales_months.first_order_date, excluded.first_order_date),
      last_order_date = greatest(customer_sales_months.last_order_date, excluded.last_order_date)`);
  await tx.execute(sql`delete from customer_sales_months where customer_no = any(${from}::text[])`);
  // docs/churn-risk.md#the-figures: the survivor's risk from its new figures; the merged customers' risks go
  await tx.execute(sql`create temporary table sales_changed (customer_no text not null) on commit drop`);
  await tx.execute(sql`insert into sales_changed values (${survivor})`);
  await computeRisk(tx, now, churnMonths, true);
  await tx.execute(sql`drop table sales_changed`);
}
