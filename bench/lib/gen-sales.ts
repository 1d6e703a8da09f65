import { SALES_DDL } from '../../server/src/sales/ddl.ts';
import type { GenContext } from './gen-customers.ts';
import * as N from './names.ts';
import { Params, type Query } from './sql-params.ts';

/**
 * The sales schema exactly as docs/product.md#the-sales-system, rule 1 gives it: the app's own DDL text (one
 * multi-statement script).
 */
export async function createSalesSchema(exec: (sql: string) => Promise<unknown>) {
  await exec(SALES_DDL);
}

/** ~200 products (name + model + batch), each stocked in one to three warehouses. */
export async function insertProducts(q: Query, g: GenContext) {
  const p = new Params();
  await q(
    `insert into sales.products (id, name, model, batch, unit, price, memo)
     select g, ${p.pick(N.BRANDS)} || ${p.pick(N.PRODUCT_NAMES)},
            chr(65 + floor(random() * 26)::int) || chr(65 + floor(random() * 26)::int) || (10 + floor(random() * 990)::int),
            (1000 + floor(random() * 9000)::int) || ' ' || (1000 + floor(random() * 9000)::int),
            ${p.pick(N.PRODUCT_UNITS)}, round((20 + random() * random() * 30000)::numeric, 2),
            case when random() < 0.8 then null else '新品' end
     from generate_series(1, ${p.add(g.scale.products)}::int) g`,
    p.values,
  );
  const w = new Params();
  await q(
    `insert into sales.inventory (id, product_id, warehouse, location, quantity, memo)
     select row_number() over (order by pr.id, k), pr.id, (${w.add(N.WAREHOUSES)}::text[])[1 + (pr.id + k) % ${N.WAREHOUSES.length}],
            chr(65 + floor(random() * 6)::int) || chr(65 + floor(random() * 6)::int) || '-' || chr(65 + floor(random() * 8)::int) || (1 + floor(random() * 9)::int),
            floor(random() * 500)::int, null
     from sales.products pr cross join lateral generate_series(1, 1 + (pr.id % 3)::int) k`,
    w.values,
  );
}

/**
 * Orders per the plan: each customer's last order on its `last_day`, the others spread over its window; ids grow
 * with the order date (as a sales system assigns them), shipped to the customer's address. Older than two weeks:
 * shipped (5) or paid (6); newer ones may still be anywhere from created (1) on. Then 1–5 lines each (id % 5 + 1,
 * so exactly 3 per order on average), priced at the product's list price less up to 15 %.
 */
export async function insertOrders(q: Query, g: GenContext) {
  await q(
    `insert into sales.orders (id, customer_no, order_date, ship_address, status)
     select row_number() over (order by d, id, k), number, d, address,
            case when d < $1::date - 14 then case when random() < 0.85 then 6 else 5 end else 1 + floor(random() * 6)::int end
     from (
       select p.id, p.number, p.address, k,
              case when k = 1 then p.last_day else p.first_day + floor(random() * (p.last_day - p.first_day + 1))::int end as d
       from bench_plan p cross join lateral generate_series(1, p.n_orders) k
       where p.n_orders > 0
     ) x`,
    [g.today],
  );
}

export async function insertOrderLines(q: Query, g: GenContext) {
  await q(
    `insert into sales.order_lines (id, order_id, product_id, quantity, unit, unit_price)
     select x.id, x.order_id, pr.id, x.quantity, pr.unit, round(pr.price * x.discount, 2)
     from (
       select (o.id - 1) * 5 + k as id, o.id as order_id, 1 + floor(random() * $1)::int as product_id,
              1 + floor(random() * random() * 40)::int as quantity, (0.85 + random() * 0.15)::numeric as discount
       from sales.orders o cross join lateral generate_series(1, 1 + (o.id % 5)::int) k
     ) x join sales.products pr on pr.id = x.product_id`,
    [g.scale.products],
  );
}
