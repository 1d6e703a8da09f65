import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesSystem, type SalesQuery } from '../../sales/system.ts';
import { buildCustomer, installSalesSchema, salesWriter, signIn } from '../../test/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { listCountedOrders } from './orders-repo.ts';

let t: TestApp;
let m2: Client, executive: Client;
let customer: { id: number; number: string }, other: { id: number; number: string };
const orderIds: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  [m2, executive] = await signIn(t, 'manager2', 'executive');
  customer = await buildCustomer(t, { manager: 'manager1' });
  other = await buildCustomer(t, { manager: 'manager1' });
});
afterAll(() => t.close());

describe('order history before the sales system is there', () => {
  it('answers 503 SALES_UNAVAILABLE quickly, and the customer itself still answers', async () => {
    const started = Date.now();
    const res = await m2.get(`/customers/${customer.id}/orders`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('SALES_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await m2.get(`/customers/${customer.id}`)).status).toBe(200);
  });
});

describe('order history (docs/product.md#order-history)', () => {
  beforeAll(async () => {
    await installSalesSchema(t.database);
    const w = salesWriter(t.database.query);
    const tv = await w.product({ name: '幸福牌电视机', model: 'FS-3200', batch: '2689', unit: '台', price: 2999 });
    const pc = await w.product({ name: '海龙笔记本电脑', model: 'i61', batch: '6688', unit: '台', price: 6500 });
    orderIds.old = await w.order({
      customerNo: customer.number,
      date: '2025-01-10',
      status: 6,
      lines: [{ productId: tv, quantity: 2, unitPrice: 2999 }],
    });
    orderIds.newest = await w.order({
      customerNo: customer.number,
      date: '2026-02-01',
      status: 5,
      shipAddress: '北京市西城区金融街7号',
      lines: [
        { productId: pc, quantity: 3, unitPrice: 6400.5 },
        { productId: tv, quantity: 1, unitPrice: 2999 },
      ],
    });
    orderIds.middle = await w.order({
      customerNo: customer.number,
      date: '2025-06-30',
      status: 6,
      lines: [{ productId: pc, quantity: 1, unitPrice: 6500 }],
    });
    for (const status of [1, 2, 3, 4])
      orderIds[`s${status}`] = await w.order({
        customerNo: customer.number,
        date: '2026-03-01',
        status,
        lines: [{ productId: tv, quantity: 1, unitPrice: 1 }],
      });
    orderIds.others = await w.order({
      customerNo: other.number,
      date: '2026-01-01',
      status: 6,
      lines: [{ productId: tv, quantity: 1, unitPrice: 2999 }],
    });
  });

  it('lists only shipped and paid orders, newest first, paginated', async () => {
    const res = await m2.get(`/customers/${customer.id}/orders`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((o: { id: number }) => o.id)).toEqual([orderIds.newest, orderIds.middle, orderIds.old]);
    expect(res.body.items[0]).toEqual({
      id: orderIds.newest,
      orderDate: '2026-02-01',
      shipAddress: '北京市西城区金融街7号',
      status: 5,
      amount: 22200.5,
    });
    const page2 = await m2.get(`/customers/${customer.id}/orders?page=2&pageSize=2`);
    expect(page2.body).toMatchObject({
      total: 3,
      page: 2,
      pageSize: 2,
      items: [expect.objectContaining({ id: orderIds.old })],
    });
  });

  it('gives each listed order its amount, the sum of its lines, in one statement whatever the page size', async () => {
    const res = await m2.get(`/customers/${customer.id}/orders`);
    expect(res.body.items.map((o: { amount: number }) => o.amount)).toEqual([22200.5, 6500, 5998]);
    const statements: string[] = [];
    const counting: SalesQuery = (text, params) => (statements.push(text), t.database.query(text, params));
    const page = await listCountedOrders(counting, [customer.number], 100, 0);
    expect(page.items).toHaveLength(3);
    expect(statements).toHaveLength(2); // the page with amounts, and its total
  });

  it('shows an order with its lines and total', async () => {
    const res = await m2.get(`/customers/${customer.id}/orders/${orderIds.newest}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: orderIds.newest,
      orderDate: '2026-02-01',
      shipAddress: '北京市西城区金融街7号',
      status: 5,
      amount: 22200.5,
      total: 22200.5,
      lines: [
        {
          productId: expect.any(Number),
          productName: '海龙笔记本电脑',
          model: 'i61',
          batch: '6688',
          quantity: 3,
          unit: '台',
          unitPrice: 6400.5,
          amount: 19201.5,
        },
        {
          productId: expect.any(Number),
          productName: '幸福牌电视机',
          model: 'FS-3200',
          batch: '2689',
          quantity: 1,
          unit: '台',
          unitPrice: 2999,
          amount: 2999,
        },
      ],
    });
  });

  it('answers 404 for another customer’s order, an order that does not count, and an unknown customer', async () => {
    expect((await m2.get(`/customers/${customer.id}/orders/${orderIds.others}`)).status).toBe(404);
    expect((await m2.get(`/customers/${customer.id}/orders/${orderIds.s4}`)).status).toBe(404);
    expect((await m2.get(`/customers/${customer.id}/orders/99999999`)).status).toBe(404);
    expect((await m2.get('/customers/999999/orders')).status).toBe(404);
    expect((await m2.get(`/customers/${other.id}/orders/${orderIds.others}`)).status).toBe(200);
  });

  it('needs a session and order.read', async () => {
    expect((await t.anonymous().get(`/customers/${customer.id}/orders`)).status).toBe(401);
    expect((await executive.get(`/customers/${customer.id}/orders`)).status).toBe(403);
    expect((await m2.get(`/customers/${customer.id}/orders?pageSize=0`)).status).toBe(400);
  });

  it('never writes to the sales system: its transactions are read-only', async () => {
    const told: object[] = [];
    const sales = createSalesSystem(t.config, t.database, { warn: (details) => void told.push(details) });
    const refused = await sales.query('delete from sales.order_lines').then(
      () => 'written',
      (e: { code?: string }) => e.code,
    );
    await sales.close();
    expect(refused).toBe('SALES_UNAVAILABLE');
    expect(told).toEqual([{ salesFailure: expect.objectContaining({ code: '25006' }) }]); // read_only_sql_transaction
    expect(
      (await t.database.query<{ n: number }>('select count(*)::int as n from sales.order_lines'))[0]!.n,
    ).toBeGreaterThan(0);
  });
});
