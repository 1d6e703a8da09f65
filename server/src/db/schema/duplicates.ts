import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';

/**
 * Likely duplicate customers (docs/duplicates-and-merge.md, rules 1 and 2): each group the reason it was found by and
 * the key they share, replaced whole by every scan (the job and `POST /customers/duplicates/scan`).
 */
export const duplicateGroups = pgTable(
  'duplicate_groups',
  {
    id: serial('id').primaryKey(),
    reason: text('reason').notNull(),
    /** What the members share: the credit code, the normalised name of the group's first member, the phone. */
    key: text('key').notNull(),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('duplicate_groups_reason_check', sql`${t.reason} in ('creditCode', 'name', 'phone')`)],
);

export const duplicateGroupMembers = pgTable(
  'duplicate_group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => duplicateGroups.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.customerId] }),
    index('duplicate_group_members_customer_idx').on(t.customerId),
  ],
);
