import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
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
  },
  (t) => [
    check('services_status_check', sql`${t.status} in ('new', 'assigned', 'handled', 'archived')`),
    check('services_satisfaction_check', sql`${t.satisfaction} between 1 and 5`),
    check(
      'services_source_check',
      sql`(${t.source} = 'staff' and ${t.createdById} is not null and ${t.requestedByName} is null)
       or (${t.source} = 'portal' and ${t.requestedByName} is not null)`,
    ),
    index('services_requested_by_idx').on(t.requestedByContactId),
    // the list's order (created_at desc, id desc), with and without a status or type filter
    index('services_status_idx').on(t.status, t.createdAt, t.id),
    index('services_customer_idx').on(t.customerId),
    index('services_assignee_idx').on(t.assigneeId, t.status),
    index('services_type_idx').on(t.typeId, t.createdAt, t.id),
    index('services_created_at_idx').on(t.createdAt, t.id),
    // part-of-summary filter of the list (`ilike '%…%'`)
    index('services_summary_trgm_idx').using('gin', sql`${t.summary} gin_trgm_ops`),
  ],
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
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('service_events_kind_check', sql`${t.kind} in ('created', 'assigned', 'handled', 'feedback')`),
    check('service_events_who_check', sql`${t.userId} is not null or ${t.contactName} is not null`),
    index('service_events_service_idx').on(t.serviceId, t.at),
  ],
);
