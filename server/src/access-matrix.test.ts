import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSalesSchema, salesWriter } from './test/factories.ts';
import { fingerprint } from './test/fingerprint.ts';
import { createTestApp, type Client, type TestApp } from './test/harness.ts';
import { multipart } from './test/multipart.ts';
import { claimLease } from './platform/lease.ts';

/**
 * ASVS 8.2.1 / 8.2.2: every route × every role, with owner vs non-owner where a record rule applies. Each cell is
 * driven over HTTP on a fresh record; every refusal must leave the database unchanged. The rows are checked against
 * the registered routes: a new route without a row fails.
 *
 * manager1 owns the records (responsible manager, creator, assignee); manager2 is the other manager.
 */
const WHO = ['anonymous', 'admin', 'director', 'manager1', 'manager2', 'executive'] as const;
type Who = (typeof WHO)[number];
type Target = { url: string; body?: unknown };
type Row = {
  route: string;
  /** A fresh target; `who` is the caller, for a route on one's own records (one's tokens, one's sessions). */
  target: (who: Who) => Promise<Target>;
  expect: [number, number, number, number, number, number];
  fresh?: boolean;
  /** An endless answer (Server-Sent Events): asked over a real connection, its status read, then closed. */
  stream?: boolean;
};

let t: TestApp;
const as: Record<Exclude<Who, 'anonymous'>, Client> = {} as never;
let ids: { manager1: number; manager2: number; region: number; level: number; consult: number; stage: number };
let n = 0;
const unique = (prefix: string) => `${prefix}${++n}`;

/**
 * How the callers authenticate: the session cookie, or — the same table, the same answers — an API token of the
 * same user with all of their permissions, sent as `Authorization: Bearer` without the CSRF header
 * (docs/sign-in.md#api-tokens, rule 2).
 */
const MODES = ['cookie', 'bearer'] as const;
type Mode = (typeof MODES)[number];
let mode: Mode = 'cookie';
const signedIn = (who: Exclude<Who, 'anonymous'>) => (mode === 'cookie' ? t.login(who) : t.tokenClient(who));

async function signInAll() {
  for (const who of WHO) if (who !== 'anonymous') as[who] = await signedIn(who);
}

/** A record of the caller's own (a token, a session); the anonymous caller gets the administrator's. */
const owner = (who: Who) => (who === 'anonymous' ? 'admin' : who);
const ownToken = async (who: Who) =>
  ((await (await t.login(owner(who))).post('/me/tokens', { name: unique('矩阵令牌') })).body as { id: number }).id;
const ownSession = async (who: Who) => {
  await t.login(owner(who));
  const [row] = await t.database.query<{ id: number }>(
    `select s.id from sessions s join users u on u.id = s.user_id where u.username = $1 order by s.id desc limit 1`,
    [owner(who)],
  );
  return row!.id;
};

// Fresh records, made by their rightful owners through the API.
const customer = async () => {
  const res = await as.director.post('/customers', {
    name: unique('矩阵公司'),
    regionId: ids.region,
    levelId: ids.level,
    managerId: ids.manager1,
    satisfaction: 3,
    credit: 3,
  });
  return res.body as { id: number; number: string; version: number };
};
/** An inactive assignment rule's body, and one made by the director (docs/assignment-rules.md). */
const assignmentRule = () => ({
  name: unique('矩阵规则'),
  active: false,
  priority: 50,
  strategy: 'roundRobin',
  assigneeIds: [ids.manager1],
});
const rule = async () => ((await as.director.post('/assignment-rules', assignmentRule())).body as { id: number }).id;
/** A new customer in the pool, no one's before (docs/organisation.md#customer-pool). */
const poolCustomer = async () => {
  const c = await customer();
  await t.database.query(
    `update customers set manager_id = null, pool_entered_at = now(), pool_reason = 'new' where id = $1`,
    [c.id],
  );
  return c;
};
const contact = async (customerId: number) =>
  (
    await as.manager1.post(`/customers/${customerId}/contacts`, {
      name: '王五',
      sex: 'male',
      position: '经理',
      officePhone: '010-12345678',
    })
  ).body as { id: number };
const activity = async (customerId: number) =>
  (
    await as.manager1.post(`/customers/${customerId}/activities`, {
      date: '2026-01-05',
      place: '北京',
      summary: '拜访',
    })
  ).body as { id: number };
const opportunity = async () =>
  (
    await as.manager1.post('/opportunities', {
      customerName: unique('机会公司'),
      successRate: 50,
      summary: '采购电视',
      description: '大单',
    })
  ).body as { id: number; version: number };
const assignedOpportunity = async () => {
  const o = await opportunity();
  await as.director.post(`/opportunities/${o.id}/assign`, { assigneeId: ids.manager1 });
  return o;
};
/** A fresh unread notification of manager1's (an opportunity assigned to them): its id. */
const notification = async () => {
  await assignedOpportunity();
  const [n] = (await as.manager1.get('/notifications?unread=true&pageSize=1')).body.items as { id: number }[];
  return n!.id;
};
const planItem = async (opportunityId: number) =>
  (await as.manager1.post(`/opportunities/${opportunityId}/plan-items`, { date: '2026-12-01', content: '电话联系' }))
    .body as { id: number };
