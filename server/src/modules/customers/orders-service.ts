import type { PageQuery } from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import * as repo from './orders-repo.ts';
import { getCustomer } from './service.ts';

/**
 * docs/product.md#order-history, rule 2 order history, read from the sales system by the customer's number — for staff
 * (a customer in their scope) and for the customer portal (its own customer, docs/portal.md#orders).
 */
export async function listOrdersOfCustomerNumber({ sales }: Pick<Deps, 'sales'>, customerNo: string, q: PageQuery) {
  const { limit, offset } = limitOffset(q);
  const { items, total } = await sales.read((sq) => repo.listCountedOrders(sq, customerNo, limit, offset));
  return pageOf(items, total, q);
}

export async function getOrderOfCustomerNumber({ sales }: Pick<Deps, 'sales'>, customerNo: string, orderId: number) {
  const order = await sales.read((sq) => repo.findCountedOrder(sq, customerNo, orderId));
  if (!order) throw notFound('Order');
  return order;
}

export async function listCustomerOrders(deps: Deps, ctx: Ctx, customerId: number, q: PageQuery) {
  const customer = await getCustomer(deps.db, customerId, ctx.actor);
  return listOrdersOfCustomerNumber(deps, customer.number, q);
}

export async function getCustomerOrder(deps: Deps, ctx: Ctx, customerId: number, orderId: number) {
  const customer = await getCustomer(deps.db, customerId, ctx.actor);
  return getOrderOfCustomerNumber(deps, customer.number, orderId);
}
