import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';

/**
 * The CRM's derived copy of the sales figures (docs/product.md#the-sales-system, rule 6): per customer number and year,
 * the counted orders' total and the last order date. Reports and the churn check read this, never the whole sales
 * system.
 */
export const customerSalesYears = pgTable(
  'customer_sales_years',
  {
    customerNo: text('customer_no').notNull(),
    year: smallint('year').notNull(),
    amount: numeric('amount', { precision: 16, scale: 2 }).notNull(),
    orderCount: integer('order_count').notNull(),
    lastOrderDate: date('last_order_date').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerNo, t.year] }),
    // one year's contribution report: the largest amounts first, straight from the index
    index('customer_sales_years_year_amount_idx').on(t.year, t.amount.desc(), t.customerNo),
  ],
);

/**
 * Per customer number, the sum over all years of `customer_sales_years` (amount, order count, last order date),
 * written by the same refresh in the same transaction. The all-years contribution report reads its largest amounts
 * through the index, and the churn check the last order dates, without adding up every year on each request.
 */
export const customerSalesTotals = pgTable(
  'customer_sales_totals',
  {
    customerNo: text('customer_no').primaryKey(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    orderCount: integer('order_count').notNull(),
    lastOrderDate: date('last_order_date').notNull(),
  },
  (t) => [index('customer_sales_totals_amount_idx').on(t.amount.desc(), t.customerNo)],
);

/**
 * The part of `customer_sales_years` that an incremental refresh takes as settled: per customer number, the counted
 * orders of the cut's year dated before the cut (`sales_sync.settled_before`, fixed by the last full refresh).
 * Orders of earlier years are settled in `customer_sales_years` itself; later years have no orders before the cut.
 */
export const customerSalesSettled = pgTable(
  'customer_sales_settled',
  {
    customerNo: text('customer_no').notNull(),
    year: smallint('year').notNull(),
    amount: numeric('amount', { precision: 16, scale: 2 }).notNull(),
    orderCount: integer('order_count').notNull(),
    lastOrderDate: date('last_order_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerNo, t.year] })],
);

/**
 * The contribution report's totals without a name filter, per year (0: all years), over the customers the CRM
 * knows: the sum of their amounts and how many have a positive or a negative one. Kept by statement triggers on
 * `customer_sales_years`, `customer_sales_totals` and `customers` (migration 0007), so the report reads one row
 * instead of joining every customer with every figure.
 */
export const customerSalesSummary = pgTable('customer_sales_summary', {
  year: smallint('year').primaryKey(),
  amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  positive: integer('positive').notNull(),
  negative: integer('negative').notNull(),
});

/** One row: how current the derived copy is. */
export const salesSync = pgTable('sales_sync', {
  id: smallint('id').primaryKey(),
  asOf: timestamp('as_of', { withTimezone: true }),
  fullAt: timestamp('full_at', { withTimezone: true }),
  watermark: text('watermark'),
  /** The cut of the last full refresh: orders dated before it count as settled (see customer_sales_settled). */
  settledBefore: date('settled_before'),
  /** The day every customer's risk was last scored (docs/churn-risk.md#the-figures, rule 3). */
  riskDay: date('risk_day'),
});

/**
 * What a refresh read from the sales system, staged batch by batch (each insert its own short statement) before the
 * one short transaction that merges it into the copy; only the holder of the refresh's lease writes here. UNLOGGED
 * (migration): a scratch table, never worth the write-ahead log, emptied at the start of every refresh.
 */
export const salesRefreshRows = pgTable('sales_refresh_rows', {
  part: text('part').notNull(),
  customerNo: text('customer_no').notNull(),
  year: smallint('year').notNull(),
  amount: numeric('amount').notNull(),
  orderCount: integer('order_count').notNull(),
  lastOrderDate: date('last_order_date'),
  settledAmount: numeric('settled_amount').notNull(),
  settledCount: integer('settled_count').notNull(),
  settledLast: date('settled_last'),
});

/**
 * Per customer number and month (its first day) of the order date, over the counted orders of the last 24 months and
 * the current one (docs/churn-risk.md#the-figures): amount, number, first and last order date. Kept by the same
 * refresh as `customer_sales_years`; the early churn risk is computed from it.
 */
export const customerSalesMonths = pgTable(
  'customer_sales_months',
  {
    customerNo: text('customer_no').notNull(),
    month: date('month').notNull(),
    amount: numeric('amount', { precision: 16, scale: 2 }).notNull(),
    orderCount: integer('order_count').notNull(),
    firstOrderDate: date('first_order_date').notNull(),
    lastOrderDate: date('last_order_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerNo, t.month] })],
);

/** What a refresh read of the monthly figures, staged like `sales_refresh_rows` (UNLOGGED, migration). */
export const salesRefreshMonths = pgTable('sales_refresh_months', {
  customerNo: text('customer_no').notNull(),
  month: date('month').notNull(),
  amount: numeric('amount').notNull(),
  orderCount: integer('order_count').notNull(),
  firstOrderDate: date('first_order_date'),
  lastOrderDate: date('last_order_date'),
});

/**
 * The early churn risk of every `normal` customer (docs/churn-risk.md), computed by the sales-figure refresh: the
 * score 0–100, its level and its reasons (`[{code, params}]`, strongest first; the texts are made when read).
 */
export const customerRisk = pgTable(
  'customer_risk',
  {
    customerId: integer('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    score: smallint('score').notNull(),
    level: text('level').notNull(),
    reasons: jsonb('reasons').notNull(),
    /** The customer's manager, kept equal to `customers.manager_id` by a trigger (migration 0025), for the scope. */
    managerId: integer('manager_id'),
  },
  (t) => [
    // the at-risk list: highest score first, then the newest customer; a level is a band of scores
    index('customer_risk_rank_idx').on(t.score.desc(), t.customerId.desc()),
    // the same order inside a narrowed scope or for one manager (docs/churn-risk.md#the-list)
    index('customer_risk_manager_rank_idx').on(t.managerId, t.score.desc(), t.customerId.desc()),
    check('customer_risk_score_check', sql`${t.score} between 0 and 100`),
    check('customer_risk_level_check', sql`${t.level} in ('low', 'medium', 'high')`),
  ],
);

/**
 * How many customers of each manager (null: the pool) have a risk of each level — kept by statement triggers on
 * `customer_risk` (migration 0034): the at-risk list's total is a sum over these few rows (a manager's, a scope's, the
 * whole company's) instead of a count of every customer at risk in scope.
 */
export const customerRiskTotals = pgTable(
  'customer_risk_totals',
  {
    managerId: integer('manager_id'),
    level: text('level').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [unique('customer_risk_totals_key').on(t.managerId, t.level).nullsNotDistinct()],
);

/**
 * Per manager of the customers (null: the pool) and year, the sum of `customer_sales_years` over the customers the
 * CRM knows — kept by statement triggers on `customer_sales_years` and `customers` (migration 0036): a scope's order
 * amount of a year (the workbench's key figure) is a sum over its managers' rows instead of a join of its customers
 * with their figures.
 */
export const managerSalesYears = pgTable(
  'manager_sales_years',
  {
    managerId: integer('manager_id'),
    year: smallint('year').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
  },
  (t) => [unique('manager_sales_years_key').on(t.managerId, t.year).nullsNotDistinct()],
);
