import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { customers } from './customers.ts';
import { dictionaryEntries } from './dictionary.ts';

export const opportunities = pgTable(
  'opportunities',
  {
    id: serial('id').primaryKey(),
    source: text('source'),
    customerName: text('customer_name').notNull(),
    successRate: smallint('success_rate').notNull(),
    summary: text('summary').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    description: text('description').notNull(),
    status: text('status').notNull().default('unassigned'),
    createdById: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    assigneeId: integer('assignee_id').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Why development ended without success (issue 14, item 10); only a failed opportunity has one. */
    failReason: text('fail_reason'),
    customerId: integer('customer_id').references(() => customers.id),
    version: integer('version').notNull().default(1),
    /** 预计金额 in yuan (docs/pipeline.md#fields, rule 1). */
    expectedAmount: numeric('expected_amount', { precision: 14, scale: 2 }),
    /** 预计成交日期 (docs/pipeline.md#fields, rule 2). */
    expectedCloseDate: date('expected_close_date'),
    /** 阶段, an `opportunityStage` entry: set on assignment, kept when closed (the stage reached). */
    stageId: integer('stage_id').references(() => dictionaryEntries.id),
  },
  (t) => [
    check('opportunities_status_check', sql`${t.status} in ('unassigned', 'assigned', 'succeeded', 'failed')`),
    check('opportunities_success_rate_check', sql`${t.successRate} between 0 and 100`),
    check('opportunities_assigned_check', sql`(${t.status} = 'unassigned') = (${t.assigneeId} is null)`),
    check('opportunities_fail_reason_check', sql`${t.failReason} is null or ${t.status} = 'failed'`),
    check('opportunities_expected_amount_check', sql`${t.expectedAmount} is null or ${t.expectedAmount} >= 0`),
    check('opportunities_stage_check', sql`${t.stageId} is null or ${t.status} <> 'unassigned'`),
    // the list's order (created_at desc, id desc), with and without a status filter; with the owners the data scope
    // reads (platform/scope.ts opportunityInScope), a scoped count of a status reads no opportunity row (the workbench)
    index('opportunities_status_idx').on(t.status, t.createdAt, t.id, t.createdById, t.assigneeId),
    index('opportunities_created_idx').on(t.createdAt, t.id),
    // a narrowed scope's count: the ids of each owner column from its index alone (opportunities/repo.ts)
    index('opportunities_created_by_idx').on(t.createdById, t.id),
    index('opportunities_assignee_idx').on(t.assigneeId, t.id),
    // a customer's overview and timeline: the opportunities of one customer
    index('opportunities_customer_idx').on(t.customerId),
    // the board: one column = one stage of the assigned opportunities, by close date (docs/pipeline.md#board)
    index('opportunities_board_idx')
      .on(t.stageId, t.expectedCloseDate, t.id)
      .where(sql`${t.status} = 'assigned'`),
    // one assignee's board: the same per assignee (their few hundred cards, not every card of a stage read for theirs)
    index('opportunities_board_assignee_idx')
      .on(t.assigneeId, t.stageId, t.expectedCloseDate, t.id)
      .where(sql`${t.status} = 'assigned'`),
    // whether a stage is in use (the dictionary's delete), and a stage's cards whatever their status
    index('opportunities_stage_idx').on(t.stageId),
    // the forecast: open opportunities by close date with what it sums and the scope's people (docs/pipeline.md#forecast),
    // read without their rows (an index-only scan)
    index('opportunities_forecast_idx')
      .on(t.expectedCloseDate, t.assigneeId, t.createdById, t.expectedAmount, t.successRate)
      .where(sql`${t.status} in ('unassigned', 'assigned')`),
    // win/loss: closed opportunities by closing time with what it groups and sums, less the failure reason (free text of
    // up to 1,000 characters, past a b-tree entry's size) (docs/pipeline.md#win-loss), read without their rows
    index('opportunities_closed_idx')
      .on(t.closedAt, t.status, t.createdAt, t.assigneeId, t.createdById, t.stageId, t.source, t.expectedAmount)
      .where(sql`${t.status} in ('succeeded', 'failed')`),
    // part-of-text filters of the list (`ilike '%…%'`)
    index('opportunities_customer_name_trgm_idx').using('gin', sql`${t.customerName} gin_trgm_ops`),
    index('opportunities_summary_trgm_idx').using('gin', sql`${t.summary} gin_trgm_ops`),
    index('opportunities_contact_name_trgm_idx').using('gin', sql`${t.contactName} gin_trgm_ops`),
  ],
);

/**
 * How many opportunities, and their expected amount, each combination of creator, assignee (0: none), status and stage
 * (0: none) holds — kept by statement triggers on `opportunities` (migration 0033). A scoped or per-status total is a
 * sum over these few thousand rows instead of a count over every opportunity in scope (the list's total, the board's
 * columns: docs/pipeline.md#board).
 */
export const opportunityTotals = pgTable(
  'opportunity_totals',
  {
    createdById: integer('created_by').notNull(),
    assigneeId: integer('assignee_id').notNull(),
    status: text('status').notNull(),
    stageId: integer('stage_id').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
    amount: numeric('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.createdById, t.assigneeId, t.status, t.stageId] }),
    // one assignee's board columns
    index('opportunity_totals_assignee_idx').on(t.assigneeId, t.status),
  ],
);

export const planItems = pgTable(
  'plan_items',
  {
    id: serial('id').primaryKey(),
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    content: text('content').notNull(),
    result: text('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_items_opportunity_idx').on(t.opportunityId, t.date)],
);

/** Every stage move of an opportunity, the first one (from none) made by its assignment (docs/pipeline.md#stages). */
export const opportunityStageMoves = pgTable(
  'opportunity_stage_moves',
  {
    id: serial('id').primaryKey(),
    opportunityId: integer('opportunity_id')
      .notNull()
      .references(() => opportunities.id, { onDelete: 'cascade' }),
    fromStageId: integer('from_stage_id').references(() => dictionaryEntries.id),
    toStageId: integer('to_stage_id')
      .notNull()
      .references(() => dictionaryEntries.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    byId: integer('by_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    index('opportunity_stage_moves_opportunity_idx').on(t.opportunityId, t.at, t.id),
    // whether a stage is in use (the dictionary's delete)
    index('opportunity_stage_moves_from_idx').on(t.fromStageId),
    index('opportunity_stage_moves_to_idx').on(t.toStageId),
  ],
);
