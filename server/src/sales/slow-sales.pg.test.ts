import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, installSalesSchema, salesWriter, signIn } from '../test/factories.ts';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';
import { timed, until } from '../test/waiting.ts';

/**
 * A slow sales system must not drain the CRM's own pool: with the sales system's orders locked (a long job of
 * its own), a dozen refreshes and churn checks wait on the sales system or on each other without holding a CRM
 * connection, and sign-in, pages and /readyz answer as usual meanwhile.
 */
let t: TestApp;
let locker: pg.Client;
let director: Client;
let admin: Client;

beforeAll(async () => {
  // the refresh waits up to 4 s for the locked table: long enough to look at the rest of the CRM meanwhile
  t = await createTestApp({ CRM_SALES_REFRESH_TIMEOUT_MS: '4000' });
  await installSalesSchema(t.database);
  const customer = await buildCustomer(t, { manager: 'manager1' });
  const w = salesWriter(t.database.query);
  const product = await w.product({ name: '海龙笔记本电脑' });
  await w.order({
    customerNo: customer.number,
    date: '2024-03-03',
    lines: [{ productId: product, quantity: 1, unitPrice: 9 }],
  });
  [director, admin] = await signIn(t, 'director', 'admin');
  expect((await director.post('/sales/refresh')).status).toBe(200);
});
afterAll(async () => {
  await locker?.end().catch(() => undefined);
  await t.close();
});

/**
 * Resolves once a connection of the sales pool waits on the lock (a refresh is stuck in the sales system): within
 * 3 s, below the refreshes' own 4 s limit.
 */
const untilSalesWaits = () =>
  until(
    'a refresh to reach the sales system',
    async () =>
      (
        await locker.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where application_name = 'crm-sales' and wait_event_type = 'Lock'`,
        )
      ).rows[0]!.n > 0,
    3_000,
    10,
  );

async function lockOrders() {
  locker = new pg.Client({ connectionString: t.database.pool!.options.connectionString });
  await locker.connect();
  await locker.query('begin');
  await locker.query('lock table sales.orders in access exclusive mode');
}

describe('a slow sales system', () => {
  it('leaves the CRM answering while 12 refreshes and churn checks wait for its locked orders', async () => {
    await lockOrders();
    const waiting = [
      ...Array.from({ length: 10 }, () => director.post('/sales/refresh')),
      director.post('/churn-warnings/scan'),
      admin.post('/churn-warnings/scan'),
    ];
    await untilSalesWaits();
    // the CRM pool of the test app has 5 connections: before, the waits held all of them
    const probes = [];
    for (let i = 0; i < 6; i++) {
      probes.push(await timed(() => t.anonymous().post('/auth/login', { username: 'manager1', password: 'demo1234' })));
      probes.push(await timed(() => director.get('/customers?pageSize=5')));
      probes.push(await timed(() => t.anonymous().get('/readyz')));
    }
    await locker.query('rollback');
    const answers = await Promise.all(waiting);
    for (const { res, ms } of probes) {
      expect(res.status, res.text).toBe(200);
      expect(ms).toBeLessThan(1_500);
    }
    // each refresh either got through once the lock went or says the sales system did not answer in time
    for (const res of answers) expect([200, 503], res.text).toContain(res.status);
  });

  it('holds no CRM connection while it waits for the sales system', async () => {
    await locker.end();
    await lockOrders();
    const refreshes = Array.from({ length: 4 }, () => director.post('/sales/refresh'));
    await untilSalesWaits();
    const held = async () =>
      (
        await locker.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and application_name = 'crm' and (state like 'idle in transaction%' or wait_event_type = 'Lock')`,
        )
      ).rows[0]!.n;
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      seen.push(await held());
      expect((await t.anonymous().get('/readyz')).status).toBe(200);
    }
    await locker.query('rollback');
    await Promise.all(refreshes);
    expect(Math.max(...seen)).toBe(0);
  });
});
