import { z } from 'zod';
import { pageQuery, personRef, requiredText, textFilter } from './common.ts';
import { CHURN_STATUSES } from './values.ts';

export const churnStatus = z.enum(CHURN_STATUSES);
export type ChurnStatus = z.infer<typeof churnStatus>;
/** The statuses of an open warning (at most one per customer). */
export const OPEN_CHURN_STATUSES: readonly ChurnStatus[] = ['warning', 'delayed'];

export const churnMeasure = z.object({
  id: z.number().int(),
  text: z.string(),
  createdAt: z.string(),
  createdBy: personRef,
});
export type ChurnMeasure = z.infer<typeof churnMeasure>;

const customerRef = z.object({ id: z.number().int(), number: z.string(), name: z.string() });

/** A row of the list: the detail without its measures, with how many there are. */
export const churnWarningSummary = z.object({
  id: z.number().int(),
  customer: customerRef,
  manager: personRef,
  lastOrderDate: z.string().nullable(),
  status: churnStatus,
  reason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  recoveredAt: z.string().nullable(),
  createdAt: z.string(),
  measureCount: z.number().int(),
});
export type ChurnWarningSummary = z.infer<typeof churnWarningSummary>;

/** docs/product.md#churn, rule 6, Churn: `GET /churn-warnings/:id`. */
export const churnWarning = churnWarningSummary.extend({ measures: z.array(churnMeasure) });
export type ChurnWarning = z.infer<typeof churnWarning>;

export const churnWarningQuery = pageQuery.extend({
  status: churnStatus.optional(),
  customerName: textFilter,
  managerName: textFilter,
});
export type ChurnWarningQuery = z.infer<typeof churnWarningQuery>;

export const appendMeasureBody = z.object({ text: requiredText(2000) }).strict();
export type AppendMeasureBody = z.infer<typeof appendMeasureBody>;
/** The created measure, and the warning as it is now (its status may have moved to `delayed`). */
export const appendMeasureAnswer = churnMeasure.extend({ warning: churnWarning });

export const confirmChurnBody = z.object({ reason: requiredText(2000) }).strict();
export type ConfirmChurnBody = z.infer<typeof confirmChurnBody>;

/** `POST /churn-warnings/scan`; `skipped` when another instance was running the check at that moment. */
export const churnScanResult = z.object({
  scanned: z.number().int(),
  created: z.number().int(),
  recovered: z.number().int(),
  skipped: z.boolean().optional(),
  salesAsOf: z.string().nullable().optional(),
  durationMs: z.number().optional(),
});
export type ChurnScanResult = z.infer<typeof churnScanResult>;

/** `GET /churn-warnings/last-scan`: when the check last ran (null: never), and how current the sales figures are. */
export const churnLastScan = z.object({
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: churnScanResult.nullable(),
  salesAsOf: z.string().nullable(),
});
export type ChurnLastScan = z.infer<typeof churnLastScan>;
