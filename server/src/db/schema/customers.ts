import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { dictionaryEntries } from './dictionary.ts';

export const customers = pgTable(
  'customers',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull().unique(),
    name: text('name').notNull(),
    /** 统一社会信用代码, upper case (docs/product.md#customers, rule 10). */
    creditCode: text('credit_code'),
    regionId: integer('region_id').references(() => dictionaryEntries.id),
    /** null: the customer is in the pool (公海, docs/organisation.md#customer-pool). */
    managerId: integer('manager_id').references(() => users.id),
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
    /** The survivor a `merged` customer was merged into (docs/duplicates-and-merge.md, rule 5). */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => customers.id),
    /** While in the pool: since when, why (`new`, `released`, `returned`) and whose it was. */
    poolEnteredAt: timestamp('pool_entered_at', { withTimezone: true }),
    poolReason: text('pool_reason'),
    previousManagerId: integer('previous_manager_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('customers_status_check', sql`${t.status} in ('normal', 'lost', 'merged')`),
    check('customers_merged_check', sql`(${t.status} = 'merged') = (${t.mergedIntoId} is not null)`),
    check('customers_satisfaction_check', sql`${t.satisfaction} between 1 and 5`),
    check('customers_credit_check', sql`${t.credit} between 1 and 5`),
    check(
      'customers_pool_check',
      sql`(${t.managerId} is null) = (${t.poolEnteredAt} is not null and ${t.poolReason} in ('new', 'released', 'returned'))`,
    ),
    // the pool page's order (newest entries first)
    index('customers_pool_idx')
      .on(t.poolEnteredAt, t.id)
      .where(sql`${t.managerId} is null`),
    // a manager's customers newest first (the list's order) straight from the index; with the number, a scope's order
    // figures join the sales system's totals without reading the customers' rows (the workbench's order amount)
    index('customers_manager_idx').on(t.managerId, t.id, t.number),
    // the few customers no longer `normal`, without a scan of every row (their churn risk goes, docs/churn-risk.md)
    index('customers_not_normal_idx')
      .on(t.id)
      .where(sql`${t.status} <> 'normal'`),
    // the merged customers of a scope, which a list's count takes off (customers/repo.ts lessMerged): few, by manager,
    // where the customers not `normal` (mostly lost ones) met the scope's managers by a bitmap of all their customers
    index('customers_merged_idx')
      .on(t.managerId)
      .where(sql`${t.status} = 'merged'`),
    // this year's new customers on the workbench and the reports: a count from the index alone (status, manager for
    // the reader's scope)
    index('customers_created_at_idx').on(t.createdAt, t.status, t.managerId),
    index('customers_region_idx').on(t.regionId),
    index('customers_level_idx').on(t.levelId),
    index('customers_name_idx').on(t.name),
    // docs/product.md#customers, rule 10: unique when set (nulls are distinct); also the search's exact match
    uniqueIndex('customers_credit_code_key').on(t.creditCode),
    // also, outside this schema (migration 0025): the generated column name_key (the name normalised for the duplicate
    // search, docs/duplicates-and-merge.md, rule 1) and its trigram index customers_name_key_trgm_idx
    // also, outside this schema (migration 0004): the generated column name_grams (every 1- and 2-character piece of
    // the lower-cased name) and its GIN index customers_name_grams_idx, for name parts of one or two characters
    // part-of-name / part-of-number search (`ilike '%…%'`) in the lists, reports and churn warnings
    index('customers_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('customers_number_trgm_idx').using('gin', sql`${t.number} gin_trgm_ops`),
  ],
);

/**
 * Customer number aliases (docs/duplicates-and-merge.md, rule 7): the number of a merged customer and the survivor whose
 * orders it now names. Always points at a customer that is not merged itself (a later merge re-points the aliases).
 */
export const customerNumberAliases = pgTable(
  'customer_number_aliases',
  {
    number: text('number').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
  },
  (t) => [index('customer_number_aliases_customer_idx').on(t.customerId)],
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

/** Each entry into and exit from the pool, per customer (docs/organisation.md#customer-pool, rule 6). */
export const customerPoolEvents = pgTable(
  'customer_pool_events',
  {
    id: serial('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    /** Who acted; null for the nightly return job. */
    byId: integer('by_id').references(() => users.id),
    /** The manager the customer left (released, returned) or went to (claimed, assigned). */
    managerId: integer('manager_id').references(() => users.id),
    reason: text('reason'),
  },
  (t) => [
    check('customer_pool_events_action_check', sql`${t.action} in ('released', 'returned', 'claimed', 'assigned')`),
    index('customer_pool_events_customer_idx').on(t.customerId, t.at),
    // a manager's claims today (dailyClaimLimit) and the customers they lost lately (reclaimWaitDays)
    index('customer_pool_events_manager_idx').on(t.managerId, t.action, t.at),
  ],
);

/** The pool's limits (one row, id 1); 0 means "no cap" for maxOwned. */
export const poolSettings = pgTable(
  'pool_settings',
  {
    id: smallint('id').primaryKey().default(1),
    dailyClaimLimit: integer('daily_claim_limit').notNull().default(10),
    maxOwned: integer('max_owned').notNull().default(0),
    reclaimWaitDays: integer('reclaim_wait_days').notNull().default(30),
    warnDays: integer('warn_days').notNull().default(3),
  },
  (t) => [
    check('pool_settings_one_row', sql`${t.id} = 1`),
    check(
      'pool_settings_ranges',
      sql`${t.dailyClaimLimit} >= 0 and ${t.maxOwned} >= 0 and ${t.reclaimWaitDays} >= 0 and ${t.warnDays} >= 0`,
    ),
  ],
);

/** After how many days without a follow-up a `normal` customer of a level returns to the pool (0 or no row: never). */
export const poolReturnDays = pgTable(
  'pool_return_days',
  {
    levelId: integer('level_id')
      .primaryKey()
      .references(() => dictionaryEntries.id, { onDelete: 'cascade' }),
    days: integer('days').notNull(),
  },
  (t) => [check('pool_return_days_range', sql`${t.days} >= 0`)],
);
