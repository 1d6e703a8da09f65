/**
 * The sales system's schema exactly as docs/product.md#the-sales-system, rule 1 gives it. The CRM never creates it in
 * production: only the demo company (embedded database, no SALES_DATABASE_URL) and the tests do.
 */
export const SALES_DDL = `
create schema sales;

create table sales.products (
  id         bigint primary key,
  name       text not null,
  model      text not null,
  batch      text not null,
  unit       text not null,
  price      numeric(12,2) not null,
  memo       text
);

create table sales.inventory (
  id          bigint primary key,
  product_id  bigint not null references sales.products(id),
  warehouse   text not null,
  location    text not null,
  quantity    integer not null,
  memo        text
);

create table sales.orders (
  id            bigint primary key,
  customer_no   text not null,
  order_date    date not null,
  ship_address  text not null,
  status        smallint not null
);

create table sales.order_lines (
  id          bigint primary key,
  order_id    bigint not null references sales.orders(id),
  product_id  bigint not null references sales.products(id),
  quantity    integer not null,
  unit        text not null,
  unit_price  numeric(12,2) not null
);

create index on sales.orders (customer_no, order_date desc);
create index on sales.order_lines (order_id);
create index on sales.inventory (product_id);
`;

type Exec = (text: string) => Promise<unknown>;

/** Whether a database already has the `sales` schema. */
export const SALES_SCHEMA_EXISTS = `select exists (select 1 from pg_namespace where nspname = 'sales') as "exists"`;

/** Creates the schema (one multi-statement script: `exec` must accept several statements). */
export async function createSalesSchema(exec: Exec) {
  await exec(SALES_DDL);
}
