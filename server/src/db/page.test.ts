import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, buildService, serviceCustomer, signIn } from '../test/factories.ts';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';

/**
 * Lists answer their page and total in one statement (page.ts): the total of an unfiltered customer or service list
 * comes from row_counts (migration 0007) and must stay exact; the rows come through JSON and must be exactly what
 * the detail answers.
 */
let t: TestApp;
let director: Client;
beforeAll(async () => {
  t = await createTestApp();
  [director] = await signIn(t, 'director');
});
afterAll(() => t.close());

const counted = async (table: 'customers' | 'services') => {
  const [row] = await t.database.query<{ kept: number; actual: number }>(
    `select (select n::int from row_counts where table_name = $1) as kept, (select count(*)::int from ${table}) as actual`,
    [table],
  );
  return row!;
};

describe('row counts', () => {
  it('follow inserts and deletes, and are what the unfiltered lists answer as their total', async () => {
    await serviceCustomer(t);
    const before = await counted('customers');
    expect(before.kept).toBe(before.actual);
    await buildCustomer(t, { name: '上海乙贸易有限公司', bare: true });
    await buildService(t, { status: 'new' });
    await buildService(t, { status: 'assigned' });
    const [manager] = await t.database.query<{ id: number }>(`select id from users where username = 'manager2'`);
    await t.database.query(
      `insert into customers (number, name, manager_id) values ('RC-1', '甲', $1), ('RC-2', '乙', $1)`,
      [manager!.id],
    );
    await t.database.query(`delete from customers where number = 'RC-1'`);
    for (const table of ['customers', 'services'] as const) {
      const now = await counted(table);
      expect(now.kept, table).toBe(now.actual);
    }
    expect((await counted('customers')).actual).toBe(before.actual + 2);

    const customers = await director.get('/customers?page=1&pageSize=5');
    expect(customers.body.total).toBe((await counted('customers')).actual);
    const services = await director.get('/services?page=1&pageSize=5');
    expect(services.body.total).toBe((await counted('services')).actual);
    // a filter counts the matches themselves
    const filtered = await director.get('/customers?page=1&pageSize=5&name=' + encodeURIComponent('乙贸易'));
    expect(filtered.body.total).toBe(1);
  });

  it('answers each list row exactly as its detail page does: dates, amounts and people alike', async () => {
    const customer = await serviceCustomer(t);
    await buildService(t, { status: 'handled' });
    await t.database.query(
      `update customers set registered_capital = 1234567.89, annual_turnover = 0.5 where id = $1`,
      [customer.id],
    );
    const customers = await director.get('/customers?page=1&pageSize=100');
    // the list adds each row's risk badge (docs/churn-risk.md#where-it-shows)
    for (const { risk: _risk, ...row } of customers.body.items)
      expect(row).toEqual((await director.get(`/customers/${row.id}`)).body);
    expect(customers.body.items.find((c: { id: number }) => c.id === customer.id)).toMatchObject({
      registeredCapital: 1234567.89,
      annualTurnover: 0.5,
    });
    const services = await director.get('/services?page=1&pageSize=100');
    expect(services.body.items.length).toBeGreaterThan(0);
    for (const row of services.body.items) {
      // the detail adds its history and what the reader may do with it
      const { history: _history, abilities: _abilities, ...detail } = (await director.get(`/services/${row.id}`)).body;
      expect(row).toEqual(detail);
    }
  });
});
