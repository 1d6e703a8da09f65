import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { customers } from './customers.ts';

export const churnWarnings = pgTable(
  'churn_warnings',
  {
    id: serial('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    lastOrderDate: date('last_order_date'),
    status: text('status').notNull().default('warning'),
    reason: text('reason'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    recoveredAt: timestamp('recovered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('churn_warnings_status_check', sql`${t.status} in ('warning', 'delayed', 'lost', 'recovered')`),
    // docs/product.md#churn, rule 3: at most one open warning per customer, whatever runs the check
    uniqueIndex('churn_warnings_one_open_key')
      .on(t.customerId)
      .where(sql`${t.status} in ('warning', 'delayed')`),
    // the list's order (created_at desc, id desc), with and without a status filter
    index('churn_warnings_status_idx').on(t.status, t.createdAt, t.id),
    index('churn_warnings_created_idx').on(t.createdAt, t.id),
    index('churn_warnings_manager_idx').on(t.managerId),
    // a customer's overview and timeline: the warnings of one customer
    index('churn_warnings_customer_idx').on(t.customerId),
  ],
);

export const churnMeasures = pgTable(
  'churn_measures',
  {
    id: serial('id').primaryKey(),
    warningId: integer('warning_id')
      .notNull()
      .references(() => churnWarnings.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdById: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('churn_measures_warning_idx').on(t.warningId, t.createdAt)],
);
