import { DATA_SCOPES, INITIAL_ROLES, SCOPE_FAMILIES, type DataScope } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './test/harness.ts';
import { fingerprint } from './test/fingerprint.ts';
import {
  buildCustomer,
  buildPoolCustomer,
  buildSalesYear,
  download,
  keptTotalsHold,
  ok,
  testApp,
  userId,
} from './test/factories.ts';

/**
 * The access matrix's scope dimension (docs/organisation.md#data-scope, rules 2 to 5): a tree 销售部 > 华北销售部 >
 * 北京组 with a sibling 华南销售部, a manager in 华北, 北京组 and 华南 owning records of every family, and one director
 * of 华北 per scope value — a role with the director's permissions narrowed to that scope in every family. Over HTTP,
 * each director's lists and totals, details, reports, exports, workbench and pickers hold exactly the records of the
 * managers inside the scope, and their writes on a record outside it are refused with the database unchanged. (A churn
 * warning is acted on only by its customer's responsible manager, who is always inside their own scope.)
 */

type Scope = (typeof DATA_SCOPES)[number];
type Owner = 'north' | 'bj' | 'south';
const OWNERS: Owner[] = ['north', 'bj', 'south'];

/** Whose records a director of 华北销售部 sees with each scope (they own none themself). */
const SEES: Record<Scope, Owner[]> = {
  self: [],
  department: ['north'],
  departmentTree: ['north', 'bj'],
  all: ['north', 'bj', 'south'],
};

type Owned = {
  userId: number;
  customer: { id: number; number: string };
  lostCustomer: { id: number; number: string };
  unassigned: number;
  assigned: number;
  newService: number;
  assignedService: number;
  openWarning: number;
  lostWarning: number;
};

const { t, admin } = await testApp('admin');
const YEAR = t.clock.now.getFullYear();
const owned = {} as Record<Owner, Owned>;
const directors = {} as Record<Scope, Client>;
const directorIds = {} as Record<Scope, number>;

const q = <R = Record<string, unknown>>(text: string, params: unknown[] = []) => t.database.query<R>(text, params);
const one = async (text: string, params: unknown[] = []) => (await q<{ id: number }>(text, params))[0]!.id;

/** A department under `parent`, and its rows of the closure table (docs/organisation.md#departments, rule 5). */
async function department(name: string, parent?: number) {
  const id = await one('insert into departments (name, parent_id) values ($1, $2) returning id', [
    name,
    parent ?? null,
  ]);
  await q(
    `insert into department_paths (ancestor_id, descendant_id, depth)
     select ancestor_id, $1::int, depth + 1 from department_paths where descendant_id = $2::int
     union all select $1::int, $1::int, 0`,
    [id, parent ?? null],
  );
  return id;
}

/** A user made through the API (POST /users), placed in a department. */
async function user(username: string, displayName: string, role: string, departmentId: number) {
  const created = ok(await admin.post('/users', { username, displayName, password: 'demo1234', roles: [role] }), 201);
  await q('update users set department_id = $1 where id = $2', [departmentId, created.id]);
  return created.id as number;
}

async function seed(owner: Owner, id: number): Promise<Owned> {
  const customer = await buildCustomer(t, { manager: id, bare: true, name: `范围${owner}客户有限公司` });
  const lostCustomer = await buildCustomer(t, { manager: id, bare: true, name: `范围${owner}流失有限公司` });
  await buildSalesYear(t, customer.number, YEAR, '1000.00');
  const opportunity = (status: string, assignee: number | null) =>
    one(
      `insert into opportunities (customer_name, success_rate, summary, description, status, created_by, assignee_id, assigned_at)
       values ($1, 50, $2, '描述', $3, $4, $5, case when $5::int is null then null else now() end) returning id`,
      [`${owner}机会客户`, `${owner}-${status}`, status, id, assignee],
    );
  const typeId = await one(`select id from dictionary_entries where type = 'serviceType' order by id limit 1`);
  const service = (status: string, assignee: number | null) =>
    one(
      `insert into services (number, type_id, summary, customer_id, status, request, created_by, created_at, assignee_id, assigned_at)
       values ($1, $2, $3, $4, $5, '请求', $6, $7, $8, case when $8::int is null then null else $7::timestamptz end)
       returning id`,
      [`SC-${owner}-${status}`, typeId, `${owner}服务`, customer.id, status, id, t.clock.now.toISOString(), assignee],
    );
  const warning = (customerId: number, status: string) =>
    one(
      `insert into churn_warnings (customer_id, manager_id, status, reason, confirmed_at)
       values ($1, $2, $3::text, case when $3::text = 'lost' then '搬迁' end, case when $3::text = 'lost' then now() end)
       returning id`,
      [customerId, id, status],
    );
  return {
    userId: id,
    customer,
    lostCustomer,
    unassigned: await opportunity('unassigned', null),
    assigned: await opportunity('assigned', id),
    newService: await service('new', null),
    assignedService: await service('assigned', id),
    openWarning: await warning(customer.id, 'warning'),
    lostWarning: await warning(lostCustomer.id, 'lost'),
  };
}

