import { z } from 'zod';
import { id, pageOf, pageQuery, personRef } from './common.ts';
import { churnStatus } from './churn.ts';
import { customer } from './customers.ts';
import { RISK_LEVELS } from './values.ts';

export const riskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof riskLevel>;
export const RISK_REASONS = ['recency', 'frequency_drop', 'amount_drop'] as const;
export type RiskReasonCode = (typeof RISK_REASONS)[number];

/** A reason of a score: its code and its text in the reader's language (`Accept-Language`, Chinese by default). */
export const riskReason = z.object({ code: z.enum(RISK_REASONS), text: z.string() });
export type RiskReason = z.infer<typeof riskReason>;
export const risk = z.object({
  score: z.number().int().min(0).max(100),
  level: riskLevel,
  reasons: z.array(riskReason),
});
export type Risk = z.infer<typeof risk>;

/** `level` absent: the customers at risk, `medium` and `high` (docs/churn-risk.md#the-list, rule 1). */
export const atRiskQuery = pageQuery.extend({ level: riskLevel.optional(), managerId: id.optional() });
export type AtRiskQuery = z.infer<typeof atRiskQuery>;
export const atRiskItem = risk.extend({
  customerId: z.number().int(),
  number: z.string(),
  name: z.string(),
  manager: personRef.nullable(),
});
export type AtRiskItem = z.infer<typeof atRiskItem>;
export const atRiskPage = pageOf(atRiskItem);

/** `GET /customers/:id/overview` (docs/churn-risk.md, docs/overview.md). */
export const customerOverview = z.object({
  customer,
  sales: z.object({
    /** How current the derived copy is; null before its first refresh. */
    asOf: z.string().nullable(),
    lastOrderDate: z.string().nullable(),
    orderCount: z.number().int(),
    totalAmount: z.number(),
    thisYearAmount: z.number(),
    lastYearAmount: z.number(),
    byYear: z.array(z.object({ year: z.number().int(), amount: z.number(), orders: z.number().int() })),
  }),
  /** null: not computed yet (a customer created after the last refresh) or not `normal`. */
  risk: risk.nullable(),
  /** The open churn warning, for readers of churn warnings. */
  churnWarning: z.object({ id: z.number().int(), status: churnStatus }).nullable(),
  /** Services not yet archived inside the reader's service scope; null for a reader who may not read services. */
  openServices: z.number().int().nullable(),
  contacts: z.number().int(),
  activities: z.number().int(),
  /** The day of the last follow-up (interaction record, delay measure, handled service or counted order). */
  lastFollowUpAt: z.string().nullable(),
  /** The opportunity the customer came from. */
  origin: z.object({ opportunityId: z.number().int() }).nullable(),
});
export type CustomerOverview = z.infer<typeof customerOverview>;

/** A row of the customer list: the customer and its risk badge (null: none computed yet). */
export const customerListItem = customer.extend({ risk: risk.nullable() });
export type CustomerListItem = z.infer<typeof customerListItem>;
