import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { contacts, customers } from './customers.ts';
import { dictionaryEntries } from './dictionary.ts';

export const services = pgTable(
  'services',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    typeId: integer('type_id')
      .notNull()
      .references(() => dictionaryEntries.id),
    summary: text('summary').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    status: text('status').notNull().default('new'),
    request: text('request').notNull(),
    /** Null for a request filed in the customer portal (docs/portal.md#into-the-crm, rule 1). */
    createdById: integer('created_by').references(() => users.id),
    /** `staff` or `portal` (docs/portal.md#into-the-crm, rule 1). */
    source: text('source').notNull().default('staff'),
    /** The contact who filed it in the portal (null once deleted; the name stays). */
    requestedByContactId: integer('requested_by_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    requestedByName: text('requested_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    assigneeId: integer('assignee_id').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    handling: text('handling'),
    handledById: integer('handled_by').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    result: text('result'),
    satisfaction: smallint('satisfaction'),
    /** The assignment rule that assigned it on creation, as it was named then (the rule may be gone since). */
    assignedRuleId: integer('assigned_rule_id'),
    assignedRuleName: text('assigned_rule_name'),
    /** docs/service-sla.md#deadlines: fixed at creation from the type's limits; null without a limit. */
    assignDueAt: timestamp('assign_due_at', { withTimezone: true }),
    handleDueAt: timestamp('handle_due_at', { withTimezone: true }),
    /** docs/service-sla.md#breaches: when the breach of each deadline was announced (once). */
    assignBreachAt: timestamp('assign_breach_at', { withTimezone: true }),
    handleBreachAt: timestamp('handle_breach_at', { withTimezone: true }),
  },
  (t) => [
    // the overdue filter and the breach job (docs/service-sla.md#deadlines, rule 3): one range scan per deadline
    index('services_assign_due_idx')
      .on(t.assignDueAt)
      .where(sql`${t.status} = 'new'`),
    index('services_handle_due_idx')
      .on(t.handleDueAt)
      .where(sql`${t.status} in ('new', 'assigned')`),
    check('services_status_check', sql`${t.status} in ('new', 'assigned', 'handled', 'archived')`),
    check('services_satisfaction_check', sql`${t.satisfaction} between 1 and 5`),
    check(
      'services_source_check',
      sql`(${t.source} = 'staff' and ${t.createdById} is not null and ${t.requestedByName} is null)
       or (${t.source} = 'portal' and ${t.requestedByName} is not null)`,
    ),
    index('services_requested_by_idx').on(t.requestedByContactId),
    // the list's order (created_at desc, id desc), with and without a status or type filter; with the people and
    // customer the data scope reads (platform/scope.ts serviceInScope), a scoped count of a status reads no service row
    index('services_status_idx').on(
      t.status,
      t.createdAt,
      t.id,
      t.customerId,
      t.createdById,
      t.assigneeId,
      t.handledById,
    ),
    index('services_customer_idx').on(t.customerId),
    index('services_assignee_idx').on(t.assigneeId, t.status),
    index('services_type_idx').on(t.typeId, t.createdAt, t.id),
    // a period's services and, for a scoped count of them (the workbench's figure), the people and customer the data
    // scope reads (platform/scope.ts serviceInScope): an index-only scan, no service row read
    index('services_created_at_idx').on(t.createdAt, t.id, t.customerId, t.createdById, t.assigneeId, t.handledById),
    // part-of-summary filter of the list (`ilike '%…%'`)
    index('services_summary_trgm_idx').using('gin', sql`${t.summary} gin_trgm_ops`),
  ],
);

/**
 * How many services each combination of departments holds — the departments of the service's creator, assignee and
 * handler and of its customer's manager (0: no such person, or one without a department) — per status, kept by
 * statement triggers on `services`, on customers' managers and on users' departments (migration 0035). A department
 * scope's total, or a status's, is a sum over these few hundred rows instead of a count over every service in scope
 * (the list's total: docs/organisation.md#data-scope, rule 4).
 */
