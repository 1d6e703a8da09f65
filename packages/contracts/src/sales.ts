import { z } from 'zod';
import { pageQuery, textFilter } from './common.ts';

/** docs/product.md#the-sales-system, rule 6, Sales data: how current the CRM's derived copy of the sales figures is. */
export const salesStatus = z.object({ asOf: z.string().nullable(), reachable: z.boolean() });
export type SalesStatus = z.infer<typeof salesStatus>;
export const salesRefreshAnswer = z.object({ asOf: z.string() });

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
