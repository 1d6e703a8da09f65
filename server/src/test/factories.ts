import ExcelJS from 'exceljs';
import type { PoolClient } from 'pg';
import { and, asc, eq } from 'drizzle-orm';
import { customers, dictionaryEntries, users } from '../db/schema/index.ts';
import type { Database } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import type { Reader } from '../platform/scope.ts';
import { insertCustomer, type NewContact, type NewCustomer } from '../modules/customers/create.ts';
import { SALES_DDL, SALES_SCHEMA_EXISTS } from '../sales/ddl.ts';
import { createSalesSystem } from '../sales/system.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type Answer, type Client, type TestApp } from './harness.ts';

/**
 * The one test kit: signed-in clients, ids of the demo users and dictionary, records in any state (customers,
 * opportunities, services, sales orders, report rows), and readers of what the server answers. Records that have a
 * flow (opportunities, services) are taken through the API, so they are what a user could have made.
 */

export const DAY = 86_400_000;

// ——— people ———

/** The demo user who plays a role, for `signIn(t, 'manager')`; any other name is a username. */
const DEMO_USER: Record<string, string> = { manager: 'manager1' };

/**
 * Signs in demo users (password demo1234) by username or role: `const [admin, m1] = await signIn(t, 'admin',
 * 'manager1')`.
 */
export async function signIn<const N extends readonly string[]>(
  t: TestApp,
  ...who: N
): Promise<{ [K in keyof N]: Client }> {
  return Promise.all(who.map((w) => t.login(DEMO_USER[w] ?? w))) as Promise<{ [K in keyof N]: Client }>;
}

/** Everyone of the demo company who signs in: `await testApp(...DEMO_TEAM)`. */
export const DEMO_TEAM = ['director', 'manager1', 'manager2', 'admin', 'executive'] as const;

/**
 * The test file's app, closed after its tests, with demo users signed in — at the top of a test file:
 * `const { t, director, manager1 } = await testApp('director', 'manager1');`
 */
export async function testApp<const N extends string>(...who: N[]): Promise<{ t: TestApp } & Record<N, Client>> {
  const t = await createTestApp();
  afterAll(() => t.close());
  const clients: Client[] = await signIn(t, ...who);
  return Object.assign({ t }, Object.fromEntries(who.map((w, i) => [w, clients[i]]))) as { t: TestApp } & Record<
    N,
    Client
  >;
}

/**
 * A reader who sees every record of every family (as the director, executive and administrator do under the initial
 * grants, docs/organisation.md#data-scope, rule 6): for tests that call a repo or service function directly.
 */
export const WHOLE_COMPANY: Reader = {
  id: 0,
  departmentId: null,
  dataScope: { customers: 'all', opportunities: 'all', services: 'all', churn: 'all' },
};

