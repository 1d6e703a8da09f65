import type { PageQuery } from '@crm/contracts';
import type { SalesSystem } from '../../sales/system.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import * as repo from './repo.ts';

/** Product and inventory lookup read the sales system; when it is away they answer 503 SALES_UNAVAILABLE. */
export async function findProducts(
  sales: SalesSystem,
  q: PageQuery & { name?: string; model?: string; batch?: string },
) {
  const { items, total } = await sales.read((sq) => repo.listProducts(sq, { ...q, ...limitOffset(q) }));
  return pageOf(items, total, q);
}

export async function findInventory(sales: SalesSystem, q: PageQuery & { product?: string; warehouse?: string }) {
  const { items, total } = await sales.read((sq) => repo.listInventory(sq, { ...q, ...limitOffset(q) }));
  return pageOf(items, total, q);
}
