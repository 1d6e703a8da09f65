import type { Database } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import type { TestApp } from '../test/harness.ts';
import { SALES_DDL, SALES_SCHEMA_EXISTS } from './ddl.ts';
import { createSalesSystem } from './system.ts';

/** The app's dependencies, for calling services directly; close `sales` when done. */
export const depsOf = (t: TestApp): Deps => ({
  config: t.config,
  database: t.database,
  db: t.database.db,
  sales: createSalesSystem(t.config, t.database),
});

/**
 * For tests: the test databases have no `sales` schema. This creates it (the same DDL as the demo) and offers small
 * writers for products, inventory and orders. Ids are chosen here so that tests can refer to them.
 */
export async function installSalesSchema(database: Pick<Database, 'query' | 'pglite'>) {
  const [row] = await database.query<{ exists: boolean }>(SALES_SCHEMA_EXISTS);
  if (row?.exists) return;
  if (database.pglite) await database.pglite.exec(SALES_DDL);
  else await database.query(SALES_DDL);
}

let nextId = 1_000;
const newId = () => ++nextId;

export type SalesWriter = ReturnType<typeof salesWriter>;

/** `query` runs against the sales database (the CRM's own one, or a separate one). */
export function salesWriter(query: Database['query']) {
  return {
    async product(p: {
      name: string;
      model?: string;
      batch?: string;
      unit?: string;
      price?: number;
      memo?: string | null;
    }) {
      const id = newId();
      await query(
        'insert into sales.products (id, name, model, batch, unit, price, memo) values ($1, $2, $3, $4, $5, $6, $7)',
        [id, p.name, p.model ?? 'M1', p.batch ?? 'B1', p.unit ?? '台', p.price ?? 100, p.memo ?? null],
      );
      return id;
    },
    async inventory(i: {
      productId: number;
      warehouse: string;
      location?: string;
      quantity?: number;
      memo?: string | null;
    }) {
      const id = newId();
      await query(
        'insert into sales.inventory (id, product_id, warehouse, location, quantity, memo) values ($1, $2, $3, $4, $5, $6)',
        [id, i.productId, i.warehouse, i.location ?? 'A-01', i.quantity ?? 10, i.memo ?? null],
      );
      return id;
    },
    /** An order with its lines; `status` 5 or 6 counts. */
    async order(o: {
      customerNo: string;
      date: string;
      status?: number;
      shipAddress?: string;
      lines: { productId: number; quantity: number; unitPrice: number; unit?: string }[];
    }) {
      const id = newId();
      await query(
        'insert into sales.orders (id, customer_no, order_date, ship_address, status) values ($1, $2, $3, $4, $5)',
        [id, o.customerNo, o.date, o.shipAddress ?? '北京市海淀区中关村大街1号', o.status ?? 5],
      );
      for (const l of o.lines) {
        await query(
          'insert into sales.order_lines (id, order_id, product_id, quantity, unit, unit_price) values ($1, $2, $3, $4, $5, $6)',
          [newId(), id, l.productId, l.quantity, l.unit ?? '台', l.unitPrice],
        );
      }
      return id;
    },
    setStatus: (orderId: number, status: number) =>
      query('update sales.orders set status = $2 where id = $1', [orderId, status]),
  };
}