beforeAll(async () => {
  // the administrator also holds the director's role here, so that the roles below stay within what they hold
  await q(`insert into user_roles (user_id, role_id) select $1, id from roles where code = 'director'`, [
    await userId(t, 'admin'),
  ]);

  const sales = await department('销售部');
  const north = await department('华北销售部', sales);
  const bj = await department('北京组', north);
  const south = await department('华南销售部', sales);
  const managerIds: Record<Owner, number> = {
    north: await user('scope_north', '华北经理', 'manager', north),
    bj: await user('scope_bj', '北京经理', 'manager', bj),
    south: await user('scope_south', '华南经理', 'manager', south),
  };
  for (const owner of OWNERS) owned[owner] = await seed(owner, managerIds[owner]);

  for (const scope of DATA_SCOPES) {
    const dataScope = Object.fromEntries(SCOPE_FAMILIES.map((f) => [f, scope])) as DataScope;
    const code = `director_${scope.toLowerCase()}`;
    ok(
      await admin.post('/roles', {
        code,
        name: `主管（${scope}）`,
        permissions: INITIAL_ROLES.director.permissions,
        dataScope,
      }),
      201,
    );
    directorIds[scope] = await user(`scope_dir_${scope.toLowerCase()}`, `华北主管${scope}`, code, north);
    directors[scope] = await t.login(`scope_dir_${scope.toLowerCase()}`);
  }
}, 120_000);

const ids = (items: { id: number }[]) => items.map((i) => i.id).sort((a, b) => a - b);
const of = (scope: Scope, key: keyof Omit<Owned, 'customer' | 'lostCustomer'>) =>
  SEES[scope].map((o) => owned[o][key] as number).sort((a, b) => a - b);
const hidden = (scope: Scope) => OWNERS.filter((o) => !SEES[scope].includes(o));

