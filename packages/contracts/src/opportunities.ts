import { z } from 'zod';
import { id, isoDate, optionalText, pageQuery, personRef, requiredText, textFilter } from './common.ts';
import { formatted } from './formats.ts';
import { customer } from './customers.ts';

/** docs/product.md#opportunities, rule 7: unassigned 未分配 → assigned 开发中 → succeeded 开发成功 | failed 开发失败. */
export const OPPORTUNITY_STATUSES = ['unassigned', 'assigned', 'succeeded', 'failed'] as const;
export const opportunityStatus = z.enum(OPPORTUNITY_STATUSES);
export type OpportunityStatus = z.infer<typeof opportunityStatus>;

/** Field lengths shared by the server's schemas and the web's forms. */
export const OPPORTUNITY_LIMITS = {
  source: 100,
  customerName: 100,
  summary: 200,
  contactName: 50,
  contactPhone: 50,
  description: 2000,
  planContent: 1000,
  planResult: 1000,
  failReason: 1000,
} as const;
const L = OPPORTUNITY_LIMITS;

/**
 * What the signed-in user may do with an opportunity now, as the server's rules decide (docs/product.md#opportunities,
 * rules 3, 4 and 8; #development-plans, rules 2 and 7; #access-control, rule 4), so that a screen offers only the
 * actions that would succeed. `close` is 开发成功 / 终止开发 (a success also needs the assignee to be an active manager).
 */
export const opportunityAbilities = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  assign: z.boolean(),
  reassign: z.boolean(),
  plan: z.boolean(),
  close: z.boolean(),
});
export type OpportunityAbilities = z.infer<typeof opportunityAbilities>;

/** An opportunity as stored: what the audit log records. */
export const opportunityRecord = z.object({
  id: z.number().int(),
  source: z.string().nullable(),
  customerName: z.string(),
  successRate: z.number().int(),
  summary: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  description: z.string(),
  status: opportunityStatus,
  createdBy: personRef,
  createdAt: z.string(),
  assignee: personRef.nullable(),
  assignedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Why development ended without success; null unless failed (issue 14, item 10). */
  failReason: z.string().nullable(),
  customerId: z.number().int().nullable(),
  version: z.number().int(),
});
export type OpportunityRecord = z.infer<typeof opportunityRecord>;

/** An opportunity as every answer gives it: the record and what the user asking may do with it. */
export const opportunity = opportunityRecord.extend({ abilities: opportunityAbilities });
export type Opportunity = z.infer<typeof opportunity>;

/** 成功机率: a whole number 0–100 (docs/product.md#opportunities, rule 6). */
export const successRate = z.number().int().min(0).max(100);

export const opportunityQuery = pageQuery.extend({
  status: opportunityStatus.optional(),
  customerName: textFilter,
  summary: textFilter,
  contactName: textFilter,
});
export type OpportunityQuery = z.infer<typeof opportunityQuery>;

/** Creator, times, status, assignee and number are the server's: a strict object refuses them. */
export const createOpportunityBody = z
  .object({
    source: optionalText(L.source),
    customerName: requiredText(L.customerName),
    successRate,
    summary: requiredText(L.summary),
    contactName: optionalText(L.contactName),
    contactPhone: formatted(optionalText(L.contactPhone), 'phone'),
    description: requiredText(L.description),
  })
  .strict();
export type CreateOpportunityBody = z.input<typeof createOpportunityBody>;

/** In a PATCH an absent field stays as it is; empty or null clears an optional one. */
const patchText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null));

export const updateOpportunityBody = z
  .object({
    version: z.number().int().min(1),
    source: patchText(L.source),
    customerName: requiredText(L.customerName).optional(),
    successRate: successRate.optional(),
    summary: requiredText(L.summary).optional(),
    contactName: patchText(L.contactName),
    contactPhone: formatted(patchText(L.contactPhone), 'phone'),
    description: requiredText(L.description).optional(),
  })
  .strict();
export type UpdateOpportunityBody = z.input<typeof updateOpportunityBody>;

export const assignOpportunityBody = z.object({ assigneeId: id }).strict();
export type AssignOpportunityBody = z.infer<typeof assignOpportunityBody>;

/** 客户开发计划 item (docs/product.md#development-plans, rules 3 and 4); `result` is 执行效果. */
export const planItem = z.object({
  id: z.number().int(),
  date: z.string(),
  content: z.string(),
  result: z.string().nullable(),
  createdAt: z.string(),
});
export type PlanItem = z.infer<typeof planItem>;

export const planItemParams = z.object({ id, itemId: id }).strict();
export const createPlanItemBody = z.object({ date: isoDate, content: requiredText(L.planContent) }).strict();
export type CreatePlanItemBody = z.infer<typeof createPlanItemBody>;
/**
 * docs/product.md#development-plans, rule 3: the date of an existing item cannot change, so `date` is not accepted
 * here.
 */
export const updatePlanItemBody = z
  .object({ content: requiredText(L.planContent).optional(), result: patchText(L.planResult) })
  .strict();
export type UpdatePlanItemBody = z.input<typeof updatePlanItemBody>;

/** A success takes no input: an empty body or none. */
export const closeOpportunityBody = z.object({}).strict().nullish();
/** 终止开发 may say why (docs/product.md#development-plans, rule 6); empty means no reason. */
export const failOpportunityBody = z
  .object({ reason: optionalText(L.failReason).optional() })
  .strict()
  .nullish();
export type FailOpportunityBody = z.input<typeof failOpportunityBody>;

/**
 * A success answers the opportunity and the customer it created (docs/product.md#development-plans, rule 5, Customers
 * shape).
 */
export const opportunitySucceededAnswer = z.object({ opportunity, customer });
export type OpportunitySucceededAnswer = z.infer<typeof opportunitySucceededAnswer>;
export const opportunityFailedAnswer = z.object({ opportunity });
export type OpportunityFailedAnswer = z.infer<typeof opportunityFailedAnswer>;
