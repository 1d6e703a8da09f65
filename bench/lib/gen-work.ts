import { companyName, personName, type GenContext } from './gen-customers.ts';
import * as N from './names.ts';
import { Params, type Query } from './sql-params.ts';

/** A random instant on a day between `from` and `to` (dates), in working hours. */
const dayBetween = (from: string, to: string) => `(${from} + floor(random() * (${to} - ${from} + 1))::int)`;

/**
 * Sales opportunities (docs/product.md#opportunities, rule 7) over the history: young ones are mostly unassigned or
 * assigned, old ones mostly closed. The check constraint holds — an assignee exactly when not `unassigned`; a succeeded
 * one points at a distinct customer (the customer its success created) and carries that customer's name.
 */
export async function insertOpportunities(q: Query, g: GenContext) {
  const p = new Params();
  const today = p.add(g.today);
  const span = p.add(g.span);
  const n = p.add(g.scale.opportunities);
  const customers = p.add(g.scale.customers);
  await q(
    `insert into opportunities (id, source, customer_name, success_rate, summary, contact_name, contact_phone, description,
       status, created_by, created_at, assignee_id, assigned_at, closed_at, customer_id, version,
       expected_amount, expected_close_date, stage_id)
     select x.id, x.source, coalesce(c.name, x.name), x.rate, x.summary, x.contact, x.phone, x.description, x.status,
            x.creator, x.created_at,
            case when x.status = 'unassigned' then null else x.assignee end,
            case when x.status = 'unassigned' then null else x.created_at + interval '1 day' * (1 + x.gap) end,
            case when x.status in ('succeeded', 'failed') then x.created_at + interval '1 day' * (5 + 4 * x.gap) end,
            c.id, 1,
            -- docs/pipeline.md: 10,000–1,000,000 yuan; a closed one's close date is the day it closed, an open one's
            -- 15–120 days after its creation (old open ones are overdue); the stage reached (won: the last)
            x.amount,
            case when x.status in ('succeeded', 'failed') then (x.created_at + interval '1 day' * (5 + 4 * x.gap))::date
                 else (x.created_at + interval '1 day' * (15 + x.g % 106))::date end,
            case x.status when 'unassigned' then null when 'succeeded' then st.ids[array_length(st.ids, 1)]
                 when 'failed' then st.ids[1 + x.g % greatest(array_length(st.ids, 1) - 1, 1)]
                 else st.ids[1 + x.g % array_length(st.ids, 1)] end
     from (
       select g as id, ${p.pick(N.OPPORTUNITY_SOURCES)} as source, ${companyName(p, p.pick(N.CITIES))} as name,
              (floor(random() * 11) * 10)::int as rate, ${p.pick(N.OPPORTUNITY_SUMMARIES)} as summary,
              ${personName(p)} as contact, '1' || (30 + floor(random() * 60)::int) || lpad(floor(random() * 1e8)::bigint::text, 8, '0') as phone,
              ${p.pick(N.OPPORTUNITY_DESCRIPTIONS)} as description,
              case when age < 60 then case when r < 0.5 then 'unassigned' else 'assigned' end
                   else case when r < 0.08 then 'unassigned' when r < 0.25 then 'assigned' when r < 0.6 then 'succeeded' else 'failed' end
              end as status,
              ${p.pickInt([...g.directorIds, ...g.managerIds.slice(0, 5)])} as creator, ${p.pickInt(g.managerIds)} as assignee,
              floor(random() * least(10, greatest(age - 1, 0) / 5.0))::int as gap,
              round((10 + random() * 990)::numeric * 1000, -2) as amount,
              day + interval '9 hours' + random() * interval '8 hours' as created_at, g
       from (
         select g, random() as r, ${today}::date - ${span}::int + ((g - 1)::bigint * ${span} / ${n})::int as day,
                ${span}::int - ((g - 1)::bigint * ${span} / ${n})::int as age
         from generate_series(1, ${n}::int) g
       ) base
     ) x
     cross join (select array_agg(id order by value::int) as ids from dictionary_entries where type = 'opportunityStage') st
     left join customers c on x.status = 'succeeded' and c.id = 1 + (x.g::bigint * 7919) % ${customers}::int`,
    p.values,
  );
  await q(`select setval(pg_get_serial_sequence('opportunities', 'id'), (select max(id) from opportunities))`);
  // each stage's history: the assignment's move into it (docs/pipeline.md#stages, rule 2)
  await q(
    `insert into opportunity_stage_moves (opportunity_id, from_stage_id, to_stage_id, at, by_id)
     select id, null, stage_id, assigned_at, created_by from opportunities where stage_id is not null`,
  );
}

