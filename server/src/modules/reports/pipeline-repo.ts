import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { byDictionaryValue, rows } from '../../db/sql.ts';
import { opportunityInScope, type Reader } from '../../platform/scope.ts';

/**
 * The pipeline reports' SQL (docs/pipeline.md#forecast, #win-loss): aggregated in the database over the opportunities
 * inside the reader's opportunities scope, each over an index range of its own (opportunities_forecast_idx: open ones
 * by close date; opportunities_closed_idx: closed ones by closing time).
 */

const person = (alias: string) =>
  sql.raw(
    `case when ${alias}.id is null then null else json_build_object('id', ${alias}.id, 'displayName', ${alias}.display_name) end`,
  );

const assigneeIs = (assigneeId?: number) => (assigneeId !== undefined ? sql`and o.assignee_id = ${assigneeId}` : sql``);

// ---- forecast ----

export type ForecastFilter = { from: string; toExclusive: string; assigneeId?: number };
export type ForecastDbRow = {
  month: string;
  assignee: { id: number; displayName: string } | null;
  count: number;
  amount: number;
  weighted: number;
};

const open = (reader: Reader) => sql`o.status in ('unassigned', 'assigned') and ${opportunityInScope(reader)}`;

/**
 * Per month of expected close date and assignee: count, Σ amount and Σ amount × success rate / 100, rounded to the
 * fen once per group (docs/pipeline.md#forecast, rule 2).
 */
export const forecastRows = (db: DbOrTx, reader: Reader, f: ForecastFilter) =>
  rows<ForecastDbRow>(
    db,
    sql`select to_char(o.expected_close_date, 'YYYY-MM') as month, ${person('a')} as assignee, count(*)::int as count,
          coalesce(sum(o.expected_amount), 0)::float8 as amount,
          round(coalesce(sum(o.expected_amount * o.success_rate), 0) / 100, 2)::float8 as weighted
        from opportunities o left join users a on a.id = o.assignee_id
        where ${open(reader)} and o.expected_close_date >= ${f.from}::date and o.expected_close_date < ${f.toExclusive}::date
          ${assigneeIs(f.assigneeId)}
        group by 1, a.id, a.display_name
        order by 1, a.display_name nulls first, a.id`,
  );

/** Open opportunities whose expected close date is before `today` (docs/pipeline.md#forecast, rule 3). */
export async function overdue(db: DbOrTx, reader: Reader, today: string, assigneeId?: number) {
  const [row] = await rows<{ count: number; amount: number }>(
    db,
    sql`select count(*)::int as count, coalesce(sum(o.expected_amount), 0)::float8 as amount
        from opportunities o where ${open(reader)} and o.expected_close_date < ${today}::date ${assigneeIs(assigneeId)}`,
  );
  return row ?? { count: 0, amount: 0 };
}

// ---- win/loss ----

export type WinLossFilter = { from: Date; to: Date; assigneeId?: number };
type Outcome = { succeeded: number; failed: number };

const closed = (reader: Reader, f: WinLossFilter): SQL =>
  sql`o.status in ('succeeded', 'failed') and o.closed_at >= ${f.from.toISOString()}::timestamptz
      and o.closed_at < ${f.to.toISOString()}::timestamptz and ${opportunityInScope(reader)} ${assigneeIs(f.assigneeId)}`;

const outcome = sql`count(*) filter (where o.status = 'succeeded')::int as succeeded,
  count(*) filter (where o.status = 'failed')::int as failed`;
const won = sql`coalesce(sum(o.expected_amount) filter (where o.status = 'succeeded'), 0)::float8`;

type GroupRow = Outcome & {
  grouped: number;
  source: string | null;
  assignee: { id: number; displayName: string } | null;
  stage: { id: number; item: string } | null;
  amountWon: number;
  avgDays: number | null;
};

/**
 * The totals and the outcomes by source, by assignee (with the amount won) and by the stage each reached, in one read
 * of the closed opportunities (`grouping sets`; the closed index holds every column they need) whose few hundred groups
 * are named afterwards — each list in its own order: sources and assignees most closed first, stages in the stages'
 * order (not recorded last).
 */
export async function winLossGroups(db: DbOrTx, reader: Reader, f: WinLossFilter) {
  // `grouping(…)` of a group: the dimensions its set does not group by (bits: source, assignee, stage)
  const [TOTALS, SOURCE, ASSIGNEE, STAGE] = [7, 3, 5, 6];
  const found = await rows<GroupRow>(
    db,
    sql`with g as (
          select grouping(o.source, o.assignee_id, o.stage_id) as grouped, o.source, o.assignee_id, o.stage_id,
            count(*) as n, ${outcome}, ${won} as won, sum(date_part('epoch', o.closed_at - o.created_at)) as seconds
          from opportunities o where ${closed(reader, f)}
          group by grouping sets ((), (o.source), (o.assignee_id), (o.stage_id)))
        select g.grouped, g.source, ${person('a')} as assignee,
          case when d.id is null then null else json_build_object('id', d.id, 'item', d.item) end as stage,
          g.succeeded, g.failed, g.won as "amountWon",
          round(g.seconds::numeric / nullif(g.n, 0) / 86400, 1)::float8 as "avgDays"
        from g left join users a on a.id = g.assignee_id left join dictionary_entries d on d.id = g.stage_id
        order by g.grouped, case when g.grouped <> ${STAGE} then g.n end desc, g.source nulls last, a.display_name,
          d.id is null, ${byDictionaryValue('d')}`,
  );
  const of = (set: number) => found.filter((r) => r.grouped === set);
  const outcomeOf = ({ succeeded, failed }: GroupRow) => ({ succeeded, failed });
  const [totals] = of(TOTALS);
  return {
    totals: totals
      ? { ...outcomeOf(totals), amountWon: totals.amountWon, avgDays: totals.avgDays }
      : { succeeded: 0, failed: 0, amountWon: 0, avgDays: null },
    bySource: of(SOURCE).map((r) => ({ source: r.source, ...outcomeOf(r) })),
    byAssignee: of(ASSIGNEE).map((r) => ({ assignee: r.assignee, ...outcomeOf(r), amountWon: r.amountWon })),
    byStage: of(STAGE).map((r) => ({ stage: r.stage, ...outcomeOf(r) })),
  };
}

/** The reasons failures gave, most frequent first (the first 20; "none given" as null). */
export const failReasons = (db: DbOrTx, reader: Reader, f: WinLossFilter) =>
  rows<{ reason: string | null; count: number }>(
    db,
    sql`select o.fail_reason as reason, count(*)::int as count from opportunities o
        where ${closed(reader, f)} and o.status = 'failed'
        group by o.fail_reason order by count(*) desc, o.fail_reason nulls last limit 20`,
  );
