import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { listening, slowReader } from '../../test/raw-http.ts';
import { timed, until } from '../../test/waiting.ts';

/**
 * A slow download must not take the CRM down: clients that ask for a large export and then never read hold no
 * database connection (before, each held one inside an open transaction, and a handful of them emptied the pool:
 * /readyz 503 and every page 500). The export is written to a temporary file first, then sent; downloads at once
 * are capped per user and per instance; a download nobody reads is cut off by the send time-out.
 */
const N = 40_000; // with long names some 6 MB of CSV each: more than the sockets' buffers hold (about 4 MB here)
const CSV = '/api/v1/reports/contribution?format=csv';

const apps: TestApp[] = [];
const sockets: { socket: { destroy(): void } }[] = [];

async function appWithBigExport(env: Record<string, string>) {
  const t = await createTestApp(env);
  apps.push(t);
  const [manager] = await t.database.query<{ id: number }>("select id from users where username = 'manager1'");
  await t.database.query(
    `insert into customers (number, name, manager_id)
     select 'SLOW' || lpad(g::text, 6, '0'), repeat('慢速导出的客户', 7) || g, $1 from generate_series(1, ${N}) g`,
    [manager!.id],
  );
  await t.database.query(
    `insert into customer_sales_years (customer_no, year, amount, order_count, last_order_date)
     select 'SLOW' || lpad(g::text, 6, '0'), 2026, g * 1.5, 1, '2026-03-01' from generate_series(1, ${N}) g`,
  );
  await t.database.query('analyze customers, customer_sales_years');
  return { t, port: await listening(t.app) };
}

/** Report readers besides the demo's executive and director. */
async function readers(t: TestApp, n: number): Promise<Client[]> {
  const admin = await t.login('admin');
  const clients = [];
  for (let i = 0; i < n; i++) {
    const username = `reader${i}`;
    await admin.post('/users', { username, displayName: username, password: 'long-enough', roles: ['executive'] });
    clients.push(await t.login(username, 'long-enough'));
  }
  return clients;
}

async function stalled(port: number, client: Client) {
  const reader = await slowReader(port, CSV, client.cookie);
  sockets.push(reader);
  await Promise.race([reader.firstBytes, reader.closed]);
  return reader;
}

afterAll(async () => {
  for (const s of sockets) s.socket.destroy();
  for (const t of apps) await t.close();
});

const openConnections = (t: TestApp) =>
  new Promise<number>((resolve, reject) =>
    t.app.server.getConnections((error, n) => (error ? reject(error) : resolve(n))),
  );

describe('slow readers of exports', () => {
  it('hold no database connection, and the rest of the API answers as usual meanwhile', async () => {
    const { t, port } = await appWithBigExport({ CRM_EXPORT_MAX_CONCURRENT: '20', CRM_EXPORT_MAX_PER_USER: '20' });
    const executive = await t.login('executive');
    // more of them than the 5 connections of the test app's pool
    const stuck = [];
    for (let i = 0; i < 8; i++) stuck.push(await stalled(port, executive));

    const director = await t.login('director');
    const probes = [];
    for (let i = 0; i < 5; i++) {
      probes.push(await timed(() => executive.get('/auth/me')));
      probes.push(await timed(() => director.get('/customers?pageSize=20')));
      probes.push(await timed(() => t.anonymous().get('/readyz')));
    }
    for (const { res, ms } of probes) {
      expect(res.status, res.text).toBe(200);
      expect(ms).toBeLessThan(1_000);
    }
    const [held] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and state like 'idle in transaction%'`,
    );
    expect(held!.n).toBe(0);
    for (const r of stuck) expect(r.received()).toMatch(/^HTTP\/1\.1 200/);
  }, 90_000);

  it('are capped per user and per instance (429), and cut off when they stop reading, which frees their place', async () => {
    const { t, port } = await appWithBigExport({
      CRM_EXPORT_MAX_CONCURRENT: '4',
      CRM_EXPORT_MAX_PER_USER: '2',
      CRM_SEND_TIMEOUT_MS: '5000',
    });
    const [a, b, c] = await readers(t, 3);
    const mine = [await stalled(port, a!), await stalled(port, a!)];
    const third = await a!.get(CSV);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    expect(third.headers['retry-after']).toBeTruthy();
    await stalled(port, b!);
    await stalled(port, b!);
    expect((await c!.get(CSV)).status).toBe(429); // four at once on this instance

    // nobody reads: the send time-out closes the connections (the server's side: the paused clients do not look),
    // and their places come back
    expect(mine).toHaveLength(2);
    const started = performance.now();
    // (5 s after the last byte moved; the sockets' buffers take a while to fill on a busy machine)
    await until('no open connections', async () => (await openConnections(t)) === 0, 25_000, 50);
    expect(performance.now() - started).toBeLessThan(20_000);
    const again = await a!.get(CSV);
    expect(again.status).toBe(200);
    expect(again.text.split('\r\n').length).toBe(N + 2); // the header, every row, and the last line's end
  }, 90_000);
});
