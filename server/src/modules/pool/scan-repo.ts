import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

export const POOL_RETURN_JOB = 'pool-return';

/**
 * Inside the scan's transaction: casts of instants to days (`::date`) count in the server's time zone, so that "days
 * since the last follow-up" are the server's calendar days (docs/ARCHITECTURE.md#where-things-live, "Time").
 */
export async function useServerDays(tx: DbOrTx, timeZone: string) {
  await tx.execute(sql`select set_config('TimeZone', ${timeZone}, true)`);
}

/**
 * docs/organisation.md#customer-pool, rule 5 in one statement: per `normal` customer that has a manager and a level
 * with `returnAfterDays` > 0, its last follow-up (the latest of its interaction records, churn delay measures, handled
 * services and last counted order — from the derived sales copy —, else its creation) and so the day it returns:
 * the day after `days` full days without one. Customers whose day has come go to the pool (`returned`, by nobody,
 * audited, their managers told: `pool.returned`); the managers of those due within `warnDays` get one
 * `pool.returning` per customer and return day (the unique (user, key) makes a second scan add none). Answers how many were returned and how many warnings are new.
 */
export async function returnAndWarn(
  tx: DbOrTx,
  c: { today: string; at: Date; warnDays: number; requestId: string },
): Promise<{ returned: number; warned: number }> {
  const at = sql`${c.at.toISOString()}::timestamptz`;
  const [row] = await rows<{ returned: number; warned: number }>(
    tx,
    sql`with due as (
          select c.id, c.name, c.manager_id, c.version,
                 greatest(a.last_day, m.last_at::date, s.last_at::date, o.last_order_date, c.created_at::date)
                   + d.days + 1 as return_on
          from customers c
          join pool_return_days d on d.level_id = c.level_id and d.days > 0
          left join (select customer_id, max(date) as last_day from activities group by customer_id) a
            on a.customer_id = c.id
          left join (select w.customer_id, max(cm.created_at) as last_at
                     from churn_measures cm join churn_warnings w on w.id = cm.warning_id group by w.customer_id) m
            on m.customer_id = c.id
          left join (select customer_id, max(handled_at) as last_at from services
                     where handled_at is not null group by customer_id) s
            on s.customer_id = c.id
          left join customer_sales_totals o on o.customer_no = c.number
          where c.manager_id is not null and c.status = 'normal'
        ), returned as (
          update customers x set manager_id = null, pool_entered_at = ${at}, pool_reason = 'returned',
                 previous_manager_id = due.manager_id, updated_at = ${at}, version = x.version + 1
          from due
          where x.id = due.id and due.return_on <= ${c.today}::date
            and x.manager_id = due.manager_id and x.status = 'normal'
          returning x.id, due.manager_id, due.return_on
        ), events as (
          insert into customer_pool_events (customer_id, at, action, by_id, manager_id)
          select r.id, ${at}, 'returned', null, r.manager_id from returned r
        ), logged as (
          insert into audit_log (user_id, action, entity, entity_id, before, after, request_id)
          select null, 'return', 'customer', r.id::text, jsonb_build_object('managerId', r.manager_id),
                 jsonb_build_object('managerId', null, 'poolReason', 'returned', 'returnOn', r.return_on),
                 ${c.requestId}::text
          from returned r
        ), told as (
          insert into notifications (user_id, kind, key, payload, ref_type, ref_id, created_at)
          select r.manager_id, 'pool.returned', 'pool.returned:' || r.id || ':' || r.return_on::text,
                 jsonb_build_object('customerId', r.id, 'customerName', due.name, 'returnOn', r.return_on::text),
                 'customer', r.id, ${at}
          from returned r join due on due.id = r.id
          on conflict (user_id, key) do nothing
        ), warned as (
          insert into notifications (user_id, kind, key, payload, ref_type, ref_id, created_at)
          select due.manager_id, 'pool.returning', 'pool.returning:' || due.id || ':' || due.return_on::text,
                 jsonb_build_object('customerId', due.id, 'customerName', due.name, 'returnOn', due.return_on::text,
                                    'days', due.return_on - ${c.today}::date),
                 'customer', due.id, ${at}
          from due
          where due.return_on > ${c.today}::date and due.return_on - ${c.warnDays}::int <= ${c.today}::date
          on conflict (user_id, key) do nothing
          returning id
        )
        select (select count(*)::int from returned) as returned, (select count(*)::int from warned) as warned`,
  );
  return row ?? { returned: 0, warned: 0 };
}
