import { boolean, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const dictionaryEntries = pgTable(
  'dictionary_entries',
  {
    id: serial('id').primaryKey(),
    type: text('type').notNull(),
    item: text('item').notNull(),
    value: text('value').notNull().default(''),
    editable: boolean('editable').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dictionary_entries_type_item_key').on(t.type, t.item)],
);
