import { PERMISSIONS } from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUserWithRoles } from '../db/seed/users.ts';
import {
  buildCustomer,
  buildOpportunity,
  buildPoolCustomer,
  buildPortalUser,
  buildService,
  insertChurnWarning,
  invitePortalContact,
  installSalesSchema,
  ok,
} from '../test/factories.ts';
import { fingerprint as fingerprintOf } from '../test/fingerprint.ts';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';
import { multipart } from '../test/multipart.ts';
import { claimLease } from './lease.ts';

/**
 * ASVS 1.2.4 / 2.2.1: every route of the OpenAPI document gets wrong types, huge strings, NUL bytes, invalid UTF-8,
 * prototype keys, SQL metacharacters and absurd paging — never a 5xx, never a stack trace, and a refusal changes
 * nothing. The caller holds every permission, so that the input reaches validation and the services; the write
 * payloads go to records that exist (made fresh for each route, owned by the caller), so that they reach the record
 * rules too instead of stopping at 404.
 */
let t: TestApp;
let root: Client;
/** A customer-portal user (docs/portal.md) of root's customer `portalCustomer`: the portal routes are probed as them. */
let portal: Client;
let portalCustomer: number;
type Operation = {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
};
let operations: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await installSalesSchema(t.database);
  await t.database.query(`insert into roles (code, name) values ('everything', 'Everything')`);
  await t.database.query(
    `insert into role_permissions (role_id, permission) select r.id, p from roles r, unnest($1::text[]) p where r.code = 'everything'`,
    [PERMISSIONS],
  );
  await t.database.db.transaction((tx) =>
    insertUserWithRoles(tx, {
      username: 'root',
      displayName: 'Root',
      password: 'root-password',
      roles: ['everything', 'manager'],
    }),
  );
  root = await t.login('root', 'root-password');
  portalCustomer = (await buildCustomer(t, { manager: 'root', name: '敌意门户客户' })).id;
  portal = (await buildPortalUser(t, { customerId: portalCustomer, by: root })).client;
  const doc = (await t.anonymous().get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}, 120_000);
afterAll(() => t.close());

const SQL_META = ["' OR 1=1 --", '"; drop table users; --', '%', '_', '\\', "%' and pg_sleep(5) is null and '%'='"];
const HOSTILE_VALUES: unknown[] = [
  SQL_META[0],
  'x'.repeat(100_000),
  'nul\u0000byte',
  '\ud800',
  '__proto__',
  [],
  { $gt: '' },
  1e308,
  -1,
  1.5,
  true,
  null,
];
const HOSTILE_IDS = [
  '0',
  '-1',
  '2147483648',
  '1e3',
  'abc',
  '1%3Bselect%201',
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '9'.repeat(40),
];
const RAW_BODIES = [
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '[]',
  'null',
  '"text"',
  '{"a":',
  '['.repeat(5000) + ']'.repeat(5000),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
];

const fingerprint = () => fingerprintOf(t.database);

const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);
const problems: string[] = [];

/** The record a write route's path names: its URL, and its table and id for the before/after comparison. */
type Target = { url: string; table?: string; id?: number };

/**
 * A fresh record for each write route with ids in its path, in the state the route acts on, owned by root
 * (responsible manager, creator, assignee). A new route with ids needs a line here: the test fails without one.
 */