/**
 * Plan items (docs/product.md#development-plans, rule 3), spread round-robin over the opportunities that were assigned,
 * dated inside their life.
 */
export async function insertPlanItems(q: Query, g: GenContext) {
  const [{ n } = { n: 0 }] = await q<{ n: number }>(
    `select count(*)::int as n from opportunities where status <> 'unassigned'`,
  );
  if (!n) return;
  const p = new Params();
  const today = p.add(g.today);
  // the count is a constant, so that the join below is a hash join on rn (not a nested loop over every pair)
  const cnt = p.add(n);
  await q(
    `with opp as (
       select id, assigned_at, least(coalesce(closed_at, ${today}::date + 30), ${today}::date + 30)::date as until,
              row_number() over (order by id) as rn
       from opportunities where status <> 'unassigned'
     )
     insert into plan_items (opportunity_id, date, content, result, created_at)
     select id, d, ${p.pick(N.PLAN_CONTENTS)}, case when d < ${today}::date and random() < 0.7 then ${p.pick(N.PLAN_RESULTS)} end, assigned_at
     from (
       select o.id, o.assigned_at, ${dayBetween('o.assigned_at::date', 'o.until')} as d
       from generate_series(1, ${p.add(g.scale.planItems)}::int) g join opp o on o.rn = 1 + (g - 1) % ${cnt}::int
     ) x`,
    p.values,
  );
}

/**
 * Customer services (docs/product.md#customer-service, rule 8) with their history events. Old ones are archived (the
 * customer's feedback recorded), the last weeks' ones new, assigned or handled. Numbers as the app makes them: FW +
 * creation day + id (5 digits).
 */
export async function insertServices(q: Query, g: GenContext) {
  const p = new Params();
  const today = p.add(g.today);
  const span = p.add(g.span);
  const n = p.add(g.scale.services);
  await q(
    `insert into services (id, number, type_id, summary, customer_id, status, request, created_by, created_at, assignee_id,
       assigned_at, handling, handled_by, handled_at, result, satisfaction)
     select id, 'FW' || to_char(created_at, 'YYYYMMDD') || lpad(id::text, greatest(5, length(id::text)), '0'), type_id, summary, customer_id, status,
            request, creator, created_at,
            case when status <> 'new' then assignee end, case when status <> 'new' then created_at + interval '3 hours' end,
            case when status in ('handled', 'archived') then handling end,
            case when status in ('handled', 'archived') then assignee end,
            case when status in ('handled', 'archived') then created_at + interval '1 day' end,
            case when status = 'archived' then result end, case when status = 'archived' then satisfaction end
     from (
       select g as id, ${p.pickInt(g.serviceTypeIds)} as type_id, ${p.pick(N.SERVICE_SUMMARIES)} as summary,
              1 + floor(random() * ${p.add(g.scale.customers)})::int as customer_id,
              case when age > 30 then case when r < 0.02 then 'new' when r < 0.05 then 'assigned' when r < 0.1 then 'handled' else 'archived' end
                   else case when r < 0.3 then 'new' when r < 0.55 then 'assigned' when r < 0.8 then 'handled' else 'archived' end
              end as status,
              ${p.pick(N.SERVICE_REQUESTS)} as request, ${p.pickInt(g.managerIds)} as creator, ${p.pickInt(g.managerIds)} as assignee,
              ${p.pick(N.SERVICE_HANDLINGS)} as handling, ${p.pick(N.SERVICE_RESULTS)} as result,
              3 + floor(random() * 3)::int as satisfaction,
              day + interval '8 hours' + random() * interval '10 hours' as created_at
       from (
         select g, random() as r, ${today}::date - ${span}::int + ((g - 1)::bigint * ${span} / ${n})::int as day,
                ${span}::int - ((g - 1)::bigint * ${span} / ${n})::int as age
         from generate_series(1, ${n}::int) g
       ) base
     ) x`,
    p.values,
  );
  await q(`select setval(pg_get_serial_sequence('services', 'id'), (select max(id) from services))`);
  const e = new Params();
  const director = e.pickInt(g.directorIds);
  await q(
    `insert into service_events (service_id, kind, text, satisfaction, user_id, at)
     select id, 'created', request, null::smallint, created_by, created_at from services
     union all select id, 'assigned', null, null, ${director}, assigned_at from services where status <> 'new'
     union all select id, 'handled', handling, null, handled_by, handled_at from services where status in ('handled', 'archived')
     union all select id, 'feedback', result, satisfaction, assignee_id, handled_at + interval '2 days' from services where status = 'archived'
     order by 6, 1`,
    e.values,
  );
}

