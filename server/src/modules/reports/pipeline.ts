import type { ForecastQuery, ForecastReport, WinLossQuery, WinLossReport, WinLossRow } from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import { localDay, localMonth, monthsBetween, shiftMonth, startOfDay } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { validationFailed } from '../../platform/errors.ts';
import { exportFile } from '../../platform/export.ts';
import * as columns from './pipeline-columns.ts';
import * as repo from './pipeline-repo.ts';
import type { ReportAnswer } from './service.ts';

/** Rows already in hand (a few groups) as one batch. */
async function* once<T>(items: T[]) {
  yield items;
}

/** The longest forecast, in months. */
const FORECAST_MAX_MONTHS = 36;

/** succeeded / total in percent, two decimals (0 when nothing closed). */
const percentOf = (succeeded: number, failed: number) =>
  succeeded + failed === 0 ? 0 : Math.round((succeeded * 10_000) / (succeeded + failed)) / 100;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * docs/pipeline.md#forecast: open opportunities (unassigned and assigned) inside the reader's scope, per month of
 * expected close date and assignee, from `from` to `to` (default: this month and the five after); the overdue ones
 * beside them.
 */
export async function forecast(deps: Deps, ctx: Ctx, q: ForecastQuery): Promise<ReportAnswer<ForecastReport>> {
  const from = q.from ?? localMonth(ctx.now);
  const to = q.to ?? shiftMonth(from, 5);
  const span = monthsBetween(from, to);
  if (span < 0) throw validationFailed('to', 'The last month cannot be before the first');
  if (span >= FORECAST_MAX_MONTHS) throw validationFailed('to', `At most ${FORECAST_MAX_MONTHS} months at once`);
  const items = await repo.forecastRows(deps.db, ctx.actor, {
    from: `${from}-01`,
    toExclusive: `${shiftMonth(to, 1)}-01`,
    assigneeId: q.assigneeId,
  });
  if (q.format !== 'json') {
    return {
      file: exportFile(q.format, columns.forecastFile(q.lang, from, to), columns.forecastColumns(q.lang), once(items)),
    };
  }
  const overdue = await repo.overdue(deps.db, ctx.actor, localDay(ctx.now), q.assigneeId);
  const totals = items.reduce(
    (a, i) => ({
      count: a.count + i.count,
      amount: round2(a.amount + i.amount),
      weighted: round2(a.weighted + i.weighted),
    }),
    { count: 0, amount: 0, weighted: 0 },
  );
  return { json: { from, to, items, overdue, totals, asOf: ctx.now.toISOString() } };
}

/**
 * docs/pipeline.md#win-loss: the opportunities closed (won or failed) from `from` to `to` inclusive (server days;
 * default: this year so far) inside the reader's scope.
 */
export async function winLoss(deps: Deps, ctx: Ctx, q: WinLossQuery): Promise<ReportAnswer<WinLossReport>> {
  const today = localDay(ctx.now);
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (to < from) throw validationFailed('to', 'The last day cannot be before the first');
  const f = { from: startOfDay(from), to: startOfDay(to, 1), assigneeId: q.assigneeId };
  const db = deps.db;
  // two statements at once: the groups read the closed index alone, the failure reasons the rows of the failed
  const [{ totals, bySource, byAssignee, byStage }, failReasons] = await Promise.all([
    repo.winLossGroups(db, ctx.actor, f),
    repo.failReasons(db, ctx.actor, f),
  ]);
  const withPercent = <T extends { succeeded: number; failed: number }>(r: T) => ({
    ...r,
    successPercent: percentOf(r.succeeded, r.failed),
  });
  const report: WinLossReport = {
    from,
    to,
    total: totals.succeeded + totals.failed,
    succeeded: totals.succeeded,
    failed: totals.failed,
    successPercent: percentOf(totals.succeeded, totals.failed),
    amountWon: totals.amountWon,
    avgDaysToClose: totals.avgDays,
    bySource: bySource.map(withPercent),
    byAssignee: byAssignee.map(withPercent),
    byStage: byStage.map(withPercent),
    failReasons,
    asOf: ctx.now.toISOString(),
  };
  if (q.format === 'json') return { json: report };
  return {
    file: exportFile(
      q.format,
      columns.winLossFile(q.lang, from, to),
      columns.winLossColumns(q.lang),
      once(winLossRows(report, q.lang)),
    ),
  };
}

/** The report's groups as the file's rows: one dimension after the other. */
function winLossRows(r: WinLossReport, lang: 'zh' | 'en'): WinLossRow[] {
  const none = columns.NONE[lang];
  return [
    ...r.bySource.map((g) => ({ dimension: 'source' as const, label: g.source ?? none, ...g, amountWon: null })),
    ...r.byAssignee.map((g) => ({ dimension: 'assignee' as const, label: g.assignee?.displayName ?? none, ...g })),
    ...r.byStage.map((g) => ({ dimension: 'stage' as const, label: g.stage?.item ?? none, ...g, amountWon: null })),
    ...r.failReasons.map((g) => ({
      dimension: 'failReason' as const,
      label: g.reason ?? none,
      succeeded: null,
      failed: g.count,
      successPercent: null,
      amountWon: null,
    })),
  ];
}
