import { z } from 'zod';
import { pageQuery, textFilter, wholeNumber } from './common.ts';

/**
 * Reports (docs/product.md#reports, rules 6 and 7). Each report answers JSON, or a file of the same rows with
 * `?format=csv|xlsx` (headers in `?lang=zh|en`). Every answer carries `asOf`: the instant its figures describe (for the
 * contribution, how current the derived sales figures are — null before the first refresh; for the others, the moment
 * of the answer).
 */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export const reportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormat>;
export const REPORT_LANGS = ['zh', 'en'] as const;
export const reportLang = z.enum(REPORT_LANGS);
export type ReportLang = z.infer<typeof reportLang>;

/** How a report is delivered: `format` (default json) and, for files and the "not set" label, `lang` (default zh). */
const delivery = { format: reportFormat.default('json'), lang: reportLang.default('zh') };

/** A year of the order date or creation date. */
const reportYear = wholeNumber.pipe(z.number().int().min(1900).max(9999)).optional();

// Customer contribution (客户贡献分析)
export const contributionQuery = pageQuery.extend({ customerName: textFilter, year: reportYear, ...delivery }).strict();
export type ContributionQuery = z.infer<typeof contributionQuery>;
export const contributionRow = z.object({
  customerId: z.number().int(),
  customerNumber: z.string(),
  customerName: z.string(),
  /** Yuan, two decimals: Σ quantity × unit price over the counted orders (status 5/6). */
  amount: z.number(),
});
export type ContributionRow = z.infer<typeof contributionRow>;
export const contributionReport = z.object({
  items: z.array(contributionRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The sum over all rows matching the filters (not only this page). */
  totalAmount: z.number(),
  asOf: z.string().nullable(),
});
export type ContributionReport = z.infer<typeof contributionReport>;

// Customer composition (客户构成分析)
export const COMPOSITION_DIMENSIONS = ['level', 'credit', 'satisfaction'] as const;
export const compositionDimension = z.enum(COMPOSITION_DIMENSIONS);
export type CompositionDimension = z.infer<typeof compositionDimension>;
export const compositionQuery = z
  .object({
    by: compositionDimension.default('level'),
    /** Optional: only `normal` or only `lost` customers; default all. */
    status: z.enum(['normal', 'lost']).optional(),
    ...delivery,
  })
  .strict();
export type CompositionQuery = z.infer<typeof compositionQuery>;
export const compositionItem = z.object({
  /** The level's dictionary id, or the credit/satisfaction value 1–5; null is the "not set" group. */
  key: z.number().int().nullable(),
  label: z.string(),
  count: z.number().int(),
  /** Share in percent with two decimals; the items' percentages add up to exactly 100 (0 when there are none). */
  percent: z.number(),
});
export type CompositionItem = z.infer<typeof compositionItem>;
export const compositionReport = z.object({
  by: compositionDimension,
  items: z.array(compositionItem),
  total: z.number().int(),
  asOf: z.string(),
});
export type CompositionReport = z.infer<typeof compositionReport>;

// Service analysis (客户服务分析)
export const serviceReportQuery = z.object({ year: reportYear, ...delivery }).strict();
export type ServiceReportQuery = z.infer<typeof serviceReportQuery>;
export const serviceReportItem = z.object({ typeId: z.number().int(), type: z.string(), count: z.number().int() });
export type ServiceReportItem = z.infer<typeof serviceReportItem>;
export const serviceReport = z.object({
  year: z.number().int().nullable(),
  items: z.array(serviceReportItem),
  total: z.number().int(),
  asOf: z.string(),
});
export type ServiceReport = z.infer<typeof serviceReport>;

// Churn analysis (客户流失分析)
export const churnReportQuery = pageQuery
  .extend({ customerName: textFilter, managerName: textFilter, ...delivery })
  .strict();
export type ChurnReportQuery = z.infer<typeof churnReportQuery>;
export const churnReportRow = z.object({
  warningId: z.number().int(),
  customerId: z.number().int(),
  customerNumber: z.string(),
  customerName: z.string(),
  managerName: z.string(),
  lastOrderDate: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ChurnReportRow = z.infer<typeof churnReportRow>;
export const churnReport = z.object({
  items: z.array(churnReportRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  asOf: z.string(),
});
export type ChurnReport = z.infer<typeof churnReport>;

// Home workbench (工作台): `GET /workbench`, the cards the signed-in user's permissions call for.
export const workbenchItem = z.object({
  id: z.number().int(),
  title: z.string(),
  /** A second line: the customer, the manager, … */
  subtitle: z.string().nullable(),
  /** The instant or date the item is about (assigned at, created at, last order date). */
  at: z.string().nullable(),
});
export type WorkbenchItem = z.infer<typeof workbenchItem>;
export const workbenchCard = z.object({ count: z.number().int(), items: z.array(workbenchItem) });
export type WorkbenchCard = z.infer<typeof workbenchCard>;
export const workbenchFigures = z.object({
  year: z.number().int(),
  customers: z.number().int(),
  newCustomers: z.number().int(),
  /** Order amount of this year's counted orders, from the derived sales figures (as of `salesAsOf`). */
  orderAmount: z.number(),
  openChurnWarnings: z.number().int(),
  services: z.number().int(),
  salesAsOf: z.string().nullable(),
});
export type WorkbenchFigures = z.infer<typeof workbenchFigures>;
/** A card is present only when the user's permissions call for it. */
export const workbench = z.object({
  opportunitiesToDevelop: workbenchCard.optional(),
  servicesToHandle: workbenchCard.optional(),
  servicesToFollowUp: workbenchCard.optional(),
  churnWarnings: workbenchCard.optional(),
  unassignedOpportunities: workbenchCard.optional(),
  newServices: workbenchCard.optional(),
  figures: workbenchFigures.optional(),
  asOf: z.string(),
});
export type Workbench = z.infer<typeof workbench>;

// Sales forecast (销售预测, docs/pipeline.md#forecast)
const month = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
export const forecastQuery = z
  .object({
    from: month.optional(),
    to: month.optional(),
    assigneeId: wholeNumber.pipe(z.number().int().positive().max(2147483647)).optional(),
    ...delivery,
  })
  .strict();
export type ForecastQuery = z.infer<typeof forecastQuery>;
export const forecastItem = z.object({
  month: z.string(),
  /** null: opportunities not assigned yet. */
  assignee: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  count: z.number().int(),
  /** Σ expected amount (yuan). */
  amount: z.number(),
  /** Σ expected amount × success rate / 100 (yuan, two decimals). */
  weighted: z.number(),
});
export type ForecastItem = z.infer<typeof forecastItem>;
export const forecastReport = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(forecastItem),
  /** Open opportunities whose expected close date has passed (whatever the months asked for). */
  overdue: z.object({ count: z.number().int(), amount: z.number() }),
  totals: z.object({ count: z.number().int(), amount: z.number(), weighted: z.number() }),
  asOf: z.string(),
});
export type ForecastReport = z.infer<typeof forecastReport>;

// Win/loss analysis (赢单分析, docs/pipeline.md#win-loss)
export const winLossQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    assigneeId: wholeNumber.pipe(z.number().int().positive().max(2147483647)).optional(),
    ...delivery,
  })
  .strict();
