import type {
  SlaReport,
  SlaReportQuery,
  ChurnReport,
  ChurnReportQuery,
  CompositionItem,
  CompositionQuery,
  CompositionReport,
  ContributionQuery,
  ContributionReport,
  ServiceReport,
  ServiceReportQuery,
} from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { exportFile, type ExportFile } from '../../platform/export.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { batches } from './batches.ts';
import * as columns from './columns.ts';
import { percentages } from './percent.ts';
import * as repo from './repo.ts';
import { monthRange, yearRange } from '../../platform/calendar.ts';

/** A report answers its JSON, or (with `?format=csv|xlsx`) a file of all rows matching the filters. */
export type ReportAnswer<T> = { json: T } | { file: ExportFile };

/** Rows already in hand (a few groups) as one batch. */
async function* once<T>(items: T[]) {
  yield items;
}

async function* mapped<A, B>(source: AsyncIterable<A[]>, f: (a: A) => B) {
  for await (const batch of source) yield batch.map(f);
}

// docs/organisation.md#data-scope, rule 4: every report (screen and export: the same query) reads only the records
// inside the reader's scope for its family — customers (contribution, composition), services, churn.

// docs/product.md#reports, rules 2 and 4: the year of the order date (contribution) or of the creation (services), in
// the server's time zone: `yearRange` (platform/calendar.ts).

/**
 * docs/product.md#reports, rule 2 customer contribution: counted order amount per customer, largest first, filters name
 * and year.
 */
export async function customerContribution(
  deps: Deps,
  ctx: Ctx,
  q: ContributionQuery,
): Promise<ReportAnswer<ContributionReport>> {
  const filter = { customerName: q.customerName, year: q.year };
  if (q.format !== 'json') {
    const rows = mapped(
      batches<repo.ContributionDbRow>(deps.database, repo.contributionPage(filter, ctx.actor)),
      repo.contributionRowOut,
    );
    return {
      file: exportFile(q.format, columns.contributionFile(q.lang, q.year), columns.contributionColumns(q.lang), rows),
    };
  }
  const { limit, offset } = limitOffset(q);
  const screen = await repo.contributionScreen(deps.db, filter, ctx.actor, limit, offset);
  return {
    json: {
      items: screen.items.map(repo.contributionRowOut),
      total: screen.total,
      page: q.page,
      pageSize: q.pageSize,
      totalAmount: screen.amount,
      asOf: await repo.salesAsOf(deps.db),
    },
  };
}

const stars = (n: number) => '☆'.repeat(n);

/**
 * docs/product.md#reports, rule 3 customer composition: customers per level, credit or satisfaction, "not set" as its
 * own group.
 */
export async function customerComposition(
  deps: Deps,
  ctx: Ctx,
  q: CompositionQuery,
): Promise<ReportAnswer<CompositionReport>> {
  const groups = await repo.compositionGroups(deps.db, ctx.actor, q.by, q.status);
  if (!groups.some((g) => g.key === null)) groups.push({ key: null, label: null, count: 0 });
  const percents = percentages(groups.map((g) => g.count));
  const items: CompositionItem[] = groups.map((g, i) => ({
    key: g.key,
    label: g.key === null ? columns.NOT_SET[q.lang] : (g.label ?? (q.by === 'level' ? `#${g.key}` : stars(g.key))),
    count: g.count,
    percent: percents[i]!,
  }));
  if (q.format !== 'json') {
    return {
      file: exportFile(
        q.format,
        columns.compositionFile(q.lang, q.by),
        columns.compositionColumns(q.lang, q.by),
        once(items),
      ),
    };
  }
  return { json: { by: q.by, items, total: groups.reduce((a, g) => a + g.count, 0), asOf: ctx.now.toISOString() } };
}

/**
 * docs/product.md#reports, rule 4 service analysis: services per type (every type, zero included), optionally of one
 * year of creation.
 */
export async function serviceAnalysis(
  deps: Deps,
  ctx: Ctx,
  q: ServiceReportQuery,
): Promise<ReportAnswer<ServiceReport>> {
  const items = await repo.servicesPerType(deps.db, ctx.actor, q.year !== undefined ? yearRange(q.year) : undefined);
  if (q.format !== 'json') {
    return {
      file: exportFile(q.format, columns.servicesFile(q.lang, q.year), columns.servicesColumns(q.lang), once(items)),
    };
  }
  return {
    json: { year: q.year ?? null, items, total: items.reduce((a, i) => a + i.count, 0), asOf: ctx.now.toISOString() },
  };
}

/**
 * docs/service-sla.md#report: per service type, the services created in the month (or the year without one), how many
 * were handled within the limit, that share in percent (one decimal) and the mean hours to handle.
 */
export async function slaReport(deps: Deps, ctx: Ctx, q: SlaReportQuery): Promise<ReportAnswer<SlaReport>> {
  const range = q.month !== undefined ? monthRange(q.year, q.month) : yearRange(q.year);
  const items = (await repo.slaPerType(deps.db, ctx.actor, range)).map((r) => ({
    ...r,
    percent: r.total ? Math.round((r.handledWithin * 1000) / r.total) / 10 : null,
  }));
  if (q.format !== 'json') {
    return {
      file: exportFile(q.format, columns.slaFile(q.lang, q.year, q.month), columns.slaColumns(q.lang), once(items)),
    };
  }
  return { json: { year: q.year, month: q.month ?? null, items, asOf: ctx.now.toISOString() } };
}

/**
 * docs/product.md#reports, rule 5 churn analysis: confirmed losses with their reason, filters customer and manager
 * name.
 */
export async function churnAnalysis(deps: Deps, ctx: Ctx, q: ChurnReportQuery): Promise<ReportAnswer<ChurnReport>> {
  const filter = { customerName: q.customerName, managerName: q.managerName };
  if (q.format !== 'json') {
    const rows = mapped(batches<repo.ChurnDbRow>(deps.database, repo.churnPage(filter, ctx.actor)), repo.churnRowOut);
    return { file: exportFile(q.format, columns.churnFile(q.lang), columns.churnColumns(q.lang), rows) };
  }
  const { limit, offset } = limitOffset(q);
  const total = await repo.churnCount(deps.db, filter, ctx.actor);
  const items = await repo.churnRows(deps.db, filter, ctx.actor, limit, offset);
  return {
    json: {
      items: items.map(repo.churnRowOut),
      total,
      page: q.page,
      pageSize: q.pageSize,
      asOf: ctx.now.toISOString(),
    },
  };
}