export const serviceTotals = pgTable(
  'service_totals',
  {
    creatorDepartment: integer('creator_department').notNull(),
    assigneeDepartment: integer('assignee_department').notNull(),
    handlerDepartment: integer('handler_department').notNull(),
    managerDepartment: integer('manager_department').notNull(),
    status: text('status').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'service_totals_pk',
      columns: [t.creatorDepartment, t.assigneeDepartment, t.handlerDepartment, t.managerDepartment, t.status],
    }),
  ],
);

/**
 * The same combinations of departments per UTC month of creation (`month`: its first day) instead of status, kept by
 * the same triggers (migration 0042): everyone's and a department scope's services created in a year (the workbench)
 * sum these rows and count only the hours between the year's edges and the nearest month starts.
 */
export const serviceMonthTotals = pgTable(
  'service_month_totals',
  {
    creatorDepartment: integer('creator_department').notNull(),
    assigneeDepartment: integer('assignee_department').notNull(),
    handlerDepartment: integer('handler_department').notNull(),
    managerDepartment: integer('manager_department').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'service_month_totals_pk',
      columns: [t.creatorDepartment, t.assigneeDepartment, t.handlerDepartment, t.managerDepartment, t.month],
    }),
    index('service_month_totals_month_idx').on(t.month),
  ],
);

/**
 * How many services of each type were created in each UTC month (`month`: its first day), kept by statement triggers
 * on `services` (migration 0039). The service report of a reader who sees every service sums these rows — a year's
 * months, or all of them — and counts only the hours between a month's start and its range's edge (a year of the
 * server's time zone): docs/product.md#reports, rule 4.
 */
export const serviceMonths = pgTable(
  'service_months',
  {
    typeId: integer('type_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'service_months_pk', columns: [t.typeId, t.month] })],
);

/** Every step of a service, so that a dissatisfied feedback keeps the earlier handling in its history. */
export const serviceEvents = pgTable(
  'service_events',
  {
    id: serial('id').primaryKey(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    text: text('text'),
    satisfaction: smallint('satisfaction'),
    /** Null for a step a contact took in the customer portal (`contact_name`). */
    userId: integer('user_id').references(() => users.id),
    contactId: integer('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    contactName: text('contact_name'),
    /** Whom an `assigned` event gave the service to (a service may be reassigned; null on events from before). */
    assigneeId: integer('assignee_id').references(() => users.id),
    /** For an assignment by an assignment rule: the rule and its name then. */
    ruleId: integer('rule_id'),
    ruleName: text('rule_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('service_events_kind_check', sql`${t.kind} in ('created', 'assigned', 'handled', 'feedback')`),
    check('service_events_who_check', sql`${t.userId} is not null or ${t.contactName} is not null`),
    index('service_events_service_idx').on(t.serviceId, t.at),
  ],
);

/**
 * Assignment rules (docs/assignment-rules.md): conditions on the service type, customer region and customer level
 * (empty: any), the strategy and its ordered assignees. `rotation` is the round-robin position, advanced by the
 * creating transaction's `update … returning` (fair across instances).
 */
export const assignmentRules = pgTable(
  'assignment_rules',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    priority: integer('priority').notNull(),
    typeIds: integer('type_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    regionIds: integer('region_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    levelIds: integer('level_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    strategy: text('strategy').notNull(),
    assigneeIds: integer('assignee_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    rotation: integer('rotation').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('assignment_rules_strategy_check', sql`${t.strategy} in ('roundRobin', 'leastOpen', 'customerManager')`),
    check('assignment_rules_priority_check', sql`${t.priority} between 1 and 9999`),
    index('assignment_rules_order_idx').on(t.priority, t.id),
  ],
);

/** Per service type, the time limits in calendar hours (docs/service-sla.md#limits); no row: no limit. */
export const serviceSla = pgTable(
  'service_sla',
  {
    typeId: integer('type_id')
      .primaryKey()
      .references(() => dictionaryEntries.id, { onDelete: 'cascade' }),
    assignWithinHours: doublePrecision('assign_within_hours'),
    handleWithinHours: doublePrecision('handle_within_hours'),
  },
  (t) => [
    check('service_sla_assign_check', sql`${t.assignWithinHours} > 0 and ${t.assignWithinHours} <= 8760`),
    check('service_sla_handle_check', sql`${t.handleWithinHours} > 0 and ${t.handleWithinHours} <= 8760`),
  ],
);
