import type { TimelineItem } from '@crm/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';
import { churnInScope, opportunityInScope, serviceInScope, type Reader } from '../../platform/scope.ts';
import type { SalesQuery } from '../../sales/system.ts';

/**
 * docs/timeline.md#order, rule 1: every event has a position `(at, key)`; the feed is ordered by it, newest first,
 * and a page continues strictly after the last position of the one before. `key` is unique per event
 * (`kind:sub:000000000123`) and compared byte by byte (`collate "C"`, as JavaScript compares it), so events at the
 * same instant keep one order and paging never loses or repeats one.
 */
export type Cursor = { at: string; key: string };
export type Row = TimelineItem & { key: string };

/** Only the code's own words are literals here (kinds and subs of events), never input. */
const literal = (word: string) => sql.raw(`'${word.replace(/[^a-z]/g, '')}'`);
const key = (kind: string, sub: string | SQL, id: SQL) =>
  sql`${literal(kind)} || ':' || ${typeof sub === 'string' ? literal(sub) : sub} || ':' || lpad((${id})::text, 12, '0')`;

/** Fields of a record change that are bookkeeping, not a change a user made (docs/timeline.md#what-is-in-it, rule 3). */
const NOT_CHANGES = ['version', 'updatedAt', 'createdAt', 'id', 'number'];

/**
 * The CRM's own events of one customer (everything but the orders), each family inside the reader's scope for it
 * (docs/organisation.md#data-scope): the first `limit` after `cursor`.
 */
