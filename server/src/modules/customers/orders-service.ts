import type { PageQuery } from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import * as repo from './orders-repo.ts';
import { getCustomer } from './service.ts';

/** docs/product.md#order-history, rule 2 order history, read from the sales system by the customer's number. */
export async function listCustomerOrders({ db, sales }: Deps, ctx: Ctx, customerId: number, q: PageQuery) {
  const customer = await getCustomer(db, customerId, ctx.actor);
  const { limit, offset } = limitOffset(q);
  const { items, total } = await sales.read((sq) => repo.listCountedOrders(sq, customer.number, limit, offset));
  return pageOf(items, total, q);
}

export async function getCustomerOrder({ db, sales }: Deps, ctx: Ctx, customerId: number, orderId: number) {
  const customer = await getCustomer(db, customerId, ctx.actor);
  const order = await sales.read((sq) => repo.findCountedOrder(sq, customer.number, orderId));
  if (!order) throw notFound('Order');
  return order;
}
