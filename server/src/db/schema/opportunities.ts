import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { customers } from './customers.ts';

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
  },
  (t) => [
    check('opportunities_status_check', sql`${t.status} in ('unassigned', 'assigned', 'succeeded', 'failed')`),
    check('opportunities_success_rate_check', sql`${t.successRate} between 0 and 100`),
    check('opportunities_assigned_check', sql`(${t.status} = 'unassigned') = (${t.assigneeId} is null)`),
    check('opportunities_fail_reason_check', sql`${t.failReason} is null or ${t.status} = 'failed'`),
    // the list's order (created_at desc, id desc), with and without a status filter
    index('opportunities_status_idx').on(t.status, t.createdAt, t.id),
    index('opportunities_created_idx').on(t.createdAt, t.id),
    index('opportunities_created_by_idx').on(t.createdById),
    index('opportunities_assignee_idx').on(t.assigneeId),
    // part-of-text filters of the list (`ilike '%…%'`)
    index('opportunities_customer_name_trgm_idx').using('gin', sql`${t.customerName} gin_trgm_ops`),
    index('opportunities_summary_trgm_idx').using('gin', sql`${t.summary} gin_trgm_ops`),
    index('opportunities_contact_name_trgm_idx').using('gin', sql`${t.contactName} gin_trgm_ops`),
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