/**
 * Churn warnings (docs/product.md#churn, rule 3) matching the orders: every `churned` customer (no counted order for
 * over 200 days) has one — warning, delayed (with measures) or lost (confirmed, the customer `lost`) — dated with its
 * real last counted order; every `recovered` customer has a closed `recovered` one. At most one open warning per
 * customer.
 */
export async function insertChurn(q: Query, g: GenContext) {
  const p = new Params();
  const today = p.add(g.today);
  const reason = p.pick(N.CHURN_REASONS);
  await q(
    `insert into churn_warnings (customer_id, manager_id, last_order_date, status, reason, confirmed_at, recovered_at, created_at)
     select id, manager_id, last_order, status,
            case when status = 'lost' then ${reason} end,
            case when status = 'lost' then created_at + interval '20 days' end,
            case when status = 'recovered' then least(created_at + interval '40 days', ${today}::date - 1) end,
            created_at
     from (
       select c.id, c.manager_id, lo.last_order,
              case when b.kind = 'recovered' then 'recovered' when r < 0.55 then 'warning' when r < 0.8 then 'delayed' else 'lost' end as status,
              case when b.kind = 'recovered' then ${today}::date - 150 + random() * interval '60 days'
                   else least(lo.last_order + interval '190 days' + random() * interval '30 days', ${today}::date - 1) + interval '2 hours' end as created_at
       from bench_plan b join customers c on c.id = b.id
       left join (
         select o.customer_no, max(o.order_date) as last_order from sales.orders o
         where o.status in (5, 6) and o.customer_no in (select number from bench_plan where kind = 'churned')
         group by 1
       ) counted on counted.customer_no = b.number
       cross join lateral (
         select case when b.kind = 'recovered' then b.created_day + 30 + floor(random() * 60)::int else counted.last_order end as last_order,
                random() as r
       ) lo
       where b.kind in ('churned', 'recovered')
     ) x
     order by created_at`,
    p.values,
  );
  await q(
    `update customers c set status = 'lost', updated_at = w.confirmed_at, version = 2
     from churn_warnings w where w.customer_id = c.id and w.status = 'lost'`,
  );
  const m = new Params();
  await q(
    `insert into churn_measures (warning_id, text, created_by, created_at)
     select w.id, ${m.pick(N.CHURN_MEASURES)}, w.manager_id, w.created_at + k * interval '5 days'
     from churn_warnings w cross join lateral generate_series(1, 1 + (w.id % 3)) k
     where w.status in ('delayed', 'lost')`,
    m.values,
  );
}
