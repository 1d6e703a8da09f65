import { PERMISSIONS } from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUserWithRoles } from '../db/seed/users.ts';
import { installSalesSchema } from '../test/factories.ts';
import { fingerprint as fingerprintOf } from '../test/fingerprint.ts';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';

/**
 * ASVS 1.2.4 / 2.2.1: every route of the OpenAPI document gets wrong types, huge strings, NUL bytes, invalid UTF-8,
 * prototype keys, SQL metacharacters and absurd paging — never a 5xx, never a stack trace, and a refusal changes
 * nothing. The caller holds every permission, so that the input reaches validation and the services.
 */
let t: TestApp;
let root: Client;
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

async function probe(method: string, url: string, payload?: string | Buffer) {
  const before = payload === undefined && method === 'GET' ? undefined : await fingerprint();
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      cookie: root.cookie,
      'x-requested-with': 'XMLHttpRequest',
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload }),
  });
  const where = `${method} ${url.slice(0, 120)} ${typeof payload === 'string' ? payload.slice(0, 80) : payload ? '<bytes>' : ''}`;
  if (res.statusCode >= 500) problems.push(`${res.statusCode} ${where}: ${res.body.slice(0, 200)}`);
  if (/\bat \S+\.(ts|js):\d+/.test(res.body) || /node_modules/.test(res.body)) problems.push(`stack trace: ${where}`);
  if (before !== undefined && res.statusCode >= 400 && (await fingerprint()) !== before)
    problems.push(`refused but changed data: ${where}`);
}

describe('hostile input on every route', () => {
  it('finds the routes in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(15);
  });

  it('survives hostile path ids, query strings and paging', async () => {
    for (const { method, path, op } of operations) {
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/auth/')) continue;
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

  it('survives hostile bodies on every write', async () => {
    for (const { method, path, op } of operations) {
      if (!['POST', 'PATCH', 'PUT'].includes(method) || !path.startsWith('/api/v1/') || path === '/api/v1/auth/logout')
        continue;
      const url = fill(path, '1');
      for (const raw of RAW_BODIES) await probe(method, url, raw);
      const props = Object.keys(op.requestBody?.content['application/json']?.schema.properties ?? {});
      for (const prop of props) {
        for (const value of HOSTILE_VALUES) await probe(method, url, JSON.stringify({ [prop]: value }));
      }
      await probe(method, url, JSON.stringify(Object.fromEntries(props.map((p) => [p, 'nul\u0000byte']))));
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