const service = async () => {
  const c = await customer();
  return (
    await as.manager1.post('/services', {
      typeId: ids.consult,
      summary: '咨询价格',
      customerId: c.id,
      request: '请报价',
    })
  ).body as { id: number };
};
const assignedService = async () => {
  const s = await service();
  await as.director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager1 });
  return s;
};
const handledService = async () => {
  const s = await assignedService();
  await as.manager1.post(`/services/${s.id}/handle`, { handling: '已报价' });
  return s;
};
const warning = async (withMeasure = false) => {
  const c = await customer();
  const [w] = await t.database.query<{ id: number }>(
    `insert into churn_warnings (customer_id, manager_id, status) values ($1, $2, $3) returning id`,
    [c.id, ids.manager1, withMeasure ? 'delayed' : 'warning'],
  );
  if (withMeasure)
    await t.database.query(`insert into churn_measures (warning_id, text, created_by) values ($1, '回访', $2)`, [
      w!.id,
      ids.manager1,
    ]);
  return w!;
};
const order = async () => {
  const c = await customer();
  const sales = salesWriter(t.database.query);
  const productId = await sales.product({ name: '幸福牌电视机' });
  const orderId = await sales.order({
    customerNo: c.number,
    date: '2026-03-01',
    lines: [{ productId, quantity: 2, unitPrice: 100 }],
  });
  return { customerId: c.id, orderId };
};
const dictionaryEntry = async () =>
  (await as.admin.post('/dictionary', { type: 'region', item: unique('区域') })).body as { id: number };
const user = async () =>
  (
    await as.admin.post('/users', {
      username: unique('user'),
      displayName: 'U',
      password: 'long-enough',
      roles: ['executive'],
    })
  ).body as { id: number };
const department = async () =>
  (await as.admin.post('/departments', { name: unique('矩阵部门') })).body as { id: number };
const role = async () => (await as.admin.post('/roles', { code: unique('role'), name: 'R' })).body as { id: number };
/** A webhook receiver, inactive, on a host that does not resolve (its test fails at once, without a network). */
const webhookBody = () => ({
  name: unique('矩阵接收方'),
  url: 'https://receiver.invalid/hook',
  events: ['customer.created'],
  format: 'json',
  active: false,
});
const webhook = async () => (await as.admin.post('/webhooks', webhookBody())).body as { id: number };
/** A finished (failed) delivery of a fresh receiver: its test's. */
const webhookDelivery = async () => {
  const w = await webhook();
  const tested = (await as.admin.post(`/webhooks/${w.id}/test`)).body as { delivery: { id: string } };
  return `/webhooks/${w.id}/deliveries/${tested.delivery.id}`;
};
/**
 * A fresh import of the director's (docs/imports.md): one row whose region is unknown, so that a run of it creates
 * nothing. `held`: another instance holds its lease, so that a run started here stays with it (and writes nothing
 * in the background while the matrix compares the data); `done`: run to its end.
 */
const directorImport = async (o: { held?: boolean; done?: boolean } = {}) => {
  const csv = Buffer.from(`客户名称,地区\r\n${unique('矩阵导入公司')},火星\r\n`, 'utf8');
  const { body, headers } = multipart('矩阵.csv', csv);
  const id = ((await as.director.request('POST', '/imports', body, headers)).body as { id: number }).id;
  await t.database.query(
    `update imports set defaults = jsonb_build_object('levelId', $2::int, 'managerId', $3::int, 'satisfaction', 3,
       'credit', 3) where id = $1`,
    [id, ids.level, ids.manager1],
  );
  if (o.held) await claimLease(t.database.db, `import:${id}`, 'matrix-other-instance', 600_000);
  if (o.done) {
    await t.database.query(`update imports set status = 'done', finished_at = now() where id = $1`, [id]);
  }
  return id;
};

const at = (url: string, body?: unknown) => async (): Promise<Target> => ({ url, body });
//                       anon admin director m1  m2  exec
const ADMIN = (ok: number) => [401, ok, 403, 403, 403, 403] as Row['expect'];
const EVERYONE = (ok: number) => [401, ok, ok, ok, ok, ok] as Row['expect'];

