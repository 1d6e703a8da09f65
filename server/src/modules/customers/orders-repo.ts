import type { Order, OrderLine } from '@crm/contracts';
import type { SalesQuery } from '../../sales/system.ts';

/**
 * docs/product.md#order-history, rule 1: only shipped (5) and paid (6) orders count. Reads the sales system, newest
 * first, under every number of the customer: its own and those of the customers merged into it
 * (docs/duplicates-and-merge.md, rule 7).
 */
export async function listCountedOrders(q: SalesQuery, numbers: string[], limit: number, offset: number) {
  // each order's amount (the sum of its lines) in the same statement, for the page's orders only
  const items = await q<Omit<Order, 'amount'> & { amount: string }>(
    `select o.id, o.order_date::text as "orderDate", o.ship_address as "shipAddress", o.status::int as status,
            (select coalesce(sum(l.quantity * l.unit_price), 0) from sales.order_lines l where l.order_id = o.id)::text
              as amount
     from (select * from sales.orders where customer_no = any($1::text[]) and status in (5, 6)
           order by order_date desc, id desc limit $2 offset $3) o
     order by o.order_date desc, o.id desc`,
    [numbers, limit, offset],
  );
  const [total] = await q<{ n: number }>(
    `select count(*)::int as n from sales.orders where customer_no = any($1::text[]) and status in (5, 6)`,
    [numbers],
  );
  return { items: items.map((o) => ({ ...o, id: Number(o.id), amount: Number(o.amount) })), total: total?.n ?? 0 };
}

/** One counted order of this customer with its lines; another customer's order is simply not found. */
export async function findCountedOrder(q: SalesQuery, numbers: string[], orderId: number) {
  const [order] = await q<Omit<Order, 'amount'>>(
    `select id, order_date::text as "orderDate", ship_address as "shipAddress", status::int as status
     from sales.orders where id = $1 and customer_no = any($2::text[]) and status in (5, 6)`,
    [orderId, numbers],
  );
  if (!order) return undefined;
  const lines = await q<OrderLine & { unitPrice: string; amount: string }>(
    `select l.product_id as "productId", p.name as "productName", p.model, p.batch, l.quantity, l.unit,
            l.unit_price::text as "unitPrice", (l.quantity * l.unit_price)::text as amount
     from sales.order_lines l join sales.products p on p.id = l.product_id
     where l.order_id = $1 order by l.id`,
    [orderId],
  );
  const [sum] = await q<{ total: string }>(
    `select coalesce(sum(quantity * unit_price), 0)::text as total from sales.order_lines where order_id = $1`,
    [orderId],
  );
  const total = Number(sum?.total ?? 0);
  return {
    ...order,
    id: Number(order.id),
    amount: total,
    total,
    lines: lines.map((l) => ({
      ...l,
      productId: Number(l.productId),
      unitPrice: Number(l.unitPrice),
      amount: Number(l.amount),
    })),
  };
}