export async function userId(t: TestApp, username: string): Promise<number> {
  const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** Ids of demo users by username: `const ids = await userIds(t, 'manager1', 'director')`. */
export async function userIds<const N extends string>(t: TestApp, ...usernames: N[]): Promise<Record<N, number>> {
  return Object.fromEntries(await Promise.all(usernames.map(async (u) => [u, await userId(t, u)]))) as Record<
    N,
    number
  >;
}

/** A dictionary entry's id: the given item of the type, or the type's first entry. */
export async function dictionaryId(t: TestApp, type: string, item?: string): Promise<number> {
  const [row] = await t.database.db
    .select({ id: dictionaryEntries.id })
    .from(dictionaryEntries)
    .where(
      item ? and(eq(dictionaryEntries.type, type), eq(dictionaryEntries.item, item)) : eq(dictionaryEntries.type, type),
    )
    .orderBy(asc(dictionaryEntries.id))
    .limit(1);
  if (!row) throw new Error(`no ${type} ${item ?? ''}`);
  return row.id;
}

/**
 * The factories' own clients, one per demo user and test app, signed in again when a test has moved the clock past
 * the session's idle timeout.
 */
const sessions = new WeakMap<TestApp, Map<string, Client>>();

async function send(t: TestApp, who: Client | string, method: 'POST' | 'GET', url: string, body?: unknown) {
  const expected = method === 'POST' && !url.includes('/', 1) ? 201 : 200;
  const call = async (fresh: boolean) => {
    if (typeof who !== 'string') return who.request(method, url, body);
    const mine = sessions.get(t) ?? new Map<string, Client>();
    sessions.set(t, mine);
    if (fresh || !mine.has(who)) mine.set(who, await t.login(who));
    return mine.get(who)!.request(method, url, body);
  };
  let res = await call(false);
  if (res.status === 401 && typeof who === 'string') res = await call(true);
  return ok(res, expected);
}

/** The answer's body, or a thrown error naming what came instead. */
export function ok(res: Answer, status = 200) {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res.body;
}

// ——— customers ———

let serial = 0;

export type BuildCustomer = Partial<Omit<NewCustomer, 'managerId' | 'name'>> & {
  /** A username (default `manager1`) or an id. */
  manager?: string | number;
  name?: string;
  /** Dictionary items, e.g. 北京 / 大客户; default the first entry of the type. */
  region?: string;
  level?: string;
  status?: 'normal' | 'lost';
  /** Creation time (and the day of its number); default the app's clock. */
  createdAt?: Date;
  /** Like a customer created from an opportunity: name and manager only (plus the fields given). */
  bare?: boolean;
  firstContact?: NewContact;
};

/** A customer with a generated number, complete unless `bare`. Answers the stored row (`id`, `number`, …). */
export async function buildCustomer(t: TestApp, o: BuildCustomer = {}) {
  const { manager, name, region, level, status, createdAt, bare, firstContact, ...fields } = o;
  const managerId = typeof manager === 'number' ? manager : await userId(t, manager ?? 'manager1');
  const details = bare
    ? {}
    : {
        regionId: await dictionaryId(t, 'region', region),
        levelId: await dictionaryId(t, 'customerLevel', level),
        satisfaction: 3,
        credit: 4,
        address: '北京市海淀区中关村大街27号',
        phone: '010-62510001',
      };
  return t.database.db.transaction(async (tx) => {
    const created = await insertCustomer(
      tx,
      { requestId: 'test-factory', now: createdAt ?? t.clock.now, actor: null },
      { name: name ?? `测试客户${++serial}有限公司`, managerId, ...details, ...fields },
      firstContact,
    );
    if (status !== 'lost') return created;
    const [lost] = await tx.update(customers).set({ status: 'lost' }).where(eq(customers.id, created.id)).returning();
    return lost!;
  });
}

/**
 * A customer in the pool (docs/organisation.md#customer-pool): built as `buildCustomer` builds it, then without a
 * manager — entered `enteredAt` (default the clock) for `reason` (default `new`; `released` and `returned` keep the
 * manager as the previous one).
 */
export async function buildPoolCustomer(
  t: TestApp,
  o: BuildCustomer & { reason?: 'new' | 'released' | 'returned'; enteredAt?: Date } = {},
) {
  const { reason = 'new', enteredAt, ...rest } = o;
  const built = await buildCustomer(t, rest);
  const [row] = await t.database.db
    .update(customers)
    .set({
      managerId: null,
      poolEnteredAt: enteredAt ?? t.clock.now,
      poolReason: reason,
      previousManagerId: reason === 'new' ? null : built.managerId,
    })
    .where(eq(customers.id, built.id))
    .returning();
  return row!;
}

/** A customer old enough for the churn check (created 400 days before the clock), name and manager only. */
export const buildOldCustomer = (t: TestApp, o: BuildCustomer = {}) =>
  buildCustomer(t, { bare: true, createdAt: new Date(t.clock.now.getTime() - 400 * DAY), ...o });

// ——— opportunities ———

/** A valid new opportunity's body; tests override what they look at. */
export const newOpportunity = (over: Record<string, unknown> = {}) => ({
  source: '展会',
  customerName: '远航科技有限公司',
  successRate: 60,
  summary: '采购办公设备',
  contactName: '陈先生',
  contactPhone: '13800000000',
  description: '客户计划下季度更新全部办公设备',
  ...over,
});

type Record_ = { id: number; version: number; [k: string]: unknown };

/**
 * An opportunity created by `by` (default manager1) and taken to `status`: assigned by `director` to `assignee`
 * (default manager1), then closed by the assignee. Other keys are the opportunity's fields. Answers the last answer.
 */
export async function buildOpportunity(
  t: TestApp,
  o: {
    status?: 'unassigned' | 'assigned' | 'succeeded' | 'failed';
    by?: Client | string;
    director?: Client | string;
    assignee?: string;
    [field: string]: unknown;
  } = {},
): Promise<Record_> {
  const { status = o.assignee ? 'assigned' : 'unassigned', by, director, assignee = 'manager1', ...fields } = o;
  const created = (await send(t, by ?? 'manager1', 'POST', '/opportunities', newOpportunity(fields))) as Record_;
  if (status === 'unassigned') return created;
  const assigned = (await send(t, director ?? 'director', 'POST', `/opportunities/${created.id}/assign`, {
    assigneeId: await userId(t, assignee),
  })) as Record_;
  if (status === 'assigned') return assigned;
  const action = status === 'succeeded' ? 'succeed' : 'fail';
  return (await send(t, assignee, 'POST', `/opportunities/${created.id}/${action}`)) as Record_;
}

// ——— services ———

const serviceCustomers = new WeakMap<TestApp, Promise<{ id: number; number: string; name: string }>>();

/** The customer of services built without one: 北京甲科技有限公司, manager1's, made once per test app. */
export function serviceCustomer(t: TestApp) {
  if (!serviceCustomers.has(t))
    serviceCustomers.set(t, buildCustomer(t, { name: '北京甲科技有限公司', bare: true, manager: 'manager1' }));
  return serviceCustomers.get(t)!;
}

/**
 * A service created by `by` (default manager1) for `customerId` (default `serviceCustomer`), then taken through
 * the flow up to `status`: assigned by the director to `assignee` (default manager1), who handles it and records the
 * feedback. Answers the detail (the feedback's answer when archived).
 */
export async function buildService(
  t: TestApp,
  o: {
    status?: 'new' | 'assigned' | 'handled' | 'archived';
    by?: Client | string;
    assignee?: string;
    type?: string;
    customerId?: number;
    summary?: string;
  } = {},
) {
  const created = await send(t, o.by ?? 'manager1', 'POST', '/services', {
    typeId: await dictionaryId(t, 'serviceType', o.type ?? '咨询'),
    summary: o.summary ?? '询问产品价格',
    customerId: o.customerId ?? (await serviceCustomer(t)).id,
    request: '客户来电询问新产品的报价',
  });
  const status = o.status ?? 'new';
  if (status === 'new') return created;
  const assignee = o.assignee ?? 'manager1';
  await send(t, 'director', 'POST', `/services/${created.id}/assign`, { assigneeId: await userId(t, assignee) });
  if (status === 'assigned') return send(t, 'manager1', 'GET', `/services/${created.id}`);
  await send(t, assignee, 'POST', `/services/${created.id}/handle`, { handling: '已电话回复报价' });
  if (status === 'handled') return send(t, 'manager1', 'GET', `/services/${created.id}`);
  return send(t, assignee, 'POST', `/services/${created.id}/feedback`, { result: '客户满意', satisfaction: 5 });
}

/** A service's stored row, as the database has it. */
export const serviceRow = async (t: TestApp, id: number) =>
  (await t.database.query<Record<string, unknown>>('select * from services where id = $1', [id]))[0]!;

/** The kinds of a service's history events, oldest first. */
export const serviceEvents = async (t: TestApp, id: number) =>
  (
    await t.database.query<{ kind: string }>('select kind from service_events where service_id = $1 order by id', [id])
  ).map((e) => e.kind);

// ——— the customer portal ———

/**
 * A contact of `customerId` invited by `by` (default the director) to the customer portal: the invitation's answer.
 * A new contact unless `contactId` is given.
 */
export async function invitePortalContact(
  t: TestApp,
  o: { customerId: number; contactId?: number; by?: Client | string; name?: string },
) {
  const by = typeof o.by === 'object' ? o.by : await t.login(o.by ?? 'director');
  const contactId =
    o.contactId ??
    (
      ok(
        await by.post(`/customers/${o.customerId}/contacts`, {
          name: o.name ?? `门户联系人${++serial}`,
          sex: 'female',
          position: '采购经理',
          officePhone: '010-62510002',
        }),
        201,
      ) as { id: number }
    ).id;
  const invitation = ok(await by.post(`/customers/${o.customerId}/contacts/${contactId}/portal-access`), 201) as {
    inviteUrl: string;
    token: string;
    expiresAt: string;
  };
  return { contactId, ...invitation };
}

/**
 * A portal user of `customerId`: a contact invited and accepted (password `portal-pass-1`), its client signed in to
 * the portal (`/api/portal/v1/...` URLs) — `await buildPortalUser(t, { customerId })`.
 */
export async function buildPortalUser(
  t: TestApp,
  o: { customerId: number; username?: string; by?: Client | string; name?: string; address?: string },
) {
  const invitation = await invitePortalContact(t, o);
  const client = t.anonymous(o.address);
  const username = o.username ?? `portal${++serial}`;
  const me = ok(
    await client.post('/api/portal/v1/auth/accept', { token: invitation.token, username, password: 'portal-pass-1' }),
    201,
  ) as { contact: { id: number; name: string }; customer: { id: number; number: string; name: string } };
  return { client, username, password: 'portal-pass-1', contactId: invitation.contactId, me };
}

// ——— rows the reports and the churn check read, written straight into their tables ———

/** One year's counted figures of a customer number, as the sales refresh would write them. */
export const buildSalesYear = (t: TestApp, customerNo: string, year: number, amount: string, lastOrderDate?: string) =>
  t.database.query(
    'insert into customer_sales_years (customer_no, year, amount, order_count, last_order_date) values ($1, $2, $3, 1, $4)',
    [customerNo, year, amount, lastOrderDate ?? `${year}-06-30`],
  );

/** A service row at any past instant (the API would stamp the clock's); for the reports. */
export async function insertServiceRow(
  t: TestApp,
  o: { type: string; customerId: number; createdAt: Date; status?: string; assignee?: string; summary?: string },
) {
  const n = ++serial;
  const [row] = await t.database.query<{ id: number }>(
    `insert into services (number, type_id, summary, customer_id, status, request, created_by, created_at, assignee_id, assigned_at, handled_at)
     values ($1, $2, $3, $4, $5, '请求', $6, $7, $8, case when $8::int is null then null else $7::timestamptz end,
             case when $5 = 'handled' then $7::timestamptz end) returning id`,
    [
      `RT${n}`,
      await dictionaryId(t, 'serviceType', o.type),
      o.summary ?? `服务${n}`,
      o.customerId,
      o.status ?? 'new',
      await userId(t, 'manager1'),
      o.createdAt.toISOString(),
      o.assignee ? await userId(t, o.assignee) : null,
    ],
  );
  return row!.id;
}

/** An opportunity row at any past instant; for the reports. */
export async function insertOpportunityRow(
  t: TestApp,
  o: { summary: string; customerName: string; assignee?: string; status?: string; createdAt?: Date },
) {
  const [row] = await t.database.query<{ id: number }>(
    `insert into opportunities (customer_name, success_rate, summary, description, status, created_by, created_at, assignee_id, assigned_at)
     values ($1, 50, $2, '描述', $3, $4, $5, $6, case when $6::int is null then null else $5::timestamptz end) returning id`,
    [
      o.customerName,
      o.summary,
      o.status ?? (o.assignee ? 'assigned' : 'unassigned'),
      await userId(t, 'director'),
      (o.createdAt ?? t.clock.now).toISOString(),
      o.assignee ? await userId(t, o.assignee) : null,
    ],
  );
  return row!.id;
}

/** A churn warning in any status, as the check and the managers would have left it. */
export async function insertChurnWarning(
  t: TestApp,
  o: {
    customerId: number;
    manager: string;
    status: string;
    lastOrderDate?: string | null;
    reason?: string;
    confirmedAt?: Date;
  },
) {
  const [row] = await t.database.query<{ id: number }>(
    `insert into churn_warnings (customer_id, manager_id, last_order_date, status, reason, confirmed_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      o.customerId,
      await userId(t, o.manager),
      o.lastOrderDate ?? null,
      o.status,
      o.reason ?? null,
      o.confirmedAt?.toISOString() ?? null,
    ],
  );
  return row!.id;
}

/** A sales order of `customerNo` on `date`, without lines; status 5 (shipped) by default, 1–4 do not count. */
export const buildOrder = (t: TestApp, customerNo: string, date: string, status = 5) =>
  salesWriter(t.database.query).order({ customerNo, date, status });

/** The latest churn warning of a customer. */
export async function churnWarningOf(t: TestApp, customerId: number) {
  const [row] = await t.database.query<{
    id: number;
    status: string;
    last_order_date: string | null;
    manager_id: number;
  }>(
    'select id, status, last_order_date, manager_id from churn_warnings where customer_id = $1 order by id desc limit 1',
    [customerId],
  );
  return row;
}

/** How many rows a `select count(*)::int as n …` counts. */
export async function count(t: TestApp, sql: string, params: unknown[] = []) {
  const [row] = await t.database.query<{ n: number }>(sql, params);
  return Number(row!.n);
}

/** The fields a 400 answer names. */
export const errorPaths = (res: { body: { error?: { details?: { path: string }[] } } }) =>
  (res.body.error?.details ?? []).map((d) => d.path);

// ——— the sales system ———

/** The app's dependencies, for calling services directly; close `sales` when done. */
export const depsOf = (t: TestApp): Deps => ({
  config: t.config,
  database: t.database,
  db: t.database.db,
  sales: createSalesSystem(t.config, t.database),
});

/** The test databases have no `sales` schema: this creates it (the same DDL as the demo). */
export async function installSalesSchema(database: Pick<Database, 'query' | 'pglite'>) {
  const [row] = await database.query<{ exists: boolean }>(SALES_SCHEMA_EXISTS);
  if (row?.exists) return;
  if (database.pglite) await database.pglite.exec(SALES_DDL);
  else await database.query(SALES_DDL);
}

let nextSalesId = 1_000;
const newSalesId = () => ++nextSalesId;

export type SalesWriter = ReturnType<typeof salesWriter>;

/**
 * Products, inventory and orders in the sales database (the CRM's own one, or a separate one: `query` runs there).
 * Ids are chosen here so that tests can refer to them.
 */
export function salesWriter(query: Database['query']) {
  return {
    async product(p: {
      name: string;
      model?: string;
      batch?: string;
      unit?: string;
      price?: number;
      memo?: string | null;
    }) {
      const id = newSalesId();
      await query(
        'insert into sales.products (id, name, model, batch, unit, price, memo) values ($1, $2, $3, $4, $5, $6, $7)',
        [id, p.name, p.model ?? 'M1', p.batch ?? 'B1', p.unit ?? '台', p.price ?? 100, p.memo ?? null],
      );
      return id;
    },
    async inventory(i: {
      productId: number;
      warehouse: string;
      location?: string;
      quantity?: number;
      memo?: string | null;
    }) {
      const id = newSalesId();
      await query(
        'insert into sales.inventory (id, product_id, warehouse, location, quantity, memo) values ($1, $2, $3, $4, $5, $6)',
        [id, i.productId, i.warehouse, i.location ?? 'A-01', i.quantity ?? 10, i.memo ?? null],
      );
      return id;
    },
    /** An order with its lines; `status` 5 (shipped, the default) or 6 counts, 1–4 do not. */
    async order(o: {
      customerNo: string;
      date: string;
      status?: number;
      shipAddress?: string;
      lines?: { productId: number; quantity: number; unitPrice: number; unit?: string }[];
    }) {
      const id = newSalesId();
      await query(
        'insert into sales.orders (id, customer_no, order_date, ship_address, status) values ($1, $2, $3, $4, $5)',
        [id, o.customerNo, o.date, o.shipAddress ?? '北京市海淀区中关村大街1号', o.status ?? 5],
      );
      for (const l of o.lines ?? []) {
        await query(
          'insert into sales.order_lines (id, order_id, product_id, quantity, unit, unit_price) values ($1, $2, $3, $4, $5, $6)',
          [newSalesId(), id, l.productId, l.quantity, l.unit ?? '台', l.unitPrice],
        );
      }
      return id;
    },
    setStatus: (orderId: number, status: number) =>
      query('update sales.orders set status = $2 where id = $1', [orderId, status]),
  };
}

// ——— files the server sends ———

/** A report file as the server sends it: status, headers and raw bytes (inject, so that binary stays binary). */
export async function download(t: TestApp, cookie: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.rawPayload.toString('utf8') };
}

/** The first sheet of an XLSX file as rows of cell values. */
export async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows: out };
}

/**
 * Where a table of totals kept by triggers differs from a recount (`counted`: a query answering the same key and
 * figure columns): one line per key whose figures differ, `key: kept … ≠ counted …`; empty when they agree. Rows kept
 * at zero count as absent.
 */
async function keptDrift(t: TestApp, kept: string, counted: string, keys: string[], figures: string[]) {
  const key = `concat_ws('/', ${keys.map((k) => `coalesce(${k}::text, 'null')`).join(', ')}) as key`;
  const side = (a: string) => figures.map((f) => `coalesce(${a}.${f}, 0)`);
  const drift = await t.database.query<{ key: string; kept: string; counted: string }>(
    `select key, concat_ws(' ', ${side('k').join(', ')}) as kept, concat_ws(' ', ${side('c').join(', ')}) as counted
     from (select ${key}, ${figures.join(', ')} from ${kept} where ${figures.map((f) => `${f} <> 0`).join(' or ')}) k
     full join (select ${key}, ${figures.join(', ')} from (${counted}) x) c using (key)
     where ${figures.map((f) => `coalesce(k.${f}, 0) <> coalesce(c.${f}, 0)`).join(' or ')}`,
  );
  return drift.map((d) => `${d.key}: kept ${d.kept} ≠ counted ${d.counted}`);
}

/** The kept opportunity totals (migration 0033) against a recount of the opportunities. */
export const opportunityTotalsDrift = (t: TestApp) =>
  keptDrift(
    t,
    'opportunity_totals',
    `select created_by, coalesce(assignee_id, 0) as assignee_id, status, coalesce(stage_id, 0) as stage_id,
            count(*) as n, coalesce(sum(expected_amount), 0) as amount
     from opportunities group by 1, 2, 3, 4`,
    ['created_by', 'assignee_id', 'status', 'stage_id'],
    ['n', 'amount'],
  );

/** The kept risk counts per manager and level (migration 0034) against a recount of the risks. */
export const riskTotalsDrift = (t: TestApp) =>
  keptDrift(
    t,
    'customer_risk_totals',
    'select manager_id, level, count(*) as n from customer_risk group by 1, 2',
    ['manager_id', 'level'],
    ['n'],
  );

/** The services counted per the departments of their four people (0: none) and `by`. */
const servicesPerDepartments = (by: string) =>
  `select coalesce(uc.department_id, 0) as creator_department, coalesce(ua.department_id, 0) as assignee_department,
          coalesce(uh.department_id, 0) as handler_department, coalesce(um.department_id, 0) as manager_department,
          ${by}, count(*) as n
   from services s join customers c on c.id = s.customer_id
   left join users uc on uc.id = s.created_by left join users ua on ua.id = s.assignee_id
   left join users uh on uh.id = s.handled_by left join users um on um.id = c.manager_id
   group by 1, 2, 3, 4, 5`;

/** The kept service counts per departments and status (migration 0035) against a recount of the services. */
export const serviceTotalsDrift = (t: TestApp) =>
  keptDrift(
    t,
    'service_totals',
    servicesPerDepartments('s.status'),
    ['creator_department', 'assignee_department', 'handler_department', 'manager_department', 'status'],
    ['n'],
  );

/** The kept order amounts per manager and year (migration 0036) against a sum over the customers' figures. */
export const managerSalesDrift = (t: TestApp) =>
  keptDrift(
    t,
    'manager_sales_years',
    `select c.manager_id, y.year, sum(y.amount) as amount
     from customer_sales_years y join customers c on c.number = y.customer_no group by 1, 2`,
    ['manager_id', 'year'],
    ['amount'],
  );

/** The kept service counts per departments and UTC month (migration 0042) against a recount of the services. */
export const serviceMonthTotalsDrift = (t: TestApp) =>
  keptDrift(
    t,
    'service_month_totals',
    servicesPerDepartments(`date_trunc('month', s.created_at at time zone 'UTC')::date as month`),
    ['creator_department', 'assignee_department', 'handler_department', 'manager_department', 'month'],
    ['n'],
  );

/** The kept service counts per type and UTC month (migration 0039) against a recount of the services. */
export const serviceMonthsDrift = (t: TestApp) =>
  keptDrift(
    t,
    'service_months',
    `select type_id, date_trunc('month', created_at at time zone 'UTC')::date as month, count(*) as n
     from services group by 1, 2`,
    ['type_id', 'month'],
    ['n'],
  );

const keptTotals = {
  opportunity: { table: 'opportunity_totals', migration: '0033', figure: 'n', drift: opportunityTotalsDrift },
  risk: { table: 'customer_risk_totals', migration: '0034', figure: 'n', drift: riskTotalsDrift },
  service: { table: 'service_totals', migration: '0035', figure: 'n', drift: serviceTotalsDrift },
  'manager sales': { table: 'manager_sales_years', migration: '0036', figure: 'amount', drift: managerSalesDrift },
  'service month': { table: 'service_months', migration: '0039', figure: 'n', drift: serviceMonthsDrift },
  'service department month': {
    table: 'service_month_totals',
    migration: '0042',
    figure: 'n',
    drift: serviceMonthTotalsDrift,
  },
};

/**
 * The last test of a file whose tests change what a table of kept totals counts: the table holds figures and they
 * equal a recount after every change above (`app`: the file's test app, read when the test runs).
 */
export const keptTotalsHold = (kind: keyof typeof keptTotals, app: () => TestApp) =>
  describe(`the kept ${kind} totals (migration ${keptTotals[kind].migration})`, () => {
    it('equal a recount after every change above', async () => {
      const { table, figure, drift } = keptTotals[kind];
      expect(await count(app(), `select count(*)::int as n from ${table} where ${figure} <> 0`)).toBeGreaterThan(0);
      expect(await drift(app())).toEqual([]);
    });
  });

/**
 * Two writes in transactions that overlap (PostgreSQL only): runs `first` in an open transaction, then `second` on
 * another connection, then (`then`) more of the first transaction, then commits it. True when the second was still
 * waiting 300 ms after it started.
 */
export async function overlapping(
  t: TestApp,
  first: (c: PoolClient) => Promise<unknown>,
  second: (c: PoolClient) => Promise<unknown>,
  then?: (c: PoolClient) => Promise<unknown>,
) {
  const pool = t.database.pool!;
  const [a, b] = [await pool.connect(), await pool.connect()];
  try {
    await a.query('begin');
    await first(a);
    let secondDone = false;
    const running = second(b).then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waited = !secondDone;
    await then?.(a);
    await a.query('commit');
    await running;
    return waited;
  } finally {
    a.release();
    b.release();
  }
}
