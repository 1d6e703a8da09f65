import { z } from 'zod';
import { id, pageQuery, personRef, requiredText, wholeNumber } from './common.ts';
import { reportLang, reportFormat } from './reports.ts';
import { ASSIGNMENT_STRATEGIES } from './values.ts';

/**
 * Assignment rules (自动分配), docs/assignment-rules.md: which new services a rule takes (conditions), and to whom
 * (strategy over its assignees).
 */
export const assignmentStrategy = z.enum(ASSIGNMENT_STRATEGIES);
export type AssignmentStrategy = z.infer<typeof assignmentStrategy>;

const ids = z.array(id).max(100);

export const assignmentConditions = z
  .object({ typeIds: ids.optional(), regionIds: ids.optional(), levelIds: ids.optional() })
  .strict();
export type AssignmentConditions = z.infer<typeof assignmentConditions>;

/** 1 is the first rule tried (docs/assignment-rules.md#order, rule 1). */
export const rulePriority = wholeNumber.pipe(z.number().int().min(1).max(9999));

export const createAssignmentRuleBody = z
  .object({
    name: requiredText(100),
    active: z.boolean().default(true),
    priority: rulePriority,
    conditions: assignmentConditions.default({}),
    strategy: assignmentStrategy,
    assigneeIds: ids.default([]),
  })
  .strict();
export type CreateAssignmentRuleBody = z.infer<typeof createAssignmentRuleBody>;

export const updateAssignmentRuleBody = z
  .object({
    name: requiredText(100).optional(),
    active: z.boolean().optional(),
    priority: rulePriority.optional(),
    conditions: assignmentConditions.optional(),
    strategy: assignmentStrategy.optional(),
    assigneeIds: ids.optional(),
  })
  .strict();
export type UpdateAssignmentRuleBody = z.infer<typeof updateAssignmentRuleBody>;

/** What keeps a rule from working as written: an assignee who is no longer an active manager is skipped. */
export const ASSIGNMENT_RULE_PROBLEMS = ['assigneeInactive', 'noActiveAssignee'] as const;
export const assignmentRuleProblem = z.object({
  code: z.enum(ASSIGNMENT_RULE_PROBLEMS),
  user: personRef.nullable(),
});
export type AssignmentRuleProblem = z.infer<typeof assignmentRuleProblem>;

export const assignmentRule = z.object({
  id: z.number().int(),
  name: z.string(),
  active: z.boolean(),
  priority: z.number().int(),
  conditions: z.object({
    typeIds: z.array(z.number().int()),
    regionIds: z.array(z.number().int()),
    levelIds: z.array(z.number().int()),
  }),
  strategy: assignmentStrategy,
  assigneeIds: z.array(z.number().int()),
  assignees: z.array(personRef.extend({ active: z.boolean() })),
  problems: z.array(assignmentRuleProblem),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AssignmentRule = z.infer<typeof assignmentRule>;

export const assignmentRuleQuery = pageQuery.strict();
export type AssignmentRuleQuery = z.infer<typeof assignmentRuleQuery>;

/** Service time limits (服务时限), docs/service-sla.md: calendar hours, more than 0 and at most a year. */
export const SLA_MAX_HOURS = 8760;
const hours = z.number().positive().max(SLA_MAX_HOURS).multipleOf(0.01).nullable();

export const serviceSlaItem = z.object({
  typeId: z.number().int(),
  type: z.string(),
  assignWithinHours: z.number().nullable(),
  handleWithinHours: z.number().nullable(),
});
export type ServiceSlaItem = z.infer<typeof serviceSlaItem>;

export const serviceSlaBody = z
  .array(
    z
      .object({
        typeId: id,
        /** Ignored on input (the name is the dictionary's), accepted so that a GET answer can be sent back. */
        type: z.string().max(200).optional(),
        assignWithinHours: hours,
        handleWithinHours: hours,
      })
      .strict(),
  )
  .max(200);
export type ServiceSlaBody = z.infer<typeof serviceSlaBody>;

/** The SLA report (服务时限达成): services of one month (or year) of creation per type. */
export const slaReportQuery = z
  .object({
    year: wholeNumber.pipe(z.number().int().min(1900).max(9999)),
    month: wholeNumber.pipe(z.number().int().min(1).max(12)).optional(),
    format: reportFormat.default('json'),
    lang: reportLang.default('zh'),
  })
  .strict();
export type SlaReportQuery = z.infer<typeof slaReportQuery>;

export const slaReportItem = z.object({
  typeId: z.number().int(),
  type: z.string(),
  total: z.number().int(),
  handledWithin: z.number().int(),
  /** handledWithin of total, in percent with one decimal; null with no services. */
  percent: z.number().nullable(),
  /** Mean hours from creation to handling of the handled ones, one decimal; null when none is handled. */
  avgHandleHours: z.number().nullable(),
});
export type SlaReportItem = z.infer<typeof slaReportItem>;

export const slaReport = z.object({
  year: z.number().int(),
  month: z.number().int().nullable(),
  items: z.array(slaReportItem),
  asOf: z.string(),
});
export type SlaReport = z.infer<typeof slaReport>;
