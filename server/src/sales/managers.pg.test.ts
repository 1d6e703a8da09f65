import { describe, expect, it } from 'vitest';
import type { PoolClient } from 'pg';
import { buildCustomer, managerSalesDrift, overlapping, testApp, userIds } from '../test/factories.ts';

/**
 * The kept order amounts per manager and year (migration 0036) on PostgreSQL, with two connections at once: a
 * customer's figures written while it changes manager, or while a customer of their number is created, in
 * transactions that overlap. Whichever writes first, the other waits for its transaction and then reads what it
 * committed, so the amounts equal a sum over the figures afterwards.
 */
const { t } = await testApp();

const figures = (number: string, amount: number) => (c: PoolClient) =>
  c.query(
    `insert into customer_sales_years (customer_no, year, amount, order_count, last_order_date)
     values ($1, 2026, $2, 1, '2026-03-01')
     on conflict (customer_no, year) do update set amount = excluded.amount`,
    [number, amount],
  );

const kept = async (managerId: number) => {
  const [row] = await t.database.query<{ amount: string }>(
    'select amount::text as amount from manager_sales_years where manager_id = $1 and year = 2026',
    [managerId],
  );
  return row?.amount;
};

describe('the kept order amounts under concurrent writes', () => {
  it('figures written while their customer changes manager, in either order', async () => {
    const ids = await userIds(t, 'manager1', 'manager2');
    const customer = await buildCustomer(t, { manager: ids.manager1, bare: true });
    const transfer = (to: number) => (c: PoolClient) =>
      c.query('update customers set manager_id = $1 where id = $2', [to, customer.id]);

    expect(await overlapping(t, figures(customer.number, 100), transfer(ids.manager2))).toBe(true);
    expect(await managerSalesDrift(t)).toEqual([]);
    expect(await overlapping(t, transfer(ids.manager1), figures(customer.number, 250))).toBe(true);
    expect(await managerSalesDrift(t)).toEqual([]);
    expect(await kept(ids.manager1)).toBe('250.00');
    expect(await kept(ids.manager2)).toBe('0.00');
  });

  it('a refresh scoring risks after its figures while a transfer of the same customer waits: no deadlock', async () => {
    // the refresh's transaction writes figures, then the risks (docs/churn-risk.md#the-figures, rule 3); a transfer
    // moves the customer's risk with its manager (migration 0025) — it must wait before touching that row
    const ids = await userIds(t, 'manager1', 'manager2');
    const customer = await buildCustomer(t, { manager: ids.manager1, bare: true });
    await t.database.query(
      `insert into customer_risk (customer_id, score, level, reasons, manager_id) values ($1, 10, 'low', '[]', $2)`,
      [customer.id, ids.manager1],
    );
    const transfer = (c: PoolClient) =>
      c.query('update customers set manager_id = $1 where id = $2', [ids.manager2, customer.id]);
    const score = (c: PoolClient) =>
      c.query(`update customer_risk set score = 80, level = 'high' where customer_id = $1`, [customer.id]);

    expect(await overlapping(t, figures(customer.number, 70), transfer, score)).toBe(true);
    expect(await managerSalesDrift(t)).toEqual([]);
    expect(await kept(ids.manager2)).toBe('70.00');
    const [risk] = await t.database.query<{ score: number; manager: number }>(
      'select score, manager_id as manager from customer_risk where customer_id = $1',
      [customer.id],
    );
    expect(risk).toEqual({ score: 80, manager: ids.manager2 });
  });

  it('figures written while a customer of their number is created, in either order', async () => {
    const ids = await userIds(t, 'manager2');
    const create = (number: string) => (c: PoolClient) =>
      c.query(`insert into customers (number, name, manager_id) values ($1, $2, $3)`, [
        number,
        `并发${number}`,
        ids.manager2,
      ]);

    const before = Number(await kept(ids.manager2));
    expect(await overlapping(t, figures('KH-RACE-1', 40), create('KH-RACE-1'))).toBe(true);
    expect(await managerSalesDrift(t)).toEqual([]);
    expect(await overlapping(t, create('KH-RACE-2'), figures('KH-RACE-2', 60))).toBe(true);
    expect(await managerSalesDrift(t)).toEqual([]);
    expect(Number(await kept(ids.manager2)) - before).toBe(100);
  });
});
