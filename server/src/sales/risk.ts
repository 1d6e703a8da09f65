import type { RiskLevel } from '@crm/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { localDay, localMonth, monthsBeforeDay, shiftMonth } from '../platform/calendar.ts';

/** The months of figures the risk reads: the current one and the 24 before it (docs/churn-risk.md#the-figures). */
export const MONTHS_KEPT = 24;

/** The first day of the first month the copy keeps at `now`. */
export const firstMonthKept = (now: Date) => `${shiftMonth(localMonth(now), -MONTHS_KEPT)}-01`;

/** The usual interval is never taken as shorter than this (docs/churn-risk.md#the-score, rule 2). */
const SHORTEST_INTERVAL_DAYS = 14;
/** A part of the score names its reason from this many points on (docs/churn-risk.md#the-score, rule 6). */
const REASON_FROM = 20;

/** The lowest score of each level (docs/churn-risk.md#the-score, rule 5). */
export const LEVEL_FROM = { low: 0, medium: 40, high: 70 } as const satisfies Record<RiskLevel, number>;

/** The scores of a level, lowest and highest; without one, of the customers at risk (`medium` and `high`). */
export function scoreBand(level?: RiskLevel): [number, number] {
  if (!level) return [LEVEL_FROM.medium, 100];
  const above = { low: LEVEL_FROM.medium, medium: LEVEL_FROM.high, high: 101 }[level];
  return [LEVEL_FROM[level], above - 1];
}

/** The levels of `scoreBand(level)`: the level, or without one the levels at risk. */
export const bandLevels = (level?: RiskLevel): RiskLevel[] => (level ? [level] : ['medium', 'high']);

/**
 * The reasons of a score (docs/churn-risk.md#the-score, rule 6) as an SQL expression over the row `p` of
 * computeRisk: the parts of REASON_FROM points or more, strongest first (on a tie, in the order below). Built without a
 * subquery per customer (100,000 of them sorted one by one cost seconds): each part's place is the number of parts
 * ahead of it, and only the reasons given are built.
 */
function reasons(today: string, threshold: string): SQL {
  const parts = [
    {
      points: sql`p.rec`,
      reason: sql`jsonb_build_object('code', 'recency', 'params', jsonb_build_object('days', p.days,
        'usualDays', round(p.usual)::int, 'thresholdDays', case when p.usual is null then ${today}::date - ${threshold}::date end,
        'neverOrdered', p.never))`,
    },
    {
      points: sql`p.freq`,
      reason: sql`jsonb_build_object('code', 'frequency_drop', 'params', jsonb_build_object('last', p.f_last,
        'previous', p.f_prev, 'percent', p.freq))`,
    },
    {
      points: sql`p.amt`,
      reason: sql`jsonb_build_object('code', 'amount_drop', 'params', jsonb_build_object('last', p.a_last,
        'previous', p.a_prev, 'percent', p.amt))`,
    },
  ];
  const ahead = (j: number) =>
    sql.join(
      parts.flatMap((other, i) =>
        i === j ? [] : [sql`(${other.points} ${sql.raw(i < j ? '>=' : '>')} ${parts[j]!.points})::int`],
      ),
      sql` + `,
    );
  const at = (place: number) =>
    sql`case ${sql.join(
      parts.map((part, j) => sql`when ${ahead(j)} = ${sql.raw(String(place))} then ${part.reason}`),
      sql` `,
    )} end`;
  const given = sql.join(
    parts.map((part) => sql`(${part.points} >= ${REASON_FROM})::int`),
    sql` + `,
  );
  return sql`case ${given} when 0 then '[]'::jsonb
    ${sql.join(
      parts.map(
        (_, n) =>
          sql`when ${sql.raw(String(n + 1))} then jsonb_build_array(${sql.join(
            parts.slice(0, n + 1).map((__, place) => at(place)),
            sql`, `,
          )})`,
      ),
      sql` `,
    )} end`;
}

/**
 * docs/churn-risk.md#the-score in one statement, inside the refresh's transaction: reads the monthly and total
 * figures of the copy just written, and writes only the rows whose score, level or reasons changed (`customer_risk`).
 * Every `normal` customer — or, `onlyChanged` (an incremental refresh on a day already scored, rule 3 of
 * #the-figures), those whose figures the refresh changed (`sales_changed`) and those without a risk (new, or back
 * to `normal`); a customer's number never changes.
 */
