import type { InventoryItem, Product } from '@crm/contracts';
import { containsPattern } from '../../platform/pagination.ts';
import type { SalesQuery } from '../../sales/system.ts';

/**
 * Builds `where` from the given filters: each a case-insensitive part of the text (docs/product.md#api-conventions,
 * rule 5, Lists).
 */
function where(filters: [string, string | undefined][], params: unknown[]) {
  const parts = filters.flatMap(([expr, value]) => {
    if (!value) return [];
    params.push(containsPattern(value));
    return [`${expr.replaceAll('?', `$${params.length}`)}`];
  });
  return parts.length ? `where ${parts.join(' and ')}` : '';
}

/** docs/product.md#product-and-inventory-lookup, rule 1 product lookup (查询产品): by name, model 型号 and batch 批次. */
export async function listProducts(
  q: SalesQuery,
  f: { name?: string; model?: string; batch?: string; limit: number; offset: number },
) {
  const params: unknown[] = [];
  const w = where(
    [
      ['p.name ilike ?', f.name],
      ['p.model ilike ?', f.model],
      ['p.batch ilike ?', f.batch],
    ],
    params,
  );
  const items = await q<Product & { price: string }>(
    `select p.id, p.name, p.model, p.batch, p.unit, p.price::text as price, p.memo from sales.products p ${w}
     order by p.name, p.model, p.id limit ${f.limit} offset ${f.offset}`,
    params,
  );
  const [total] = await q<{ n: number }>(`select count(*)::int as n from sales.products p ${w}`, params);
  return { items: items.map((p) => ({ ...p, id: Number(p.id), price: Number(p.price) })), total: total?.n ?? 0 };
}

/**
 * docs/product.md#product-and-inventory-lookup, rule 2 inventory lookup (查询库存): by product (name, model or batch) and
 * warehouse.
 */
export async function listInventory(
  q: SalesQuery,
  f: { product?: string; warehouse?: string; limit: number; offset: number },
) {
  const params: unknown[] = [];
  const w = where(
    [
      ['(p.name ilike ? or p.model ilike ? or p.batch ilike ?)', f.product],
      ['i.warehouse ilike ?', f.warehouse],
    ],
    params,
  );
  const from = `from sales.inventory i join sales.products p on p.id = i.product_id ${w}`;
  const items = await q<InventoryItem>(
    `select i.id, i.product_id as "productId", p.name as "productName", p.model, p.batch, i.warehouse, i.location, i.quantity, i.memo
     ${from} order by p.name, i.warehouse, i.location, i.id limit ${f.limit} offset ${f.offset}`,
    params,
  );
  const [total] = await q<{ n: number }>(`select count(*)::int as n ${from}`, params);
  return {
    items: items.map((i) => ({ ...i, id: Number(i.id), productId: Number(i.productId) })),
    total: total?.n ?? 0,
  };
}