const ROWS: Row[] = [
  {
    route: 'POST /api/v1/auth/login',
    target: at('/auth/login', { username: 'executive', password: 'demo1234' }),
    expect: [200, 200, 200, 200, 200, 200],
  },
  {
    route: 'POST /api/v1/auth/login/two-factor',
    target: at('/auth/login/two-factor', { code: '123456' }),
    expect: [401, 401, 401, 401, 401, 401],
  },
  { route: 'GET /api/v1/auth/sso', target: at('/auth/sso'), expect: [200, 200, 200, 200, 200, 200] },
  // single sign-on is not configured here (modules/access/oidc.test.ts runs it against a real provider)
  { route: 'GET /api/v1/auth/oidc/start', target: at('/auth/oidc/start'), expect: [404, 404, 404, 404, 404, 404] },
  {
    route: 'GET /api/v1/auth/oidc/callback',
    target: at('/auth/oidc/callback?code=abc&state=def'),
    expect: [404, 404, 404, 404, 404, 404],
  },
  { route: 'POST /api/v1/me/two-factor/setup', target: at('/me/two-factor/setup'), expect: EVERYONE(200) },
  {
    route: 'POST /api/v1/me/two-factor/enable',
    // a code of the wrong shape: refused before it counts as a failed attempt in the limiter
    target: at('/me/two-factor/enable', { code: '12345' }),
    expect: EVERYONE(400),
  },
  {
    route: 'POST /api/v1/me/two-factor/disable',
    target: at('/me/two-factor/disable', { password: 'demo1234', code: '000000' }),
    expect: EVERYONE(409),
  },
  { route: 'POST /api/v1/auth/logout', target: at('/auth/logout'), expect: EVERYONE(204), fresh: true },
  { route: 'GET /api/v1/auth/me', target: at('/auth/me'), expect: EVERYONE(200) },
  {
    route: 'POST /api/v1/auth/password',
    target: at('/auth/password', { currentPassword: 'demo1234', newPassword: 'demo1234' }),
    expect: EVERYONE(204),
    fresh: true,
  },

  { route: 'GET /api/v1/me/tokens', target: at('/me/tokens'), expect: EVERYONE(200) },
  { route: 'POST /api/v1/me/tokens', target: at('/me/tokens', { name: '集成' }), expect: EVERYONE(201) },
  {
    route: 'DELETE /api/v1/me/tokens/{id}',
    target: async (who) => ({ url: `/me/tokens/${await ownToken(who)}` }),
    expect: EVERYONE(204),
  },
  { route: 'GET /api/v1/tokens', target: at('/tokens'), expect: ADMIN(200) },
  {
    route: 'DELETE /api/v1/tokens/{id}',
    target: async () => ({ url: `/tokens/${await ownToken('manager1')}` }),
    expect: ADMIN(204),
  },
  { route: 'GET /api/v1/me/sessions', target: at('/me/sessions'), expect: EVERYONE(200) },
  { route: 'DELETE /api/v1/me/sessions', target: at('/me/sessions'), expect: EVERYONE(204), fresh: true },
  {
    route: 'DELETE /api/v1/me/sessions/{id}',
    target: async (who) => ({ url: `/me/sessions/${await ownSession(who)}` }),
    expect: EVERYONE(204),
  },

  { route: 'GET /api/v1/users', target: at('/users'), expect: ADMIN(200) },
  {
    route: 'POST /api/v1/users',
    target: async () => ({
      url: '/users',
      body: { username: unique('nu'), displayName: 'N', password: 'long-enough', roles: ['executive'] },
    }),
    expect: ADMIN(201),
  },
  { route: 'GET /api/v1/users/{id}', target: async () => ({ url: `/users/${(await user()).id}` }), expect: ADMIN(200) },
  {
    route: 'PATCH /api/v1/users/{id}',
    target: async () => ({ url: `/users/${(await user()).id}`, body: { displayName: 'Renamed' } }),
    expect: ADMIN(200),
  },
  {
    route: 'POST /api/v1/users/{id}/handover',
    target: async () => {
      const leaver = await customer(); // manager1's; the leaver is a fresh manager who takes it over first
      const { id } = (
        await as.admin.post('/users', {
          username: unique('leaver'),
          displayName: 'L',
          password: 'long-enough',
          roles: ['manager'],
        })
      ).body as { id: number };
      await as.director.post('/customers/transfer', { customerIds: [leaver.id], toManagerId: id });
      return { url: `/users/${id}/handover`, body: { toUserId: ids.manager2 } };
    },
    expect: [401, 200, 200, 403, 403, 403],
  },
  { route: 'GET /api/v1/team', target: at('/team'), expect: [401, 200, 200, 403, 403, 403] },
  { route: 'GET /api/v1/roles', target: at('/roles'), expect: ADMIN(200) },
  {
    route: 'POST /api/v1/roles',
    target: async () => ({ url: '/roles', body: { code: unique('r'), name: 'R' } }),
    expect: ADMIN(201),
  },
  { route: 'GET /api/v1/roles/{id}', target: async () => ({ url: `/roles/${(await role()).id}` }), expect: ADMIN(200) },
  {
    route: 'PATCH /api/v1/roles/{id}',
    target: async () => ({ url: `/roles/${(await role()).id}`, body: { name: 'R2' } }),
    expect: ADMIN(200),
  },
  {
    route: 'DELETE /api/v1/roles/{id}',
    target: async () => ({ url: `/roles/${(await role()).id}` }),
    expect: ADMIN(204),
  },
  { route: 'GET /api/v1/permissions', target: at('/permissions'), expect: ADMIN(200) },
  { route: 'GET /api/v1/assignees', target: at('/assignees'), expect: [401, 200, 200, 200, 200, 403] },
  { route: 'GET /api/v1/audit-log', target: at('/audit-log'), expect: ADMIN(200) },

  { route: 'GET /api/v1/departments', target: at('/departments'), expect: EVERYONE(200) },
  {
    route: 'POST /api/v1/departments',
    target: async () => ({ url: '/departments', body: { name: unique('新部门') } }),
    expect: ADMIN(201),
  },
  {
    route: 'PATCH /api/v1/departments/{id}',
    target: async () => ({ url: `/departments/${(await department()).id}`, body: { name: unique('改名部门') } }),
    expect: ADMIN(200),
  },
  {
    route: 'DELETE /api/v1/departments/{id}',
    target: async () => ({ url: `/departments/${(await department()).id}` }),
    expect: ADMIN(204),
  },

  { route: 'GET /api/v1/dictionary', target: at('/dictionary'), expect: EVERYONE(200) },
  { route: 'GET /api/v1/dictionary/types', target: at('/dictionary/types'), expect: EVERYONE(200) },
  {
    route: 'GET /api/v1/dictionary/{id}',
    target: async () => ({ url: `/dictionary/${ids.region}` }),
    expect: EVERYONE(200),
  },
  {
    route: 'POST /api/v1/dictionary',
    target: async () => ({ url: '/dictionary', body: { type: 'region', item: unique('新区') } }),
    expect: ADMIN(201),
  },
  {
    route: 'PATCH /api/v1/dictionary/{id}',
    target: async () => ({ url: `/dictionary/${(await dictionaryEntry()).id}`, body: { value: 'v' } }),
    expect: ADMIN(200),
  },
  {
    route: 'DELETE /api/v1/dictionary/{id}',
    target: async () => ({ url: `/dictionary/${(await dictionaryEntry()).id}` }),
    expect: ADMIN(204),
  },

  { route: 'GET /api/v1/customers', target: at('/customers'), expect: [401, 403, 200, 200, 200, 200] },
  // docs/product.md#customers, rule 11: the list as a file takes customer.export, not customer.read
  { route: 'GET /api/v1/customers', target: at('/customers?format=csv'), expect: [401, 200, 200, 403, 403, 403] },
  {
    route: 'POST /api/v1/customers',
    target: async () => ({
      url: '/customers',
      body: {
        name: unique('新客户'),
        regionId: ids.region,
        levelId: ids.level,
        managerId: ids.manager1,
        satisfaction: 4,
        credit: 4,
      },
    }),
    expect: [401, 403, 201, 201, 403, 403],
  },
  {
    route: 'GET /api/v1/customers/{id}',
    target: async () => ({ url: `/customers/${(await customer()).id}` }),
    expect: [401, 403, 200, 200, 200, 200],
  },
  {
    route: 'PATCH /api/v1/customers/{id}',
    target: async () => {
      const c = await customer();
      return { url: `/customers/${c.id}`, body: { version: c.version, phone: '010-8888' } };
    },
    expect: [401, 403, 200, 200, 403, 403],
  },
  {
    route: 'GET /api/v1/customers/{id}/contacts',
    target: async () => ({ url: `/customers/${(await customer()).id}/contacts` }),
    expect: [401, 403, 200, 200, 200, 200],
  },
  {
    route: 'POST /api/v1/customers/{id}/contacts',
    target: async () => ({
      url: `/customers/${(await customer()).id}/contacts`,
      body: { name: '赵六', sex: 'female', position: '采购', officePhone: '010-23456789' },
    }),
    expect: [401, 403, 201, 201, 403, 403],
  },
  {
    route: 'PATCH /api/v1/customers/{id}/contacts/{contactId}',
    target: async () => {
      const c = await customer();
      return { url: `/customers/${c.id}/contacts/${(await contact(c.id)).id}`, body: { mobile: '13900001111' } };
    },
    expect: [401, 403, 200, 200, 403, 403],
  },
  {
    route: 'DELETE /api/v1/customers/{id}/contacts/{contactId}',
    target: async () => {
      const c = await customer();
      return { url: `/customers/${c.id}/contacts/${(await contact(c.id)).id}` };
    },
    expect: [401, 403, 204, 204, 403, 403],
  },
  {
    route: 'POST /api/v1/customers/{id}/contacts/{contactId}/portal-access',
    target: async () => {
      const c = await customer();
      return { url: `/customers/${c.id}/contacts/${(await contact(c.id)).id}/portal-access` };
    },
    expect: [401, 403, 201, 201, 403, 403],
  },
  {
    route: 'DELETE /api/v1/customers/{id}/contacts/{contactId}/portal-access',
    target: async () => {
      const c = await customer();
      const k = await contact(c.id);
      await as.director.post(`/customers/${c.id}/contacts/${k.id}/portal-access`);
      return { url: `/customers/${c.id}/contacts/${k.id}/portal-access` };
    },
    expect: [401, 403, 204, 204, 403, 403],
  },
  {
    route: 'GET /api/v1/customers/{id}/activities',
    target: async () => ({ url: `/customers/${(await customer()).id}/activities` }),
    expect: [401, 403, 200, 200, 200, 200],
  },
  {
    route: 'POST /api/v1/customers/{id}/activities',
    target: async () => ({
      url: `/customers/${(await customer()).id}/activities`,
      body: { date: '2026-02-01', place: '上海', summary: '洽谈' },
    }),
    expect: [401, 403, 201, 201, 403, 403],
  },
  {
    route: 'PATCH /api/v1/customers/{id}/activities/{activityId}',
    target: async () => {
      const c = await customer();
      return { url: `/customers/${c.id}/activities/${(await activity(c.id)).id}`, body: { note: '备注' } };
    },
    expect: [401, 403, 200, 200, 403, 403],
  },
  {
    route: 'DELETE /api/v1/customers/{id}/activities/{activityId}',
    target: async () => {
      const c = await customer();
      return { url: `/customers/${c.id}/activities/${(await activity(c.id)).id}` };
    },
    expect: [401, 403, 204, 204, 403, 403],
  },
  {
    route: 'GET /api/v1/customers/{id}/orders',
    target: async () => ({ url: `/customers/${(await order()).customerId}/orders` }),
    expect: [401, 403, 200, 200, 200, 403],
  },
  {
    route: 'GET /api/v1/customers/{id}/orders/{orderId}',
    target: async () => {
      const o = await order();
      return { url: `/customers/${o.customerId}/orders/${o.orderId}` };
    },
    expect: [401, 403, 200, 200, 200, 403],
  },
  { route: 'GET /api/v1/customer-pool', target: at('/customer-pool'), expect: [401, 403, 200, 200, 200, 200] },
  // docs/search.md: every signed-in user; the kinds they may not read answer empty lists (search.test.ts)
  { route: 'GET /api/v1/search', target: at('/search?q=a'), expect: EVERYONE(200) },
  {
    route: 'POST /api/v1/customer-pool/scan',
    target: at('/customer-pool/scan'),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/customers/{id}/claim',
    target: async () => ({ url: `/customers/${(await poolCustomer()).id}/claim` }),
    expect: [401, 403, 403, 200, 200, 403],
  },
  {
    route: 'POST /api/v1/customers/{id}/release',
    target: async () => ({ url: `/customers/${(await customer()).id}/release`, body: { reason: '不再跟进' } }),
    expect: [401, 403, 200, 200, 403, 403],
  },
  {
    route: 'POST /api/v1/customers/{id}/assign',
    target: async () => ({ url: `/customers/${(await poolCustomer()).id}/assign`, body: { managerId: ids.manager2 } }),
    expect: [401, 200, 200, 403, 403, 403],
  },
  // docs/timeline.md: whoever reads the customer; each family's events inside their scope (timeline.test.ts)
  {
    route: 'GET /api/v1/customers/{id}/timeline',
    target: async () => ({ url: `/customers/${(await customer()).id}/timeline` }),
    expect: [401, 403, 200, 200, 200, 200],
  },
  // docs/overview.md: as the customer detail (overview.test.ts)
  {
    route: 'GET /api/v1/customers/{id}/overview',
    target: async () => ({ url: `/customers/${(await customer()).id}/overview` }),
    expect: [401, 403, 200, 200, 200, 200],
  },
  // docs/churn-risk.md#the-list: readers of customers, inside their customer scope (risk.test.ts)
  { route: 'GET /api/v1/customers/at-risk', target: at('/customers/at-risk'), expect: [401, 403, 200, 200, 200, 200] },
  {
    route: 'GET /api/v1/customers/{id}/pool-history',
    target: async () => ({ url: `/customers/${(await poolCustomer()).id}/pool-history` }),
    expect: [401, 403, 200, 200, 200, 200],
  },
  { route: 'GET /api/v1/settings/pool', target: at('/settings/pool'), expect: [401, 200, 200, 403, 403, 403] },
  {
    route: 'PATCH /api/v1/settings/pool',
    target: at('/settings/pool', { warnDays: 3 }),
    expect: [401, 200, 200, 403, 403, 403],
  },
  { route: 'GET /api/v1/notifications', target: at('/notifications'), expect: EVERYONE(200) },
  { route: 'GET /api/v1/notifications/unread-count', target: at('/notifications/unread-count'), expect: EVERYONE(200) },
  {
    route: 'GET /api/v1/notifications/stream',
    target: at('/notifications/stream'),
    expect: EVERYONE(200),
    stream: true,
  },
  { route: 'POST /api/v1/notifications/read-all', target: at('/notifications/read-all'), expect: EVERYONE(200) },
  {
    // manager1's own notification: theirs to mark, "not found" for everyone else
    route: 'POST /api/v1/notifications/{id}/read',
    target: async () => ({ url: `/notifications/${await notification()}/read` }),
    expect: [401, 404, 404, 204, 404, 404],
  },
  { route: 'GET /api/v1/me/notification-settings', target: at('/me/notification-settings'), expect: EVERYONE(200) },
  {
    route: 'PATCH /api/v1/me/notification-settings',
    target: at('/me/notification-settings', { email: { 'service.assigned': true } }),
    expect: EVERYONE(200),
  },
  { route: 'GET /api/v1/products', target: at('/products'), expect: [401, 403, 200, 200, 200, 403] },
  { route: 'GET /api/v1/inventory', target: at('/inventory'), expect: [401, 403, 200, 200, 200, 403] },
  { route: 'GET /api/v1/sales/status', target: at('/sales/status'), expect: EVERYONE(200) },
  { route: 'POST /api/v1/sales/refresh', target: at('/sales/refresh'), expect: [401, 200, 200, 403, 403, 403] },

  { route: 'GET /api/v1/opportunities', target: at('/opportunities'), expect: [401, 403, 200, 200, 200, 403] },
  {
    route: 'POST /api/v1/opportunities',
    target: at('/opportunities', { customerName: '新机会', successRate: 30, summary: 's', description: 'd' }),
    expect: [401, 403, 201, 201, 201, 403],
  },
  {
    route: 'GET /api/v1/opportunities/{id}',
    target: async () => ({ url: `/opportunities/${(await opportunity()).id}` }),
    expect: [401, 403, 200, 200, 404, 403],
  },
  {
    route: 'PATCH /api/v1/opportunities/{id}',
    target: async () => {
      const o = await opportunity();
      return { url: `/opportunities/${o.id}`, body: { version: o.version, summary: '改' } };
    },
    expect: [401, 403, 200, 200, 404, 403],
  },
  {
    route: 'DELETE /api/v1/opportunities/{id}',
    target: async () => ({ url: `/opportunities/${(await opportunity()).id}` }),
    expect: [401, 403, 204, 204, 404, 403],
  },
  {
    route: 'POST /api/v1/opportunities/{id}/assign',
    target: async () => ({
      url: `/opportunities/${(await opportunity()).id}/assign`,
      body: { assigneeId: ids.manager1 },
    }),
    expect: [401, 403, 200, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/opportunities/{id}/plan-items',
    target: async () => ({ url: `/opportunities/${(await assignedOpportunity()).id}/plan-items` }),
    expect: [401, 403, 200, 200, 404, 403],
  },
  {
    route: 'POST /api/v1/opportunities/{id}/reassign',
    target: async () => ({
      url: `/opportunities/${(await assignedOpportunity()).id}/reassign`,
      body: { assigneeId: ids.manager2 },
    }),
    expect: [401, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/opportunities/{id}/plan-items',
    target: async () => ({
      url: `/opportunities/${(await assignedOpportunity()).id}/plan-items`,
      body: { date: '2026-12-10', content: '上门' },
    }),
    expect: [401, 403, 201, 201, 404, 403],
  },
  {
    route: 'PATCH /api/v1/opportunities/{id}/plan-items/{itemId}',
    target: async () => {
      const o = await assignedOpportunity();
      return { url: `/opportunities/${o.id}/plan-items/${(await planItem(o.id)).id}`, body: { result: '有意向' } };
    },
    expect: [401, 403, 200, 200, 404, 403],
  },
  {
    route: 'DELETE /api/v1/opportunities/{id}/plan-items/{itemId}',
    target: async () => {
      const o = await assignedOpportunity();
      return { url: `/opportunities/${o.id}/plan-items/${(await planItem(o.id)).id}` };
    },
    expect: [401, 403, 204, 204, 404, 403],
  },
  {
    route: 'POST /api/v1/opportunities/{id}/succeed',
    target: async () => ({ url: `/opportunities/${(await assignedOpportunity()).id}/succeed` }),
    expect: [401, 403, 200, 200, 404, 403],
  },
  {
    route: 'POST /api/v1/opportunities/{id}/fail',
    target: async () => ({ url: `/opportunities/${(await assignedOpportunity()).id}/fail` }),
    expect: [401, 403, 200, 200, 404, 403],
  },

  // the pipeline (docs/pipeline.md)
  {
    route: 'GET /api/v1/opportunities/board',
    target: at('/opportunities/board'),
    expect: [401, 403, 200, 200, 200, 403],
  },
  {
    route: 'POST /api/v1/opportunities/{id}/stage',
    target: async () => ({
      url: `/opportunities/${(await assignedOpportunity()).id}/stage`,
      body: { stageId: ids.stage },
    }),
    expect: [401, 403, 200, 200, 404, 403],
  },
  {
    route: 'GET /api/v1/opportunities/{id}/stage-history',
    target: async () => ({ url: `/opportunities/${(await assignedOpportunity()).id}/stage-history` }),
    expect: [401, 403, 200, 200, 404, 403],
  },
  {
    route: 'POST /api/v1/opportunities/assign-bulk',
    target: async () => ({
      url: '/opportunities/assign-bulk',
      body: { ids: [(await opportunity()).id], assigneeId: ids.manager1 },
    }),
    expect: [401, 403, 200, 403, 403, 403],
  },

  {
    route: 'POST /api/v1/customers/transfer',
    target: async () => ({
      url: '/customers/transfer',
      body: { customerIds: [(await customer()).id], toManagerId: ids.manager2 },
    }),
    expect: [401, 403, 200, 403, 403, 403],
  },

  {
    route: 'GET /api/v1/customers/duplicates',
    target: at('/customers/duplicates'),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/customers/duplicates/scan',
    target: at('/customers/duplicates/scan'),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/customers/{id}/merge',
    target: async () => ({
      url: `/customers/${(await customer()).id}/merge`,
      body: { sourceIds: [(await customer()).id] },
    }),
    expect: [401, 200, 200, 403, 403, 403],
  },

  { route: 'GET /api/v1/services', target: at('/services'), expect: [401, 403, 200, 200, 200, 403] },
  {
    route: 'POST /api/v1/services',
    target: async () => ({
      url: '/services',
      body: { typeId: ids.consult, summary: '投诉', customerId: (await customer()).id, request: '质量问题' },
    }),
    expect: [401, 403, 403, 201, 201, 403],
  },
  {
    route: 'GET /api/v1/services/{id}',
    target: async () => ({ url: `/services/${(await service()).id}` }),
    expect: [401, 403, 200, 200, 200, 403],
  },
  {
    route: 'POST /api/v1/services/{id}/assign',
    target: async () => ({ url: `/services/${(await service()).id}/assign`, body: { assigneeId: ids.manager1 } }),
    expect: [401, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/services/{id}/reassign',
    target: async () => ({
      url: `/services/${(await assignedService()).id}/reassign`,
      body: { assigneeId: ids.manager2 },
    }),
    expect: [401, 403, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/services/{id}/handle',
    target: async () => ({ url: `/services/${(await assignedService()).id}/handle`, body: { handling: '已处理' } }),
    expect: [401, 403, 403, 200, 403, 403],
  },
  {
    route: 'POST /api/v1/services/{id}/feedback',
    target: async () => ({
      url: `/services/${(await handledService()).id}/feedback`,
      body: { result: '满意', satisfaction: 5 },
    }),
    expect: [401, 403, 403, 200, 403, 403],
  },

  { route: 'GET /api/v1/churn-warnings', target: at('/churn-warnings'), expect: [401, 403, 200, 200, 200, 403] },
  {
    route: 'GET /api/v1/churn-warnings/last-scan',
    target: at('/churn-warnings/last-scan'),
    expect: [401, 403, 200, 200, 200, 403],
  },
  {
    route: 'POST /api/v1/churn-warnings/scan',
    target: at('/churn-warnings/scan'),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/churn-warnings/{id}',
    target: async () => ({ url: `/churn-warnings/${(await warning()).id}` }),
    expect: [401, 403, 200, 200, 404, 403],
  },
  {
    route: 'POST /api/v1/churn-warnings/{id}/measures',
    target: async () => ({ url: `/churn-warnings/${(await warning()).id}/measures`, body: { text: '打折挽留' } }),
    expect: [401, 403, 403, 201, 404, 403],
  },
  {
    route: 'POST /api/v1/churn-warnings/{id}/confirm',
    target: async () => ({ url: `/churn-warnings/${(await warning(true)).id}/confirm`, body: { reason: '倒闭' } }),
    expect: [401, 403, 403, 200, 404, 403],
  },

  {
    route: 'GET /api/v1/reports/contribution',
    target: at('/reports/contribution'),
    expect: [401, 403, 200, 403, 403, 200],
  },
  {
    route: 'GET /api/v1/reports/composition',
    target: at('/reports/composition?by=level'),
    expect: [401, 403, 200, 403, 403, 200],
  },
  { route: 'GET /api/v1/reports/services', target: at('/reports/services'), expect: [401, 403, 200, 403, 403, 200] },
  { route: 'GET /api/v1/reports/churn', target: at('/reports/churn'), expect: [401, 403, 200, 403, 403, 200] },
  { route: 'GET /api/v1/reports/forecast', target: at('/reports/forecast'), expect: [401, 403, 200, 403, 403, 200] },
  { route: 'GET /api/v1/reports/win-loss', target: at('/reports/win-loss'), expect: [401, 403, 200, 403, 403, 200] },
  { route: 'GET /api/v1/reports/sla', target: at('/reports/sla?year=2026'), expect: [401, 403, 200, 403, 403, 200] },

  // assignment rules and service time limits (docs/assignment-rules.md, docs/service-sla.md); the rules are made
  // inactive, so that they assign none of the other rows' services
  {
    route: 'GET /api/v1/assignment-rules',
    target: at('/assignment-rules'),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/assignment-rules',
    target: async () => ({ url: '/assignment-rules', body: assignmentRule() }),
    expect: [401, 201, 201, 403, 403, 403],
  },
  {
    route: 'PATCH /api/v1/assignment-rules/{id}',
    target: async () => ({ url: `/assignment-rules/${await rule()}`, body: { name: unique('矩阵规则改') } }),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'DELETE /api/v1/assignment-rules/{id}',
    target: async () => ({ url: `/assignment-rules/${await rule()}` }),
    expect: [401, 204, 204, 403, 403, 403],
  },
  { route: 'GET /api/v1/service-sla', target: at('/service-sla'), expect: [401, 200, 200, 403, 403, 403] },
  {
    route: 'PUT /api/v1/service-sla',
    target: async () => ({
      url: '/service-sla',
      body: [{ typeId: ids.consult, assignWithinHours: 4, handleWithinHours: 24 }],
    }),
    expect: [401, 200, 200, 403, 403, 403],
  },
  { route: 'GET /api/v1/workbench', target: at('/workbench'), expect: EVERYONE(200) },

  // docs/imports.md: customer.import (directors and administrators); one's own imports, an administrator's all
  {
    route: 'POST /api/v1/imports',
    // a JSON body is no file: the permission passes, the body is refused (the upload itself: modules/imports)
    target: at('/imports', { file: 'x' }),
    expect: [401, 415, 415, 403, 403, 403],
  },
  { route: 'GET /api/v1/imports', target: at('/imports'), expect: [401, 200, 200, 403, 403, 403] },
  {
    route: 'GET /api/v1/imports/{id}',
    target: async () => ({ url: `/imports/${await directorImport()}` }),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'PATCH /api/v1/imports/{id}',
    target: async () => ({ url: `/imports/${await directorImport()}`, body: { mode: 'upsert' } }),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/imports/{id}/check',
    target: async () => ({ url: `/imports/${await directorImport()}/check`, body: {} }),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/imports/{id}/run',
    target: async () => ({ url: `/imports/${await directorImport({ held: true })}/run`, body: {} }),
    expect: [401, 202, 202, 403, 403, 403],
  },
  {
    route: 'GET /api/v1/imports/{id}/errors',
    target: async () => ({ url: `/imports/${await directorImport({ done: true })}/errors?format=csv` }),
    expect: [401, 200, 200, 403, 403, 403],
  },
  {
    route: 'POST /api/v1/imports/{id}/revert',
    target: async () => ({ url: `/imports/${await directorImport({ done: true })}/revert`, body: {} }),
    expect: [401, 200, 200, 403, 403, 403],
  },

  { route: 'GET /api/v1/webhooks', target: at('/webhooks'), expect: ADMIN(200) },
  {
    route: 'POST /api/v1/webhooks',
    target: async () => ({ url: '/webhooks', body: webhookBody() }),
    expect: ADMIN(201),
  },
  {
    route: 'GET /api/v1/webhooks/{id}',
    target: async () => ({ url: `/webhooks/${(await webhook()).id}` }),
    expect: ADMIN(200),
  },
  {
    route: 'PATCH /api/v1/webhooks/{id}',
    target: async () => ({ url: `/webhooks/${(await webhook()).id}`, body: { name: unique('改名接收方') } }),
    expect: ADMIN(200),
  },
  {
    route: 'DELETE /api/v1/webhooks/{id}',
    target: async () => ({ url: `/webhooks/${(await webhook()).id}` }),
    expect: ADMIN(204),
  },
  {
    route: 'POST /api/v1/webhooks/{id}/test',
    target: async () => ({ url: `/webhooks/${(await webhook()).id}/test` }),
    expect: ADMIN(200),
  },
  {
    route: 'GET /api/v1/webhooks/{id}/deliveries',
    target: async () => ({ url: `/webhooks/${(await webhook()).id}/deliveries` }),
    expect: ADMIN(200),
  },
  {
    route: 'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    target: async () => ({ url: `${await webhookDelivery()}/redeliver` }),
    expect: ADMIN(200),
  },
];

beforeAll(async () => {
  t = await createTestApp();
  await installSalesSchema(t.database);
  const [m1, m2] = await t.database.query<{ id: number }>(
    `select id from users where username in ('manager1', 'manager2') order by username`,
  );
  const dict = async (type: string, item: string) =>
    (
      await t.database.query<{ id: number }>('select id from dictionary_entries where type = $1 and item = $2', [
        type,
        item,
      ])
    )[0]!.id;
  ids = {
    manager1: m1!.id,
    manager2: m2!.id,
    region: await dict('region', '北京'),
    level: await dict('customerLevel', '大客户'),
    consult: await dict('serviceType', '咨询'),
    stage: await dict('opportunityStage', '需求确认'),
  };
}, 120_000);
afterAll(() => t.close());

/** The status of an endless GET over a real connection (the app listens on demand), the stream then closed. */
async function streamStatus(url: string, client: Client) {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${url}`, {
    headers: client.bearer ? { authorization: `Bearer ${client.bearer}` } : { cookie: client.cookie },
    signal: controller.signal,
  });
  const text = res.status === 200 ? '' : await res.text();
  controller.abort();
  return { status: res.status, text };
}

describe.each(MODES)('access matrix with the %s', (m) => {
  beforeAll(async () => {
    mode = m;
    await signInAll();
  }, 120_000);

  it('answers every route for every role as the table says, and refusals change nothing', async () => {
    const wrong: string[] = [];
    for (const row of ROWS) {
      const [method] = row.route.split(' ') as ['GET' | 'POST' | 'PATCH' | 'DELETE'];
      for (const [i, who] of WHO.entries()) {
        const { url, body } = await row.target(who);
        const client = who === 'anonymous' ? t.anonymous() : row.fresh ? await signedIn(who) : as[who];
        const before = await fingerprint(t.database);
        const res = row.stream
          ? await streamStatus(url, client)
          : await client.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : (body ?? {}));
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
});

describe('access matrix', () => {
  beforeAll(async () => {
    mode = 'cookie';
    await signInAll();
  }, 120_000);

  it('has a row for every registered API route', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const registered = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    // a route may have more than one row: the variants that take other permissions (the customer list's file)
    expect([...new Set(ROWS.map((r) => r.route))].sort()).toEqual(registered);
  });

  // ASVS 15.3.3: fields the server sets are never taken from a body — each is refused with 400, nothing changes.
  it('refuses server-set fields on every create and update', async () => {
    const SERVER_SET: Record<string, unknown> = {
      id: 1,
      number: 'KH20200101001',
      status: 'lost',
      createdBy: 1,
      createdById: 1,
      createdAt: '2020-01-01T00:00:00Z',
      updatedAt: '2020-01-01T00:00:00Z',
      assignee: 1,
      assigneeId: 1,
      assignedAt: '2020-01-01T00:00:00Z',
      handledBy: 1,
      handledAt: '2020-01-01T00:00:00Z',
      confirmedAt: '2020-01-01T00:00:00Z',
      customerId: 1,
      version: 1,
      passwordHash: 'x',
      inUse: false,
      userCount: 0,
      stage: { id: 1, item: 'x' },
      stageId: 1,
    };
    const wrong: string[] = [];
    for (const row of ROWS) {
      const [method] = row.route.split(' ') as ['POST' | 'PATCH'];
      const allowed = WHO.findIndex((_, i) => row.expect[i]! >= 200 && row.expect[i]! < 300);
      if (!['POST', 'PATCH'].includes(method) || row.fresh || row.route.includes('/auth/login') || allowed < 0)
        continue;
      const who = WHO[allowed]! as Exclude<Who, 'anonymous'>;
      const sample = await row.target(who);
      if (!sample.body || typeof sample.body !== 'object') continue;
      for (const [field, value] of Object.entries(SERVER_SET)) {
        if (field in (sample.body as object)) continue; // a field this route legitimately takes
        const { url, body } = await row.target(who);
        const before = await fingerprint(t.database);
        const res = await as[who].request(method, url, { ...(body as object), [field]: value });
        if (res.status !== 400) wrong.push(`${row.route} with ${field}: ${res.status}`);
        else if ((await fingerprint(t.database)) !== before)
          wrong.push(`${row.route} with ${field}: refused but changed data`);
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);
});
