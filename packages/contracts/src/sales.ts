import { z } from 'zod';
import { pageQuery, textFilter } from './common.ts';

/** docs/product.md#the-sales-system, rule 6, Sales data: how current the CRM's derived copy of the sales figures is. */
export const salesStatus = z.object({ asOf: z.string().nullable(), reachable: z.boolean() });
export type SalesStatus = z.infer<typeof salesStatus>;
export const salesRefreshAnswer = z.object({ asOf: z.string() });

/** Order status codes of the sales system (docs/product.md#the-sales-system, rule 2); only 5 and 6 count. */
export const ORDER_STATUS = {
  1: 'created',
  2: 'confirmed',
  3: 'picking',
  4: 'readyToShip',
  5: 'shipped',
  6: 'paid',
} as const;
export const COUNTED_ORDER_STATUSES = [5, 6] as const;

/** Money is a number of yuan with two decimals. */
const money = z.number();

export const product = z.object({
  id: z.number().int(),
  name: z.string(),
  model: z.string(),
  batch: z.string(),
  unit: z.string(),
  price: money,
  memo: z.string().nullable(),
});
export type Product = z.infer<typeof product>;
export const productQuery = pageQuery.extend({ name: textFilter, model: textFilter, batch: textFilter });

export const inventoryItem = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  productName: z.string(),
  model: z.string(),
  batch: z.string(),
  warehouse: z.string(),
  location: z.string(),
  quantity: z.number().int(),
  memo: z.string().nullable(),
});
export type InventoryItem = z.infer<typeof inventoryItem>;
/** `product` matches the product's name, model or batch. */
export const inventoryQuery = pageQuery.extend({ product: textFilter, warehouse: textFilter });

export const order = z.object({
  id: z.number().int(),
  orderDate: z.string(),
  shipAddress: z.string(),
  status: z.number().int(),
  /** The sum of the order's lines (quantity × unit price), yuan. */
  amount: money,
});
export type Order = z.infer<typeof order>;
export const orderLine = z.object({
  productId: z.number().int(),
  productName: z.string(),
  model: z.string(),
  batch: z.string(),
  quantity: z.number().int(),
  unit: z.string(),
  unitPrice: money,
  amount: money,
});
export type OrderLine = z.infer<typeof orderLine>;
export const orderDetail = order.extend({ total: money, lines: z.array(orderLine) });
export type OrderDetail = z.infer<typeof orderDetail>;