describe.each(DATA_SCOPES)('a director of 华北销售部 with scope %s', (scope) => {
  const d = () => directors[scope];

  it('lists and counts exactly the opportunities, services and churn warnings in scope', async () => {
    const opportunities = ok(await d().get('/opportunities?pageSize=100'));
    expect(ids(opportunities.items)).toEqual(
      [...of(scope, 'unassigned'), ...of(scope, 'assigned')].sort((a, b) => a - b),
    );
    expect(opportunities.total).toBe(opportunities.items.length);

    const services = ok(await d().get('/services?pageSize=100'));
    expect(ids(services.items)).toEqual(
      [...of(scope, 'newService'), ...of(scope, 'assignedService')].sort((a, b) => a - b),
    );
    expect(services.total).toBe(services.items.length);
    const newServices = ok(await d().get('/services?status=new&pageSize=100'));
    expect(ids(newServices.items)).toEqual(of(scope, 'newService'));
    expect(newServices.total).toBe(newServices.items.length);

    const customers = ok(await d().get('/customers?pageSize=100'));
    const customerIds = SEES[scope].flatMap((o) => [owned[o].customer.id, owned[o].lostCustomer.id]);
    expect(ids(customers.items)).toEqual(customerIds.sort((a, b) => a - b));
    expect(customers.total).toBe(customerIds.length);

    const warnings = ok(await d().get('/churn-warnings?pageSize=100'));
    expect(ids(warnings.items)).toEqual(
      [...of(scope, 'openWarning'), ...of(scope, 'lostWarning')].sort((a, b) => a - b),
    );
    expect(warnings.total).toBe(warnings.items.length);
  });

  it('reads a record in scope (200) and not one outside it (404), plan and history included', async () => {
    for (const owner of OWNERS) {
      const seen = SEES[scope].includes(owner) ? 200 : 404;
      const r = owned[owner];
      expect((await d().get(`/opportunities/${r.assigned}`)).status, `opportunity of ${owner}`).toBe(seen);
      expect((await d().get(`/opportunities/${r.assigned}/plan-items`)).status, `plan of ${owner}`).toBe(seen);
      expect((await d().get(`/services/${r.assignedService}`)).status, `service of ${owner}`).toBe(seen);
      expect((await d().get(`/customers/${r.customer.id}`)).status, `customer of ${owner}`).toBe(seen);
      expect((await d().get(`/churn-warnings/${r.openWarning}`)).status, `warning of ${owner}`).toBe(seen);
    }
  });

  it('reports and exports only the records in scope, totals included', async () => {
    const customersInScope = SEES[scope].flatMap((o) => [owned[o].customer.id, owned[o].lostCustomer.id]);
    const contribution = ok(await d().get('/reports/contribution?pageSize=100'));
    expect(contribution.items.map((r: { customerId: number }) => r.customerId).sort()).toEqual(customersInScope.sort());
    expect(contribution.total).toBe(customersInScope.length);
    expect(contribution.totalAmount).toBe(1000 * SEES[scope].length);
    const year = ok(await d().get(`/reports/contribution?pageSize=100&year=${YEAR}`));
    expect(year.total).toBe(customersInScope.length);
    expect(year.totalAmount).toBe(1000 * SEES[scope].length);

    const contributionCsv = await download(t, d().cookie, '/reports/contribution?format=csv');
    expect(contributionCsv.status).toBe(200);
    expect(contributionCsv.text.trim().split('\r\n')).toHaveLength(1 + customersInScope.length);
    for (const o of OWNERS)
      expect(contributionCsv.text.includes(owned[o].customer.number), `export, ${o}`).toBe(SEES[scope].includes(o));

    expect(ok(await d().get('/reports/composition?by=level')).total).toBe(customersInScope.length);
    expect(ok(await d().get('/reports/services')).total).toBe(2 * SEES[scope].length);
    expect(ok(await d().get(`/reports/services?year=${YEAR}`)).total).toBe(2 * SEES[scope].length);

    const churn = ok(await d().get('/reports/churn?pageSize=100'));
    expect(churn.items.map((r: { warningId: number }) => r.warningId).sort()).toEqual(of(scope, 'lostWarning'));
    expect(churn.total).toBe(SEES[scope].length);
    const churnCsv = await download(t, d().cookie, '/reports/churn?format=csv');
    expect(churnCsv.text.trim().split('\r\n')).toHaveLength(1 + SEES[scope].length);
    for (const o of OWNERS)
      expect(churnCsv.text.includes(owned[o].lostCustomer.number), `churn export, ${o}`).toBe(SEES[scope].includes(o));
  });

  it('counts on the workbench only the records in scope', async () => {
    const w = ok(await d().get('/workbench'));
    const n = SEES[scope].length;
    expect(w.unassignedOpportunities.count).toBe(n);
    expect(ids(w.unassignedOpportunities.items)).toEqual(of(scope, 'unassigned'));
    expect(w.newServices.count).toBe(n);
    expect(ids(w.newServices.items)).toEqual(of(scope, 'newService'));
    expect(w.figures).toMatchObject({
      customers: 2 * n,
      newCustomers: 2 * n,
      orderAmount: 1000 * n,
      openChurnWarnings: n,
      services: 2 * n,
    });
  });

  it('offers in the pickers only the managers in scope, per family', async () => {
    for (const family of ['opportunities', 'services', 'customers']) {
      const listed = ids(ok(await d().get(`/assignees?family=${family}`)));
      for (const o of OWNERS) expect(listed.includes(owned[o].userId), `${family}: ${o}`).toBe(SEES[scope].includes(o));
    }
    expect(ids(ok(await d().get('/assignees')))).toEqual(ids(ok(await d().get('/assignees?family=opportunities'))));
    expect((await d().get('/assignees?family=churn')).status).toBe(400);
  });

  it('gives work only to a manager inside the scope: 400 on assigneeId, the database unchanged', async () => {
    const before = await fingerprint(t.database);
    for (const o of SEES[scope]) {
      const r = owned[o];
      for (const outside of hidden(scope)) {
        const to = { assigneeId: owned[outside].userId };
        const refused = [
          await d().post(`/opportunities/${r.unassigned}/assign`, to),
          await d().post(`/opportunities/${r.assigned}/reassign`, to),
          await d().post(`/services/${r.newService}/assign`, to),
          await d().post(`/services/${r.assignedService}/reassign`, to),
        ];
        for (const res of refused) {
          expect(res.status).toBe(400);
          expect(res.body.error.details[0].path).toBe('assigneeId');
        }
      }
    }
    expect(await fingerprint(t.database)).toBe(before);
  });
});

