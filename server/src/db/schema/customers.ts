import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { dictionaryEntries } from './dictionary.ts';

export const customers = pgTable(
  'customers',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    name: text('name').notNull(),
    regionId: integer('region_id').references(() => dictionaryEntries.id),
    managerId: integer('manager_id')
      .notNull()
      .references(() => users.id),
    levelId: integer('level_id').references(() => dictionaryEntries.id),
    satisfaction: smallint('satisfaction'),
    credit: smallint('credit'),
    address: text('address'),
    postcode: text('postcode'),
    phone: text('phone'),
    fax: text('fax'),
    website: text('website'),
    licenceNo: text('licence_no'),
    legalRepresentative: text('legal_representative'),
    registeredCapital: numeric('registered_capital', { precision: 14, scale: 2 }),
    annualTurnover: numeric('annual_turnover', { precision: 16, scale: 2 }),
    bank: text('bank'),
    bankAccount: text('bank_account'),
    localTaxNo: text('local_tax_no'),
    nationalTaxNo: text('national_tax_no'),
    status: text('status').notNull().default('normal'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('customers_status_check', sql`${t.status} in ('normal', 'lost')`),
    check('customers_satisfaction_check', sql`${t.satisfaction} between 1 and 5`),
    check('customers_credit_check', sql`${t.credit} between 1 and 5`),
    // a manager's customers newest first (the list's order) straight from the index
    index('customers_manager_idx').on(t.managerId, t.id),
    index('customers_region_idx').on(t.regionId),
    index('customers_level_idx').on(t.levelId),
    index('customers_name_idx').on(t.name),
    // also, outside this schema (migration 0004): the generated column name_grams (every 1- and 2-character piece of
    // the lower-cased name) and its GIN index customers_name_grams_idx, for name parts of one or two characters
    // part-of-name / part-of-number search (`ilike '%…%'`) in the lists, reports and churn warnings
    index('customers_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('customers_number_trgm_idx').using('gin', sql`${t.number} gin_trgm_ops`),
  ],
);

/** The daily sequence behind customer numbers `KH yyyyMMdd NNN` (docs/product.md#customers, rule 2). */
export const customerNumberDays = pgTable('customer_number_days', {
  day: date('day').primaryKey(),
  last: integer('last').notNull(),
});

export const contacts = pgTable(
  'contacts',
  {
    id: serial('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sex: text('sex'),
    position: text('position'),
    officePhone: text('office_phone'),
    mobile: text('mobile'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('contacts_sex_check', sql`${t.sex} in ('male', 'female')`),
    index('contacts_customer_idx').on(t.customerId),
  ],
);

/** Interaction records (交往记录). */
export const activities = pgTable(
  'activities',
  {
    id: serial('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    place: text('place').notNull(),
    summary: text('summary').notNull(),
    details: text('details'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('activities_customer_idx').on(t.customerId, t.date)],
);
