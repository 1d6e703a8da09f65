import { date, integer, numeric, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The CRM's derived copy of the sales figures (SALES-SYSTEM.md): per customer number and year, the counted orders'
 * total and the last order date. Reports and the churn check read this, never the whole sales system.
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
  (t) => [primaryKey({ columns: [t.customerNo, t.year] })],
);

/** One row: how current the derived copy is. */
export const salesSync = pgTable('sales_sync', {
  id: smallint('id').primaryKey(),
  asOf: timestamp('as_of', { withTimezone: true }),
  fullAt: timestamp('full_at', { withTimezone: true }),
  watermark: text('watermark'),
});