async function target(method: string, path: string): Promise<Target | undefined> {
  const n = ++made;
  // a hostile PATCH may have switched a rule on: services made here stay `new` until a test step assigns them
  // (docs/assignment-rules.md#assigning)
  await t.database.query('update assignment_rules set active = false where active');
  const route = `${method} ${path.replace('/api/v1', '')}`;
  const customer = async () => (await buildCustomer(t, { manager: 'root', name: `敌意测试客户${n}` })).id;
  const opportunity = async (status: 'unassigned' | 'assigned') =>
    (await buildOpportunity(t, { by: root, status, assignee: 'root', customerName: `敌意测试机会${n}` })).id;
  const service = async (status: 'new' | 'assigned' | 'handled') => {
    // root signs in with its own password: it handles the service itself
    const { id } = await buildService(t, { by: root, status: status === 'new' ? 'new' : 'assigned', assignee: 'root' });
    if (status === 'handled') ok(await root.post(`/services/${id}/handle`, { handling: '已处理' }));
    return id as number;
  };
  switch (route) {
    case 'PATCH /users/{id}': {
      const body = { username: `hostile${n}`, displayName: 'H', password: 'long-enough', roles: ['executive'] };
      const { id } = ok(await root.post('/users', body), 201);
      return { url: `/api/v1/users/${id}`, table: 'users', id };
    }
    case 'POST /users/{id}/handover': {
      // a leaving manager with a customer of their own, so that the payloads reach the successor rules
      const body = { username: `leaver${n}`, displayName: 'L', password: 'long-enough', roles: ['manager'] };
      const { id } = ok(await root.post('/users', body), 201);
      await buildCustomer(t, { manager: id, name: `敌意交接客户${n}` });
      return { url: `/api/v1/users/${id}/handover`, table: 'users', id };
    }
    case 'DELETE /me/tokens/{id}':
    case 'DELETE /tokens/{id}': {
      const { id } = ok(await root.post('/me/tokens', { name: `敌意令牌${n}` }), 201);
      return { url: path.replace('{id}', String(id)), table: 'api_tokens', id };
    }
    case 'DELETE /me/sessions/{id}': {
      await t.login('root', 'root-password');
      const [{ id }] = (await t.database.query<{ id: number }>(`select max(id) as id from sessions`)) as [
        { id: number },
      ];
      return { url: path.replace('{id}', String(id)), table: 'sessions', id };
    }
    case 'PATCH /roles/{id}':
    case 'DELETE /roles/{id}': {
      const { id } = ok(await root.post('/roles', { code: `hostile${n}`, name: 'H' }), 201);
      return { url: `/api/v1/roles/${id}`, table: 'roles', id };
    }
    case 'PATCH /departments/{id}':
    case 'DELETE /departments/{id}': {
      const { id } = ok(await root.post('/departments', { name: `敌意部门${n}` }), 201);
      return { url: `/api/v1/departments/${id}`, table: 'departments', id };
    }
    case 'PATCH /dictionary/{id}':
    case 'DELETE /dictionary/{id}': {
      const { id } = ok(await root.post('/dictionary', { type: 'region', item: `敌意${n}` }), 201);
      return { url: `/api/v1/dictionary/${id}`, table: 'dictionary_entries', id };
    }
    case 'PATCH /customers/{id}':
    case 'POST /customers/{id}/merge':
    case 'POST /customers/{id}/contacts':
    case 'POST /customers/{id}/activities': {
      const id = await customer();
      return { url: path.replace('{id}', String(id)), table: 'customers', id };
    }
    case 'POST /customers/{id}/release': {
      const id = await customer();
      return { url: path.replace('{id}', String(id)), table: 'customers', id };
    }
    case 'POST /customers/{id}/claim':
    case 'POST /customers/{id}/assign': {
      const id = (await buildPoolCustomer(t, { manager: 'root', name: `敌意公海客户${n}` })).id;
      return { url: path.replace('{id}', String(id)), table: 'customers', id };
    }
    case 'PATCH /customers/{id}/contacts/{contactId}':
    case 'DELETE /customers/{id}/contacts/{contactId}': {
      const c = await customer();
      const { id } = ok(
        await root.post(`/customers/${c}/contacts`, {
          name: '王五',
          sex: 'male',
          position: '经理',
          officePhone: '010-12345678',
        }),
        201,
      );
      return { url: `/api/v1/customers/${c}/contacts/${id}`, table: 'contacts', id };
    }
    case 'PATCH /customers/{id}/activities/{activityId}':
    case 'DELETE /customers/{id}/activities/{activityId}': {
      const c = await customer();
      const { id } = ok(
        await root.post(`/customers/${c}/activities`, { date: '2026-01-05', place: '北京', summary: '拜访' }),
        201,
      );
      return { url: `/api/v1/customers/${c}/activities/${id}`, table: 'activities', id };
    }
    case 'PATCH /opportunities/{id}':
    case 'DELETE /opportunities/{id}':
    case 'POST /opportunities/{id}/assign': {
      const id = await opportunity('unassigned');
      return { url: path.replace('{id}', String(id)), table: 'opportunities', id };
    }
    case 'POST /opportunities/{id}/reassign':
    case 'POST /opportunities/{id}/stage':
    case 'POST /opportunities/{id}/plan-items':
    case 'POST /opportunities/{id}/succeed':
    case 'POST /opportunities/{id}/fail': {
      const id = await opportunity('assigned');
      return { url: path.replace('{id}', String(id)), table: 'opportunities', id };
    }
    case 'PATCH /opportunities/{id}/plan-items/{itemId}':
    case 'DELETE /opportunities/{id}/plan-items/{itemId}': {
      const o = await opportunity('assigned');
      const { id } = ok(
        await root.post(`/opportunities/${o}/plan-items`, { date: '2026-12-01', content: '电话联系' }),
        201,
      );
      return { url: `/api/v1/opportunities/${o}/plan-items/${id}`, table: 'plan_items', id };
    }
    case 'POST /services/{id}/assign':
    case 'POST /services/{id}/reassign':
    case 'POST /services/{id}/handle':
    case 'POST /services/{id}/feedback': {
      const state = ({ assign: 'new', reassign: 'assigned', handle: 'assigned', feedback: 'handled' } as const)[
        path.split('/').at(-1) as 'assign'
      ];
      const id = await service(state);
      return { url: path.replace('{id}', String(id)), table: 'services', id };
    }
    case 'POST /churn-warnings/{id}/measures':
    case 'POST /churn-warnings/{id}/confirm': {
      const id = await insertChurnWarning(t, { customerId: await customer(), manager: 'root', status: 'warning' });
      return { url: path.replace('{id}', String(id)), table: 'churn_warnings', id };
    }
    case 'POST /customers/{id}/contacts/{contactId}/portal-access':
    case 'DELETE /customers/{id}/contacts/{contactId}/portal-access': {
      const c = await customer();
      const { contactId } = await invitePortalContact(t, { customerId: c, by: root });
      if (method === 'POST') await root.delete(`/customers/${c}/contacts/${contactId}/portal-access`);
      return { url: `/api/v1/customers/${c}/contacts/${contactId}/portal-access`, table: 'contacts', id: contactId };
    }
    case 'POST /api/portal/v1/services/{id}/feedback': {
      const { id } = await buildService(t, {
        by: root,
        status: 'assigned',
        assignee: 'root',
        customerId: portalCustomer,
      });
      ok(await root.post(`/services/${id}/handle`, { handling: '已处理' }));
      return { url: path.replace('{id}', String(id)), table: 'services', id };
    }
    case 'PATCH /webhooks/{id}':
    case 'DELETE /webhooks/{id}':
    case 'POST /webhooks/{id}/test':
    case 'POST /webhooks/{id}/deliveries/{deliveryId}/redeliver': {
      // inactive, on a host that does not resolve: a test or a redelivery fails at once, without a network
      const body = {
        name: `敌意接收方${n}`,
        url: 'https://receiver.invalid/hook',
        events: ['customer.created'],
        format: 'json',
        active: false,
      };
      const { id } = ok(await root.post('/webhooks', body), 201);
      if (!path.includes('{deliveryId}')) return { url: path.replace('{id}', String(id)), table: 'webhooks', id };
      const { delivery } = ok(await root.post(`/webhooks/${id}/test`));
      return { url: `/api/v1/webhooks/${id}/deliveries/${delivery.id}/redeliver`, table: 'webhooks', id };
    }
    case 'PATCH /assignment-rules/{id}':
    case 'DELETE /assignment-rules/{id}': {
      const [me] = await t.database.query<{ id: number }>(`select id from users where username = 'root'`);
      const { id } = ok(
        await root.post('/assignment-rules', {
          name: `敌意规则${n}`,
          active: false,
          priority: 50,
          strategy: 'roundRobin',
          assigneeIds: [me!.id],
        }),
        201,
      );
      return { url: path.replace('{id}', String(id)), table: 'assignment_rules', id };
    }
    case 'PATCH /imports/{id}':
    case 'POST /imports/{id}/check':
    case 'POST /imports/{id}/run':
    case 'POST /imports/{id}/revert': {
      // root's import (docs/imports.md); a run stays with another instance (its lease held), so nothing is written
      // in the background meanwhile; a revert needs a finished import
      const csv = Buffer.from(`客户名称,地区\r\n敌意导入公司${n},火星\r\n`, 'utf8');
      const { body, headers } = multipart('敌意.csv', csv);
      const { id } = ok(await root.request('POST', '/imports', body, headers), 201);
      await claimLease(t.database.db, `import:${id}`, 'hostile-other-instance', 600_000);
      if (path.endsWith('/revert')) await t.database.query(`update imports set status = 'done' where id = $1`, [id]);
      return { url: path.replace('{id}', String(id)), table: 'imports', id };
    }
    case 'POST /notifications/{id}/read': {
      const [row] = await t.database.query<{ id: number }>(
        `insert into notifications (user_id, kind, payload, created_at)
         select id, 'plan.due', '{}'::jsonb, now() from users where username = 'root' returning id`,
      );
      return { url: path.replace('{id}', String(row!.id)), table: 'notifications', id: row!.id };
    }
  }
  return path.includes('{') ? undefined : { url: path };
}
let made = 0;