export type WinLossQuery = z.infer<typeof winLossQuery>;
const outcome = { succeeded: z.number().int(), failed: z.number().int(), successPercent: z.number() };
export const winLossReport = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** succeeded / total × 100, two decimals (0 when nothing closed). */
  successPercent: z.number(),
  /** Σ expected amount of the won ones. */
  amountWon: z.number(),
  /** Average days from creation to closing, one decimal; null when nothing closed. */
  avgDaysToClose: z.number().nullable(),
  bySource: z.array(z.object({ source: z.string().nullable(), ...outcome })),
  byAssignee: z.array(
    z.object({
      assignee: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
      ...outcome,
      amountWon: z.number(),
    }),
  ),
  /** The stage each reached before it closed (null: not recorded). */
  byStage: z.array(z.object({ stage: z.object({ id: z.number().int(), item: z.string() }).nullable(), ...outcome })),
  /** Failure reasons, most frequent first (null: none given). */
  failReasons: z.array(z.object({ reason: z.string().nullable(), count: z.number().int() })),
  asOf: z.string(),
});
export type WinLossReport = z.infer<typeof winLossReport>;
/** One row of the win/loss file: a group of one dimension. */
export type WinLossRow = {
  dimension: 'source' | 'assignee' | 'stage' | 'failReason';
  label: string;
  succeeded: number | null;
  failed: number;
  successPercent: number | null;
  amountWon: number | null;
};
