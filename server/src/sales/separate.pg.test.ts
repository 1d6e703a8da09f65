import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, salesWriter } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { dropDatabase, withDatabase } from '../test/template.ts';
import { SALES_DDL } from './ddl.ts';

/**
 * docs/product.md#the-sales-system, rule 4: production gives the CRM a read-only role in the sales system's own
 * database. This builds one on the PostgreSQL under test (its own database, a role with only CONNECT, USAGE and
 * SELECT), reaches it through a TCP relay that the test can take away and bring back, and runs the CRM against it.
 */
const adminUrl = process.env.TEST_DATABASE_URL!;
const suffix = randomBytes(4).toString('hex');
const dbName = `crm_sales_${suffix}`;
const role = `crm_sales_reader_${suffix}`;
const password = randomBytes(12).toString('hex');

let t: TestApp;
let owner: pg.Client;
let relay: { server: net.Server; sockets: Set<net.Socket>; port: number };
let customerNo: string, customerId: number;
let ownRole = false;
let reader: { user: string; password: string };

/** The sales system's own writes (test data): as the owner, with write privileges only for that statement. */
const ownerWriter = () =>
  salesWriter(async (text, params) => {
    if (ownRole) return (await owner.query(text, params)).rows as never;
    await owner.query('begin');
    await owner.query('grant insert, update on all tables in schema sales to current_user');
    const result = await owner.query(text, params);
    await owner.query('revoke insert, update on all tables in schema sales from current_user');
    await owner.query('commit');
    return result.rows as never;
  });

async function openRelay(target: URL, port = 0) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(inbound).add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    const drop = () => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    inbound.on('error', drop).on('close', drop);
    outbound.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, sockets, port: (server.address() as net.AddressInfo).port };
}

async function closeRelay() {
  for (const s of relay.sockets) s.destroy();
  await new Promise((resolve) => relay.server.close(resolve));
}

describe('a separate sales database through a read-only role', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    // A role of its own when the test server lets us create one (CI); otherwise the owner itself loses every
    // privilege but SELECT on the sales tables, which the server enforces just the same.
    ownRole = await admin.query(`create role ${role} login password '${password}'`).then(
      () => true,
      (e: { code?: string }) => {
        if (e.code !== '42501') throw e;
        return false;
      },
    );
    await admin.end();
    owner = new pg.Client({ connectionString: withDatabase(adminUrl, dbName) });
    await owner.connect();
    await owner.query(SALES_DDL);
    if (ownRole) {
      await owner.query(`grant connect on database ${dbName} to ${role}`);
      await owner.query(`grant usage on schema sales to ${role}`);
      await owner.query(`grant select on all tables in schema sales to ${role}`);
    } else {
      await owner.query('revoke all on all tables in schema sales from current_user');
      await owner.query('grant select on all tables in schema sales to current_user');
    }
    reader = ownRole
      ? { user: role, password }
      : { user: new URL(adminUrl).username, password: decodeURIComponent(new URL(adminUrl).password) };

    const target = new URL(adminUrl);
    relay = await openRelay(target);
    const salesUrl = new URL(withDatabase(adminUrl, dbName));
    salesUrl.username = reader.user;
    salesUrl.password = reader.password;
    salesUrl.hostname = '127.0.0.1';
    salesUrl.port = String(relay.port);
    t = await createTestApp({ SALES_DATABASE_URL: salesUrl.toString() });

    const customer = await buildCustomer(t, { manager: 'manager1' });
    customerNo = customer.number;
    customerId = customer.id;
    const w = ownerWriter();
    const tv = await w.product({ name: '幸福牌电视机', model: 'FS-3200', price: 2999 });
    await w.inventory({ productId: tv, warehouse: '北京-西直门库', location: 'EC-D2', quantity: 7 });
    await w.order({
      customerNo,
      date: '2025-05-05',
      status: 6,
      lines: [{ productId: tv, quantity: 2, unitPrice: 2999 }],
    });
  });

  afterAll(async () => {
    await t?.close();
    await closeRelay().catch(() => undefined);
    await owner?.end();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await dropDatabase(admin, dbName);
    if (ownRole) await admin.query(`drop role if exists ${role}`);
    await admin.end();
  });

  it('reads products, inventory and orders there', async () => {
    const m1 = await t.login('manager1');
    expect((await m1.get('/products')).body.items.map((p: { name: string }) => p.name)).toEqual(['幸福牌电视机']);
    expect((await m1.get('/inventory')).body.items[0]).toMatchObject({ warehouse: '北京-西直门库', quantity: 7 });
    const orders = await m1.get(`/customers/${customerId}/orders`);
    expect(orders.body.total).toBe(1);
    const detail = await m1.get(`/customers/${customerId}/orders/${orders.body.items[0].id}`);
    expect(detail.body.total).toBe(5998);
  });

  it('is refused any write by the role itself, not only by the read-only transaction', async () => {
    const asReader = new pg.Client({ host: '127.0.0.1', port: relay.port, database: dbName, ...reader });
    await asReader.connect();
    try {
      const refused = await asReader.query(`update sales.products set price = 1`).then(
        () => 'written',
        (e: { code?: string }) => e.code,
      );
      expect(refused).toBe('42501'); // insufficient_privilege
      expect((await owner.query('select price from sales.products')).rows[0].price).toBe('2999.00');
    } finally {
      await asReader.end();
    }
  });

  it('copies the figures into the CRM database, and again after new orders arrive', async () => {
    const director = await t.login('director');
    expect((await director.post('/sales/refresh')).status).toBe(200);
    const read = () =>
      t.database.query<{ year: number; amount: string; order_count: number }>(
        'select year, amount::text as amount, order_count from customer_sales_years where customer_no = $1 order by year',
        [customerNo],
      );
    expect(await read()).toEqual([{ year: 2025, amount: '5998.00', order_count: 1 }]);
    const w = ownerWriter();
    const [product] = (await owner.query('select id from sales.products')).rows;
    await w.order({
      customerNo,
      date: '2025-09-09',
      status: 5,
      lines: [{ productId: Number(product.id), quantity: 1, unitPrice: 2 }],
    });
    t.clock.advance(1000);
    expect((await director.post('/sales/refresh')).status).toBe(200);
    expect(await read()).toEqual([{ year: 2025, amount: '6000.00', order_count: 2 }]);
  });

  it('answers 503 quickly while the sales system is away, keeps everything else, and recovers when it is back', async () => {
    const m1 = await t.login('manager1');
    await closeRelay();
    for (const path of ['/products', '/inventory', `/customers/${customerId}/orders`]) {
      const started = Date.now();
      const res = await m1.get(path);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('SALES_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    expect((await m1.get(`/customers/${customerId}`)).status).toBe(200);
    expect((await m1.get('/sales/status')).body.reachable).toBe(false);
    relay = await openRelay(new URL(adminUrl), relay.port);
    expect((await m1.get('/products')).status).toBe(200);
    expect((await m1.get('/sales/status')).body.reachable).toBe(true);
  });
});
