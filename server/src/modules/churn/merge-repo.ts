import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

/**
 * docs/duplicates-and-merge.md, rule 4: a merge moves the merged customers' churn warnings to the survivor. A customer
 * has at most one open warning (docs/product.md#churn, rule 3): when the survivor has none, the oldest open one of
 * the merged customers stays open; every other open one of theirs is closed as `recovered` at the merge — the group's
 * last order is now the survivor's, and the next churn check judges the survivor afresh.
 */
export async function moveChurnWarningsToCustomer(tx: DbOrTx, fromIds: number[], toId: number, at: Date) {
  const from = sql.param(fromIds);
  await tx.execute(sql`
    update churn_warnings w set status = 'recovered', recovered_at = ${at.toISOString()}::timestamptz
    where w.customer_id = any(${from}::int[]) and w.status in ('warning', 'delayed')
      and w.id <> coalesce((
        select o.id from churn_warnings o
        where o.customer_id = any(${from}::int[]) and o.status in ('warning', 'delayed')
          and not exists (select 1 from churn_warnings s where s.customer_id = ${toId} and s.status in ('warning', 'delayed'))
        order by o.created_at, o.id limit 1), 0)`);
  const moved = await rows<{ id: number }>(
    tx,
    sql`update churn_warnings set customer_id = ${toId} where customer_id = any(${from}::int[]) returning id`,
  );
  return moved.length;
}
