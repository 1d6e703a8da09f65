import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildPortalUser,
  buildService,
  dictionaryId,
  installSalesSchema,
  invitePortalContact,
  salesWriter,
} from './test/factories.ts';
import { fingerprint } from './test/fingerprint.ts';
import { createTestApp, type Client, type TestApp } from './test/harness.ts';

/**
 * The customer portal's routes (docs/portal.md) × its callers, beside access-matrix.test.ts and in its manner: two
 * portal users of two customers (A owns the records), a staff session and a staff API token — none of which opens a
 * portal route —, and nobody. Every refusal must leave the database unchanged; a new portal route without a row fails.
 */
const WHO = ['anonymous', 'portalA', 'portalB', 'staff', 'staffToken'] as const;
type Who = (typeof WHO)[number];
type Target = { url: string; body?: unknown };
type Row = {
  route: string;
  target: () => Promise<Target>;
  expect: [number, number, number, number, number];
  /** The caller signs in afresh for this row (sign-in, sign-out), and everyone again after it. */
  fresh?: boolean;
};

let t: TestApp;
const as: Record<Exclude<Who, 'anonymous'>, Client> = {} as never;
let customerA: { id: number; number: string };
let customerB: { id: number; number: string };
let userA: { username: string; password: string };
let consult: number;
let n = 0;

const P = '/api/portal/v1';
const at = (url: string, body?: unknown) => async (): Promise<Target> => ({ url: `${P}${url}`, body });
/** A route every portal user may call (about their own company), nobody else. */
const PORTAL = (ok: number): Row['expect'] => [401, ok, ok, 401, 401];
/** A route about one of A's records: B does not see it. */
const OWN = (ok: number): Row['expect'] => [401, ok, 404, 401, 401];

const handledServiceOfA = async () => {
  const s = await buildService(t, { customerId: customerA.id, status: 'handled' });
  return s.id as number;
};

const ROWS: Row[] = [
  {
    route: 'POST /api/portal/v1/auth/accept',
    target: async () => {
      const { token } = await invitePortalContact(t, { customerId: customerA.id });
      return { url: `${P}/auth/accept`, body: { token, username: `matrix${++n}`, password: 'portal-pass-1' } };
    },
    expect: [201, 201, 201, 201, 201],
    fresh: true,
  },
  {
    route: 'POST /api/portal/v1/auth/login',
    target: async () => ({ url: `${P}/auth/login`, body: { username: userA.username, password: userA.password } }),
    expect: [200, 200, 200, 200, 200],
    fresh: true,
  },
  { route: 'POST /api/portal/v1/auth/logout', target: at('/auth/logout'), expect: PORTAL(204), fresh: true },
  { route: 'GET /api/portal/v1/me', target: at('/me'), expect: PORTAL(200) },
  { route: 'GET /api/portal/v1/service-types', target: at('/service-types'), expect: PORTAL(200) },
  { route: 'GET /api/portal/v1/services', target: at('/services'), expect: PORTAL(200) },
  {
    route: 'POST /api/portal/v1/services',
    target: async () => ({ url: `${P}/services`, body: { typeId: consult, summary: '矩阵请求', request: '矩阵请求' } }),
    expect: PORTAL(201),
  },
  {
    route: 'GET /api/portal/v1/services/{id}',
    target: async () => ({ url: `${P}/services/${await handledServiceOfA()}` }),
    expect: OWN(200),
  },
  {
    route: 'POST /api/portal/v1/services/{id}/feedback',
    target: async () => ({ url: `${P}/services/${await handledServiceOfA()}/feedback`, body: { satisfaction: 4 } }),
    expect: OWN(200),
  },
  { route: 'GET /api/portal/v1/orders', target: at('/orders'), expect: PORTAL(200) },
  {
    route: 'GET /api/portal/v1/orders/{id}',
    target: async () => {
      const sales = salesWriter(t.database.query);
      const productId = await sales.product({ name: `矩阵产品${++n}` });
      const id = await sales.order({
        customerNo: customerA.number,
        date: '2026-03-01',
        lines: [{ productId, quantity: 1, unitPrice: 10 }],
      });
      return { url: `${P}/orders/${id}` };
    },
    expect: OWN(200),
  },
];

async function signInAll() {
  as.portalA = t.anonymous();
  await as.portalA.post(`${P}/auth/login`, { username: userA.username, password: userA.password });
  as.portalB = (await buildPortalUser(t, { customerId: customerB.id })).client;
  as.staff = await t.login('manager1');
  as.staffToken = await t.tokenClient('manager1');
}

beforeAll(async () => {
  t = await createTestApp();
  await installSalesSchema(t.database);
  consult = await dictionaryId(t, 'serviceType', '咨询');
  customerA = await buildCustomer(t, { manager: 'manager1', name: '矩阵甲公司' });
  customerB = await buildCustomer(t, { manager: 'manager2', name: '矩阵乙公司' });
  userA = await buildPortalUser(t, { customerId: customerA.id });
  await signInAll();
}, 120_000);
afterAll(() => t.close());

describe('portal access matrix', () => {
  it('answers every portal route for every caller as the table says, and refusals change nothing', async () => {
    const wrong: string[] = [];
    for (const row of ROWS) {
      const [method] = row.route.split(' ') as ['GET' | 'POST'];
      for (const [i, who] of WHO.entries()) {
        const { url, body } = await row.target();
        const client = who === 'anonymous' ? t.anonymous() : as[who];
        const before = await fingerprint(t.database);
        const res = await client.request(method, url, method === 'GET' ? undefined : (body ?? {}));
        const expected = row.expect[i]!;
        if (res.status !== expected)
          wrong.push(`${row.route} as ${who}: ${res.status} (expected ${expected}) ${res.text.slice(0, 120)}`);
        if (res.status >= 400 && (await fingerprint(t.database)) !== before)
          wrong.push(`${row.route} as ${who}: refused with ${res.status} but changed data`);
        if (row.fresh) await signInAll();
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('has a row for every registered portal route', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const registered = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/portal/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(ROWS.map((r) => r.route).sort()).toEqual(registered);
  });

  it('refuses a portal session on every staff route', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const wrong: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        if (Array.isArray(op.security) && op.security.length === 0) continue; // public: sign-in and the like
        const url = path.replace(/\{[^}]+\}/g, '1');
        const before = await fingerprint(t.database);
        const res = await as.portalA.request(method.toUpperCase() as 'GET', url, method === 'get' ? undefined : {});
        if (res.status !== 401) wrong.push(`${method.toUpperCase()} ${path}: ${res.status}`);
        if ((await fingerprint(t.database)) !== before) wrong.push(`${method.toUpperCase()} ${path}: changed data`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