export async function customerEvents(db: DbOrTx, reader: Reader, customerId: number, cursor: Cursor, limit: number) {
  const user = (column: SQL) => sql`(select u.display_name from users u where u.id = ${column})`;
  const events = sql`
    select a.created_at as at, 'activity' as kind, 'activity' as event, a.summary as title,
           a.place || ' · ' || a.date::text as detail, 'activity' as ref_type, a.id as ref_id, null::text as by,
           null::text[] as fields, ${key('activity', '', sql`a.id`)} as key
    from activities a where a.customer_id = ${customerId}
    union all
    select e.at, 'service', 'service.' || e.kind, s.summary, e.text, 'service', s.id,
           coalesce(${user(sql`e.user_id`)}, e.contact_name), null,
           ${key('service', sql`e.kind`, sql`e.id`)}
    from service_events e join services s on s.id = e.service_id
    where s.customer_id = ${customerId} and ${serviceInScope(reader, 's')}
    union all
    select x.at, 'churn', x.event, x.title, x.detail, 'churnWarning', w.id, x.by, null, ${key('churn', sql`x.sub`, sql`x.id`)}
    from churn_warnings w join customers c on c.id = w.customer_id
    cross join lateral (
      select w.created_at as at, 'churn.warning' as event, 'warning' as sub, w.id, 'Churn warning' as title,
             'last order ' || coalesce(w.last_order_date::text, 'never') as detail, null::text as by
      union all
      select m.created_at, 'churn.measure', 'measure', m.id, 'Churn measure', m.text, ${user(sql`m.created_by`)}
      from churn_measures m where m.warning_id = w.id
      union all
      select w.confirmed_at, 'churn.confirmed', 'confirmed', w.id, 'Loss confirmed', w.reason, null
      where w.confirmed_at is not null
      union all
      select w.recovered_at, 'churn.recovered', 'recovered', w.id, 'Recovered', null, null where w.recovered_at is not null
    ) x
    where w.customer_id = ${customerId} and ${churnInScope(reader, 'w', 'c')}
    union all
    select x.at, 'opportunity', 'opportunity.' || x.sub, o.summary, o.customer_name, 'opportunity', o.id, x.by, null,
           ${key('opportunity', sql`x.sub`, sql`o.id`)}
    from opportunities o cross join lateral (
      select o.created_at as at, 'created' as sub, ${user(sql`o.created_by`)} as by
      union all select o.assigned_at, 'assigned', ${user(sql`o.assignee_id`)} where o.assigned_at is not null
      union all select o.closed_at, 'succeeded', ${user(sql`o.assignee_id`)}
        where o.closed_at is not null and o.status = 'succeeded'
    ) x
    where o.customer_id = ${customerId} and ${opportunityInScope(reader, 'o')}
    union all
    select p.at, 'pool', 'pool.' || p.action, p.action, p.reason, 'customer', p.customer_id, ${user(sql`p.by_id`)}, null,
           ${key('pool', sql`p.action`, sql`p.id`)}
    from customer_pool_events p where p.customer_id = ${customerId}
    union all
    select l.at, 'change', 'change.' || l.action, l.action, null, 'customer', ${customerId}, ${user(sql`l.user_id`)},
           case when l.action <> 'create' then array(
             select f from jsonb_object_keys(coalesce(l.after, '{}'::jsonb)) f
             where (l.before -> f) is distinct from (l.after -> f) and f <> all(${sql.param(NOT_CHANGES)}::text[])
             order by f) end,
           ${key('change', sql`l.action`, sql`l.id`)}
    from audit_log l where l.entity = 'customer' and l.entity_id = ${String(customerId)}
      and l.action in ('create', 'update', 'transfer')
    union all
    select l.at, 'merge', 'merge.absorbed', 'merge',
           array_to_string(array(select jsonb_array_elements_text(l.after -> 'mergedNumbers')), ', '), 'customer',
           ${customerId}, ${user(sql`l.user_id`)},
           array(select f from jsonb_object_keys(coalesce(l.after -> 'fields', '{}'::jsonb)) f order by f),
           ${key('merge', 'absorbed', sql`l.id`)}
    from audit_log l where l.entity = 'customer' and l.entity_id = ${String(customerId)} and l.action = 'merge'
    union all
    select l.at, 'merge', 'merge.into', 'merge', l.after -> 'survivor' ->> 'number', 'customer',
           c.merged_into_id, ${user(sql`l.user_id`)}, null, ${key('merge', 'into', sql`l.id`)}
    from customers c join audit_log l on l.entity = 'customer' and l.entity_id = c.merged_into_id::text
      and l.action = 'merge' and l.before -> 'merged' @> jsonb_build_array(jsonb_build_object('id', c.id))
    where c.id = ${customerId}`;
  return rows<Row & { ref_type: string; ref_id: number }>(
    db,
    sql`select e.at, e.kind, e.event, e.title, e.detail, e.ref_type, e.ref_id, e.by, e.fields, e.key
        from (${events}) e
        where e.at < ${cursor.at}::timestamptz or (e.at = ${cursor.at}::timestamptz and e.key collate "C" < ${cursor.key})
        order by e.at desc, e.key collate "C" desc
        limit ${limit}`,
  );
}

/**
 * The customer's counted orders (docs/product.md#order-history, rule 1) from the sales system, as events: an order
 * happened on its order date (midnight UTC, docs/timeline.md#what-is-in-it, rule 2). `numbers`: the customer's own and
 * those merged into it (docs/duplicates-and-merge.md, rule 7).
 */
export async function orderEvents(q: SalesQuery, numbers: string[], cursor: Cursor, limit: number) {
  const found = await q<{ id: string; at: string; amount: string; key: string }>(
    `select o.id, to_char(o.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, o.key,
            (select coalesce(sum(l.quantity * l.unit_price), 0) from sales.order_lines l where l.order_id = o.id)::text
              as amount
     from (select id, (order_date::timestamp at time zone 'UTC') as at, 'order::' || lpad(id::text, 12, '0') as key
           from sales.orders where customer_no = any($1::text[]) and status in (5, 6)) o
     where o.at < $2::timestamptz or (o.at = $2::timestamptz and o.key collate "C" < $3)
     order by o.at desc, o.key collate "C" desc limit $4`,
    [numbers, cursor.at, cursor.key, limit],
  );
  return found.map((o): Row => ({
    at: o.at,
    kind: 'order',
    event: 'order',
    title: `Order ${o.id}`,
    detail: o.amount,
    ref: { type: 'order', id: Number(o.id) },
    by: null,
    key: o.key,
  }));
}
