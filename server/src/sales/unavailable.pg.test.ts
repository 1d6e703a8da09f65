import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer } from '../test/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { dropDatabase, withDatabase } from '../test/template.ts';
import { SALES_DDL } from './ddl.ts';
import { createSalesSystem } from './system.ts';

/**
 * docs/product.md#the-sales-system, rule 5: the sales system can be slow or down, and then the CRM says so clearly.
 * Every way of not getting an answer from it — no right to read, a missing table, a time-out, a refused connection, a
 * bad password, an unknown host — is 503 SALES_UNAVAILABLE with one clear log line, and the churn check works on the
 * last copy.
 */
const adminUrl = process.env.TEST_DATABASE_URL!;
const suffix = randomBytes(4).toString('hex');
const salesDb = `crm_sales_down_${suffix}`;
const emptyDb = `crm_sales_empty_${suffix}`;
const revoked = `crm_sales_revoked_${suffix}`;
let owner: pg.Client;
let locker: pg.Client;
let closedPort: number;

const urlAs = (database: string, user?: string) => {
  const url = new URL(withDatabase(adminUrl, database));
  if (user) {
    url.username = user;
    url.password = 'revoked-pass';
  }
  return url.toString();
};

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${salesDb}`);
  await admin.query(`create database ${emptyDb}`);
  await admin.query(`create role ${revoked} login password 'revoked-pass'`);
  await admin.end();
  owner = new pg.Client({ connectionString: withDatabase(adminUrl, salesDb) });
  await owner.connect();
  await owner.query(SALES_DDL);
  await owner.query(`grant connect on database ${salesDb} to ${revoked}`);
  await owner.query(`grant usage on schema sales to ${revoked}`);
  await owner.query(`grant select on all tables in schema sales to ${revoked}`);
  await owner.query(`revoke select on all tables in schema sales from ${revoked}`);
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  await locker?.end().catch(() => undefined);
  await owner?.end();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await dropDatabase(admin, salesDb);
  await dropDatabase(admin, emptyDb);
  await admin.query(`drop role if exists ${revoked}`);
  await admin.end();
});

const failures: { name: string; url: () => string; log: RegExp; env?: Record<string, string> }[] = [
  { name: 'no right to read (select revoked)', url: () => urlAs(salesDb, revoked), log: /permission denied/ },
  { name: 'a missing table', url: () => urlAs(emptyDb), log: /does not exist/ },
  {
    name: 'a time-out (the orders locked by the sales system)',
    url: () => urlAs(salesDb),
    log: /time-out|timeout|canceling statement/,
    env: { CRM_SALES_TIMEOUT_MS: '300', CRM_SALES_REFRESH_TIMEOUT_MS: '600' },
  },
  {
    name: 'a refused connection',
    url: () => `postgres://crm:crm@127.0.0.1:${closedPort}/sales`,
    log: /refused/,
  },
  {
    name: 'a bad password or an unknown role',
    url: () => `postgres://no_such_role_${suffix}:wrong@127.0.0.1:${new URL(adminUrl).port}/${salesDb}`,
    log: /authentication|password|role/,
  },
  {
    name: 'an unknown host (DNS)',
    url: () => `postgres://crm:crm@sales-${suffix}.invalid:5432/sales`,
    log: /host|DNS/,
  },
];

describe.each(failures)('the sales system failing with $name', ({ url, log, env }) => {
  let t: TestApp;
  let customerId: number;
  beforeAll(async () => {
    t = await createTestApp({ SALES_DATABASE_URL: url(), ...env });
    customerId = (await buildCustomer(t, { manager: 'manager1' })).id;
    // a copy of the figures from before the failure, for the churn check to fall back on
    await t.database.query(`insert into sales_sync (id, as_of) values (1, now() - interval '1 hour')`);
    if (env?.CRM_SALES_TIMEOUT_MS) {
      locker = new pg.Client({ connectionString: urlAs(salesDb) });
      await locker.connect();
      await locker.query('begin');
      await locker.query('lock table sales.orders, sales.products, sales.inventory in access exclusive mode');
    }
  });
  afterAll(async () => {
    if (env?.CRM_SALES_TIMEOUT_MS) await locker.query('rollback');
    await t.close();
  });

  it('answers 503 SALES_UNAVAILABLE on every reading of it, and keeps everything else', async () => {
    const manager = await t.login('manager1');
    const director = await t.login('director');
    for (const [client, method, path] of [
      [manager, 'GET', '/products'],
      [manager, 'GET', '/inventory'],
      [manager, 'GET', `/customers/${customerId}/orders`],
      [director, 'POST', '/sales/refresh'],
    ] as const) {
      const res = await client.request(method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}: ${res.text}`).toBe(503);
      expect(res.body.error.code).toBe('SALES_UNAVAILABLE');
    }
    expect((await manager.get(`/customers/${customerId}`)).status).toBe(200);
    expect((await manager.get('/sales/status')).body.reachable).toBe(false);
  });

  it('lets the churn check run on the last copy of the figures', async () => {
    const director = await t.login('director');
    const scan = await director.post('/churn-warnings/scan');
    expect(scan.status, scan.text).toBe(200);
    const last = await director.get('/churn-warnings/last-scan');
    expect(last.body.finishedAt).toBeTruthy();
  });

  it('writes one clear log line saying what went wrong', async () => {
    const lines: string[] = [];
    const sales = createSalesSystem({ ...t.config }, t.database, {
      warn: (_details: object, message: string) => void lines.push(message),
    });
    try {
      await expect(sales.query('select count(*) from sales.orders')).rejects.toMatchObject({
        code: 'SALES_UNAVAILABLE',
      });
    } finally {
      await sales.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sales system unavailable/);
    expect(lines[0]).toMatch(log);
  });
});
