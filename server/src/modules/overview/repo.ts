import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';
import { churnInScope, serviceInScope, type Reader } from '../../platform/scope.ts';

export type Facts = {
  asOf: string | null;
  byYear: { year: number; amount: number; orders: number }[];
  totals: { amount: number; orderCount: number; lastOrderDate: string } | null;
  churnWarning: { id: number; status: 'warning' | 'delayed' } | null;
  openServices: number | null;
  contacts: number;
  activities: number;
  lastFollowUpAt: string | null;
  originId: number | null;
};

/**
 * docs/overview.md#what-it-shows in one statement, each part through its own index: the customer's figures of the
 * derived sales copy per year, its open churn warning (for readers of warnings, inside their churn scope), its open
 * services (inside the reader's service scope), its counts, its last follow-up and the opportunity it came from.
 */
export async function overviewFacts(
  db: DbOrTx,
  reader: Reader,
  c: { id: number; number: string; createdAt: string },
  may: { churn: boolean; services: boolean },
): Promise<Facts> {
  const id = c.id;
  const [row] = await rows<Facts>(
    db,
    sql`select
      (select s.as_of from sales_sync s where s.id = 1) as "asOf",
      (select coalesce(json_agg(json_build_object('year', y.year, 'amount', y.amount::float8, 'orders', y.order_count)
                                order by y.year), '[]'::json)
       from customer_sales_years y where y.customer_no = ${c.number}) as "byYear",
      (select json_build_object('amount', t.amount::float8, 'orderCount', t.order_count, 'lastOrderDate', t.last_order_date)
       from customer_sales_totals t where t.customer_no = ${c.number}) as totals,
      ${
        may.churn
          ? sql`(select json_build_object('id', w.id, 'status', w.status)
                 from churn_warnings w join customers c on c.id = w.customer_id
                 where w.customer_id = ${id} and w.status in ('warning', 'delayed') and ${churnInScope(reader, 'w', 'c')})`
          : sql`null::json`
      } as "churnWarning",
      ${
        may.services
          ? sql`(select count(*)::int from services s
                 where s.customer_id = ${id} and s.status <> 'archived' and ${serviceInScope(reader, 's')})`
          : sql`null::int`
      } as "openServices",
      (select count(*)::int from contacts where customer_id = ${id}) as contacts,
      (select count(*)::int from activities where customer_id = ${id}) as activities,
      (select greatest(
         (select max(a.date) from activities a where a.customer_id = ${id}),
         (select max(m.created_at)::date from churn_measures m join churn_warnings w on w.id = m.warning_id
          where w.customer_id = ${id}),
         (select max(s.handled_at)::date from services s where s.customer_id = ${id} and s.handled_at is not null),
         (select t.last_order_date from customer_sales_totals t where t.customer_no = ${c.number})
       )::text) as "lastFollowUpAt",
      (select o.id from opportunities o where o.customer_id = ${id} and o.status = 'succeeded'
       order by o.closed_at nulls last, o.id limit 1) as "originId"`,
  );
  return row!;
}