/** The record as stored (undefined once deleted), for the before/after comparison of a refused write. */
async function recordOf(to: Target) {
  if (!to.table) return undefined;
  const [row] = await t.database.query<{ r: Record<string, unknown> }>(
    `select to_jsonb(x) as r from ${to.table} x where id = $1`,
    [to.id],
  );
  return row?.r;
}

const statuses: number[] = [];

async function probe(method: string, url: string, payload?: string | Buffer, to?: Target) {
  const before =
    payload === undefined && method === 'GET'
      ? undefined
      : `${await fingerprint()} ${JSON.stringify(to ? await recordOf(to) : null)}`;
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      cookie: url.startsWith('/api/portal/') ? portal.cookie : root.cookie,
      'x-requested-with': 'XMLHttpRequest',
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload }),
  });
  if (to) statuses.push(res.statusCode);
  const where = `${method} ${url.slice(0, 120)} ${typeof payload === 'string' ? payload.slice(0, 80) : payload ? '<bytes>' : ''}`;
  if (res.statusCode >= 500) problems.push(`${res.statusCode} ${where}: ${res.body.slice(0, 200)}`);
  if (/\bat \S+\.(ts|js):\d+/.test(res.body) || /node_modules/.test(res.body)) problems.push(`stack trace: ${where}`);
  if (
    before !== undefined &&
    res.statusCode >= 400 &&
    `${await fingerprint()} ${JSON.stringify(to ? await recordOf(to) : null)}` !== before
  )
    problems.push(`refused but changed data: ${where}`);
  return res;
}

