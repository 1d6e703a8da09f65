import { z } from 'zod';
import { id, isoDate, optionalText, pageQuery, personRef, requiredText, textFilter, wholeNumber } from './common.ts';
import { formatted } from './formats.ts';
import { customer } from './customers.ts';
import { BULK_ASSIGN_MAX, EXPECTED_AMOUNT_MAX, OPPORTUNITY_LIMITS, OPPORTUNITY_STATUSES } from './values.ts';

export const opportunityStatus = z.enum(OPPORTUNITY_STATUSES);
export type OpportunityStatus = z.infer<typeof opportunityStatus>;

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
  /**
   * Move the stage, and change the expected amount and close date, of an assigned opportunity (its assignee or a
   * director: docs/pipeline.md#stages, rule 3).
   */
  pipeline: z.boolean(),
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
  /** 预计金额, yuan with two decimals (docs/pipeline.md#fields). */
  expectedAmount: z.number().nullable(),
  /** 预计成交日期 `YYYY-MM-DD`. */
  expectedCloseDate: z.string().nullable(),
  /** 阶段: an `opportunityStage` entry; null while unassigned (docs/pipeline.md#stages). */
  stage: z.object({ id: z.number().int(), item: z.string() }).nullable(),
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

const expectedAmount = z.number().min(0).max(EXPECTED_AMOUNT_MAX).multipleOf(0.01);
/** 预计成交日期: a calendar date, not before the opportunity's creation day (checked by the server). */
const expectedCloseDate = isoDate;

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
    expectedAmount: expectedAmount.nullish().transform((v) => v ?? null),
    expectedCloseDate: expectedCloseDate.nullish().transform((v) => v ?? null),
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
    expectedAmount: expectedAmount.nullable().optional(),
    expectedCloseDate: expectedCloseDate.nullable().optional(),
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

// ---- the pipeline (docs/pipeline.md) ----

export const stageRef = z.object({ id: z.number().int(), item: z.string() });
export type StageRef = z.infer<typeof stageRef>;

export const moveStageBody = z.object({ stageId: id }).strict();
export type MoveStageBody = z.infer<typeof moveStageBody>;

/** One stage move; the first (from none) is the assignment's. */
export const stageMove = z.object({ at: z.string(), from: stageRef.nullable(), to: stageRef, by: personRef });
export type StageMove = z.infer<typeof stageMove>;

/** `YYYY-MM`, a real month. */
export const isoMonth = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/**
 * Cards per board column: `limit`, 50 unless asked, at most 200; `count` and `amount` are exact over all of the
 * column's opportunities (docs/pipeline.md#board, rule 2).
 */
export const BOARD_COLUMN_LIMIT = 200;
export const BOARD_COLUMN_DEFAULT = 50;

export const boardQuery = z
  .object({
    assigneeId: id.optional(),
    closeMonth: isoMonth.optional(),
    limit: wholeNumber.pipe(z.number().int().min(1).max(BOARD_COLUMN_LIMIT)).default(BOARD_COLUMN_DEFAULT),
  })
  .strict();
export type BoardQuery = z.infer<typeof boardQuery>;
export const boardColumn = z.object({
  stage: stageRef,
  count: z.number().int(),
  /** Σ expected amount of the column's opportunities (null amounts count 0). */
  amount: z.number(),
  items: z.array(opportunity),
});
export type BoardColumn = z.infer<typeof boardColumn>;
export const board = z.object({ columns: z.array(boardColumn) });
export type Board = z.infer<typeof board>;

export const bulkAssignBody = z
  .object({
    ids: z
      .array(id)
      .min(1, 'Choose at least one opportunity')
      .max(BULK_ASSIGN_MAX, `At most ${BULK_ASSIGN_MAX} opportunities at once`)
      .refine((ids) => new Set(ids).size === ids.length, 'An opportunity is listed more than once'),
    assigneeId: id,
  })
  .strict();
export type BulkAssignBody = z.infer<typeof bulkAssignBody>;
export const BULK_REFUSALS = ['NOT_FOUND', 'INVALID_STATE'] as const;
export const bulkAssignAnswer = z.object({
  assigned: z.array(z.number().int()),
  refused: z.array(z.object({ id: z.number().int(), code: z.enum(BULK_REFUSALS), message: z.string() })),
});
export type BulkAssignAnswer = z.infer<typeof bulkAssignAnswer>;
