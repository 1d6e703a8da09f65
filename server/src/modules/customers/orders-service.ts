import type { PageQuery } from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import * as repo from './orders-repo.ts';
import { getCustomer } from './service.ts';
import { customerNumbers } from './merge-repo.ts';

/**
 * docs/product.md#order-history, rule 2 order history, read from the sales system by the customer's number — for staff
 * (a customer in their scope) and for the customer portal (its own customer, docs/portal.md#orders).
 */
type OrderDeps = Pick<Deps, 'db' | 'sales'>;

/** `customer`: its id and number; the orders of the numbers merged into it count too (docs/duplicates-and-merge.md, rule 7). */
export async function listOrdersOfCustomerNumber(
  { db, sales }: OrderDeps,
  customer: { id: number; number: string },
  q: PageQuery,
) {
  const { limit, offset } = limitOffset(q);
  const numbers = await customerNumbers(db, customer);
  const { items, total } = await sales.read((sq) => repo.listCountedOrders(sq, numbers, limit, offset));
  return pageOf(items, total, q);
}

export async function getOrderOfCustomerNumber(
  { db, sales }: OrderDeps,
  customer: { id: number; number: string },
  orderId: number,
) {
  const numbers = await customerNumbers(db, customer);
  const order = await sales.read((sq) => repo.findCountedOrder(sq, numbers, orderId));
  if (!order) throw notFound('Order');
  return order;
}

export async function listCustomerOrders(deps: Deps, ctx: Ctx, customerId: number, q: PageQuery) {
  const customer = await getCustomer(deps.db, customerId, ctx.actor);
  return listOrdersOfCustomerNumber(deps, customer, q);
}

export async function getCustomerOrder(deps: Deps, ctx: Ctx, customerId: number, orderId: number) {
  const customer = await getCustomer(deps.db, customerId, ctx.actor);
  return getOrderOfCustomerNumber(deps, customer, orderId);
}