describe('hostile input on every route', () => {
  it('finds the routes in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(15);
  });

  it('survives hostile path ids, query strings and paging', async () => {
    for (const { method, path, op } of operations) {
      if (!/^\/api\/(portal\/)?v1\//.test(path) || /^\/api\/(portal\/)?v1\/auth\//.test(path)) continue;
      const hasId = path.includes('{');
      if (hasId)
        for (const id of HOSTILE_IDS)
          await probe(method, fill(path, id), method === 'GET' || method === 'DELETE' ? undefined : '{}');
      if (method !== 'GET') continue;
      const url = fill(path, '1');
      for (const name of (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)) {
        for (const value of [...SQL_META, 'x'.repeat(5000), '%00', '-1', '1e999', '__proto__']) {
          await probe('GET', `${url}?${name}=${encodeURIComponent(value)}`);
        }
      }
      for (const paging of [
        'page=0',
        'page=-5',
        'pageSize=0',
        'pageSize=100000',
        'page=99999999999',
        'page=abc',
        'page=1&page=2',
      ]) {
        await probe('GET', `${url}?${paging}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('survives hostile Accept-Language headers where the server writes texts in the reader language', async () => {
    // docs/churn-risk.md#the-score, rule 6: the risk reasons' language
    const id = (await buildCustomer(t, { manager: 'root', name: '敌意语言客户' })).id;
    for (const url of ['/customers/at-risk', `/customers/${id}/overview`, '/customers?pageSize=5'])
      for (const lang of ['', ';;;', 'en;q=abc', 'x'.repeat(5000), "zh' OR 1=1 --", '*', 'EN-us', '\u0000'])
        expect((await root.get(url, { 'accept-language': lang })).status, `${url} ${lang}`).toBe(200);
  });

  it('survives hostile bodies on every write, sent to records that exist', async () => {
    const unmade: string[] = [];
    for (const { method, path, op } of operations) {
      if (!['POST', 'PATCH', 'PUT', 'DELETE'].includes(method) || !/^\/api\/(portal\/)?v1\//.test(path)) continue;
      if (path === '/api/v1/auth/logout' || path === '/api/portal/v1/auth/logout') continue;
      const to = await target(method, path);
      if (!to) {
        unmade.push(`${method} ${path}`);
        continue;
      }
      for (const raw of RAW_BODIES) await probe(method, to.url, raw, to);
      const props = Object.keys(op.requestBody?.content['application/json']?.schema.properties ?? {});
      for (const prop of props) {
        for (const value of HOSTILE_VALUES) {
          // the record's current version alongside, so that the hostile value is what the write stumbles on
          const version = props.includes('version') && prop !== 'version' ? (await recordOf(to))?.version : undefined;
          await probe(
            method,
            to.url,
            JSON.stringify({ ...(version === undefined ? {} : { version }), [prop]: value }),
            to,
          );
        }
      }
      await probe(method, to.url, JSON.stringify(Object.fromEntries(props.map((p) => [p, 'nul\u0000byte']))), to);
    }
    expect(unmade).toEqual([]);
    expect(problems).toEqual([]);
    // the payloads reached the records: most answers are validation or rule refusals (or successes), not 404
    expect(statuses.filter((s) => s === 404).length).toBeLessThan(statuses.length / 10);
  }, 600_000);
});