/** Outside a narrowed scope nothing can be acted on (with `all` nothing is outside). */
describe.each(DATA_SCOPES.filter((s) => s !== 'all'))('a director of 华北销售部 with scope %s', (scope) => {
  const d = () => directors[scope];

  it('acts on no record outside the scope: 404, the database unchanged', async () => {
    const before = await fingerprint(t.database);
    const rows = () =>
      q(`select (select json_agg(o order by id) from opportunities o) as o, (select json_agg(s order by id) from services s) as s,
                (select json_agg(w order by id) from churn_warnings w) as w`);
    const stored = await rows();
    const to = { assigneeId: owned.north.userId };
    for (const o of hidden(scope)) {
      const r = owned[o];
      const version = (
        await q<{ v: number }>('select version as v from opportunities where id = $1', [r.unassigned])
      )[0]!.v;
      expect((await d().patch(`/opportunities/${r.unassigned}`, { version, summary: '改' })).status).toBe(404);
      expect((await d().delete(`/opportunities/${r.unassigned}`)).status).toBe(404);
      expect((await d().post(`/opportunities/${r.unassigned}/assign`, to)).status).toBe(404);
      expect((await d().post(`/opportunities/${r.assigned}/reassign`, to)).status).toBe(404);
      expect((await d().post(`/opportunities/${r.assigned}/fail`, {})).status).toBe(404);
      expect(
        (await d().post(`/opportunities/${r.assigned}/plan-items`, { date: '2026-01-01', content: '拜访' })).status,
      ).toBe(404);
      expect((await d().post(`/services/${r.newService}/assign`, to)).status).toBe(404);
      expect((await d().post(`/services/${r.assignedService}/reassign`, to)).status).toBe(404);
    }
    expect(await fingerprint(t.database)).toBe(before);
    expect(await rows()).toEqual(stored);
  });
});

describe('acting inside the scope', () => {
  it('a departmentTree director assigns and reassigns within the tree, and acts on records of 北京组', async () => {
    const d = directors.departmentTree;
    const r = owned.bj;
    expect(
      ok(await d.post(`/opportunities/${r.assigned}/reassign`, { assigneeId: owned.north.userId })).assignee.id,
    ).toBe(owned.north.userId);
    // created by 北京经理, assigned to 华北经理: still in scope, still read
    expect((await d.get(`/opportunities/${r.assigned}`)).status).toBe(200);
    expect((await d.post(`/services/${r.newService}/assign`, { assigneeId: owned.bj.userId })).status).toBe(200);
  });

  it('a manager with the initial grants still sees every service and customer report row, and only their opportunities', async () => {
    const m = await t.login('scope_south');
    const opportunities = ok(await m.get('/opportunities?pageSize=100'));
    expect(ids(opportunities.items)).toEqual([owned.south.unassigned, owned.south.assigned].sort((a, b) => a - b));
    const services = ok(await m.get('/services?pageSize=100'));
    expect(services.total).toBeGreaterThanOrEqual(6);
    const warnings = ok(await m.get('/churn-warnings?pageSize=100'));
    expect(ids(warnings.items)).toEqual([owned.south.openWarning, owned.south.lostWarning].sort((a, b) => a - b));
  });
});

describe('the pool in the figures', () => {
  it("counts a pool customer and its orders in every director's workbench figures, whatever the scope", async () => {
    const pool = await buildPoolCustomer(t, { bare: true, name: '范围公海客户有限公司' });
    await buildSalesYear(t, pool.number, YEAR, '500.00');
    for (const scope of DATA_SCOPES) {
      const n = SEES[scope].length;
      expect(ok(await directors[scope].get('/workbench')).figures, scope).toMatchObject({
        customers: 2 * n + 1,
        newCustomers: 2 * n + 1,
        orderAmount: 1000 * n + 500,
      });
    }
  });
});

keptTotalsHold('service', () => t);
keptTotalsHold('service department month', () => t);
keptTotalsHold('manager sales', () => t);