export async function computeRisk(tx: DbOrTx, now: Date, churnMonths: number, onlyChanged = false) {
  const today = localDay(now);
  const month = localMonth(now);
  const day = (m: number) => `${shiftMonth(month, m)}-01`;
  const threshold = monthsBeforeDay(today, churnMonths);
  // the customers scored, without a scan of `customers` (its rows are wide): the changed ones by number, and those
  // without a risk through the primary keys of both tables
  const normal = sql`select c.id, c.number, c.created_at, c.manager_id from customers c where c.status = 'normal'`;
  if (onlyChanged) await tx.execute(sql`analyze sales_changed`);
  const scored = onlyChanged
    ? sql`${normal} and c.number in (select customer_no from sales_changed)
          union
          ${normal} and c.id in (select a.id from customers a
                                 where not exists (select 1 from customer_risk r where r.customer_id = a.id))`
    : normal;
  await tx.execute(sql`
    with t as (${scored}
    ), m as (
      select customer_no,
             sum(order_count) filter (where month >= ${day(-12)}::date and month < ${day(0)}::date) as f_last,
             sum(order_count) filter (where month < ${day(-12)}::date) as f_prev,
             sum(amount) filter (where month >= ${day(-12)}::date and month < ${day(0)}::date) as a_last,
             sum(amount) filter (where month < ${day(-12)}::date) as a_prev,
             sum(order_count) as n, min(first_order_date) as first_day, max(last_order_date) as last_day
      from customer_sales_months
      where month >= ${day(-MONTHS_KEPT)}::date ${onlyChanged ? sql`and customer_no in (select number from t)` : sql``}
      group by customer_no
    ), k as (
      select t.id, t.manager_id, coalesce(tot.order_count, 0) >= 3 as history, tot.last_order_date is null as never,
             greatest(0, ${today}::date - coalesce(tot.last_order_date, t.created_at::date)) as days,
             coalesce(m.f_last, 0) as f_last, coalesce(m.f_prev, 0) as f_prev,
             coalesce(m.a_last, 0) as a_last, coalesce(m.a_prev, 0) as a_prev,
             case when coalesce(tot.order_count, 0) >= 3 and m.n >= 3
                  then (m.last_day - m.first_day)::numeric / (m.n - 1) end as usual
      from t
      left join customer_sales_totals tot on tot.customer_no = t.number
      left join m on m.customer_no = t.number
    ), p as materialized (
      select k.*,
             case when k.usual is null
                  then least(100, round(100.0 * k.days / (${today}::date - ${threshold}::date)))
                  else least(100, greatest(0, round(100.0 * (k.days / greatest(k.usual, ${SHORTEST_INTERVAL_DAYS}) - 1) / 3)))
             end::int as rec,
             case when k.history and k.f_prev > 0
                  then greatest(0, round(100.0 * (k.f_prev - k.f_last) / k.f_prev)) else 0 end::int as freq,
             case when k.history and k.a_prev > 0
                  then least(100, greatest(0, round(100.0 * (k.a_prev - greatest(k.a_last, 0)) / k.a_prev))) else 0 end::int as amt
      from k
    ), s as (
      select p.id, p.manager_id, greatest(p.rec, p.freq, p.amt) as score, ${reasons(today, threshold)} as reasons
      from p
    )
    insert into customer_risk (customer_id, score, level, reasons, manager_id)
    select s.id, s.score,
           case when s.score >= ${LEVEL_FROM.high} then 'high' when s.score >= ${LEVEL_FROM.medium} then 'medium' else 'low' end,
           s.reasons, s.manager_id
    from s
    on conflict (customer_id) do update
      set score = excluded.score, level = excluded.level, reasons = excluded.reasons, manager_id = excluded.manager_id
    where (customer_risk.score, customer_risk.level, customer_risk.reasons, customer_risk.manager_id)
          is distinct from (excluded.score, excluded.level, excluded.reasons, excluded.manager_id)`);
  // a customer leaves `normal` with its risk (migration 0024); one that left while this refresh ran is caught here
  await tx.execute(sql`
    delete from customer_risk r using customers c where c.id = r.customer_id and c.status <> 'normal'`);
}
