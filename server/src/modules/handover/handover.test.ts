import { describe, expect, it } from 'vitest';
import { regionalTeam } from '../../test/departments.ts';
import { fingerprint } from '../../test/fingerprint.ts';
import {
  buildCustomer,
  buildOpportunity,
  buildService,
  errorPaths,
  insertChurnWarning,
  keptTotalsHold,
  serviceEvents,
  testApp,
  userIds,
} from '../../test/factories.ts';

/** docs/organisation.md#transfer-and-handover, rules 2 and 3: a leaving user's work goes to a successor. */
const { t, admin, director, manager1 } = await testApp('admin', 'director', 'manager1');
const ids = await userIds(t, 'manager1', 'manager2', 'director');

let n = 0;
/** A fresh manager (password demo1234, so that the factories can act as them). */
async function newManager() {
  const username = `leaver${++n}`;
  const res = await admin.post('/users', {
    username,
    displayName: `离职经理${n}`,
    password: 'demo1234',
    roles: ['manager'],
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as number, username };
}

const column = async (table: string, col: string, id: number) =>
  (await t.database.query<{ v: unknown }>(`select ${col} as v from ${table} where id = $1`, [id]))[0]!.v;

/** A leaving manager with work in every state: what moves and what stays. */
async function leaverWithWork() {
  const leaver = await newManager();
  const customers = [
    await buildCustomer(t, { manager: leaver.id }),
    await buildCustomer(t, { manager: leaver.id, status: 'lost' }),
  ];
  const someoneElses = await buildCustomer(t, { manager: 'manager2' });
  const opportunities = {
    assigned: [
      await buildOpportunity(t, { assignee: leaver.username }),
      await buildOpportunity(t, { assignee: leaver.username }),
    ],
    closed: [
      await buildOpportunity(t, { assignee: leaver.username, status: 'succeeded' }),
      await buildOpportunity(t, { assignee: leaver.username, status: 'failed' }),
    ],
    unassigned: await buildOpportunity(t, { by: leaver.username }),
  };
  const services = {
    assigned: [
      await buildService(t, { status: 'assigned', assignee: leaver.username }),
      await buildService(t, { status: 'assigned', assignee: leaver.username }),
    ],
    closed: [
      await buildService(t, { status: 'handled', assignee: leaver.username }),
      await buildService(t, { status: 'archived', assignee: leaver.username }),
    ],
    unassigned: await buildService(t, { by: leaver.username }),
  };
  const warnings = {
    open: [
      await insertChurnWarning(t, { customerId: customers[0]!.id, manager: leaver.username, status: 'warning' }),
      // raised for the leaver on a customer someone else has now
      await insertChurnWarning(t, { customerId: someoneElses.id, manager: leaver.username, status: 'delayed' }),
    ],
    closed: await insertChurnWarning(t, {
      customerId: customers[1]!.id,
      manager: leaver.username,
      status: 'recovered',
    }),
  };
  // the succeeded opportunity made a customer of its own, the leaver's (docs/product.md#development-plans, rule 5)
  const [made] = await t.database.query<{ id: number }>(
    'select id from customers where manager_id = $1 and id <> all($2::int[])',
    [leaver.id, customers.map((c) => c.id)],
  );
  customers.push(made as (typeof customers)[number]);
  return { leaver, customers, opportunities, services, warnings };
}

describe('handing over a leaving user’s work', () => {
  it('moves every customer and only the open work, answers the exact counts, and audits once', async () => {
    const w = await leaverWithWork();
    const res = await admin.post(`/users/${w.leaver.id}/handover`, { toUserId: ids.manager2 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ customers: 3, opportunities: 2, services: 2, churnWarnings: 2 });

    for (const c of w.customers) expect(await column('customers', 'manager_id', c.id)).toBe(ids.manager2);
    for (const o of w.opportunities.assigned) {
      expect(await column('opportunities', 'assignee_id', o.id)).toBe(ids.manager2);
      expect(await column('opportunities', 'version', o.id)).toBe(o.version + 1);
    }
    for (const o of w.opportunities.closed) {
      const closed = o.opportunity as { id: number }; // closing answers the opportunity inside
      expect(await column('opportunities', 'assignee_id', closed.id)).toBe(w.leaver.id);
    }
    expect(await column('opportunities', 'created_by', w.opportunities.unassigned.id)).toBe(w.leaver.id);
    for (const s of w.services.assigned) {
      expect(await column('services', 'assignee_id', s.id)).toBe(ids.manager2);
      expect((await serviceEvents(t, s.id as number)).at(-1)).toBe('assigned');
    }
    for (const s of w.services.closed) expect(await column('services', 'assignee_id', s.id)).toBe(w.leaver.id);
    for (const id of w.warnings.open) expect(await column('churn_warnings', 'manager_id', id)).toBe(ids.manager2);
    expect(await column('churn_warnings', 'manager_id', w.warnings.closed)).toBe(w.leaver.id);

    const audits = await t.database.query<{ action: string; after: Record<string, unknown> }>(
      `select action, after from audit_log where entity = 'user' and entity_id = $1 and action = 'handover'`,
      [String(w.leaver.id)],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({
      toUserId: ids.manager2,
      customers: 3,
      opportunities: 2,
      services: 2,
      churnWarnings: 2,
      moved: { customers: w.customers.map((c) => c.id).sort((a, b) => a - b) },
    });

    // a second handover finds nothing left
    const again = await admin.post(`/users/${w.leaver.id}/handover`, { toUserId: ids.manager1 });
    expect(again.body).toEqual({ customers: 0, opportunities: 0, services: 0, churnWarnings: 0 });
  });

  it('works for a disabled user (nothing stays stuck), and a director may do it too', async () => {
    const w = await leaverWithWork();
    expect((await admin.patch(`/users/${w.leaver.id}`, { active: false })).status).toBe(200);
    const res = await director.post(`/users/${w.leaver.id}/handover`, { toUserId: ids.manager1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ customers: 3, opportunities: 2, services: 2, churnWarnings: 2 });
  });

  it('refuses the user themself, a disabled user or a non-manager as successor (400 toUserId), moving nothing', async () => {
    const w = await leaverWithWork();
    const gone = await newManager();
    await admin.patch(`/users/${gone.id}`, { active: false });
    const before = await fingerprint(t.database);
    for (const toUserId of [w.leaver.id, gone.id, ids.director, 99_999_999]) {
      const res = await admin.post(`/users/${w.leaver.id}/handover`, { toUserId });
      expect(res.status).toBe(400);
      expect(errorPaths(res)).toEqual(['toUserId']);
    }
    expect((await admin.post('/users/99999999/handover', { toUserId: ids.manager2 })).status).toBe(404);
    expect((await manager1.post(`/users/${w.leaver.id}/handover`, { toUserId: ids.manager2 })).status).toBe(403);
    expect(await fingerprint(t.database)).toBe(before);
    expect(await column('customers', 'manager_id', w.customers[0]!.id)).toBe(w.leaver.id);
  });

  it('is one transaction: a failure half-way leaves everything where it was', async () => {
    const w = await leaverWithWork();
    // the services come after the customers, the warnings and the opportunities: make their history refuse a row
    await t.database.query(`create function refuse_event() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$`);
    await t.database.query(
      'create trigger refuse_event before insert on service_events for each row execute function refuse_event()',
    );
    try {
      const before = await fingerprint(t.database);
      const res = await admin.post(`/users/${w.leaver.id}/handover`, { toUserId: ids.manager2 });
      expect(res.status).toBe(500);
      expect(await fingerprint(t.database)).toBe(before);
      for (const c of w.customers) expect(await column('customers', 'manager_id', c.id)).toBe(w.leaver.id);
      for (const o of w.opportunities.assigned)
        expect(await column('opportunities', 'assignee_id', o.id)).toBe(w.leaver.id);
      for (const id of w.warnings.open) expect(await column('churn_warnings', 'manager_id', id)).toBe(w.leaver.id);
    } finally {
      await t.database.query('drop trigger refuse_event on service_events');
      await t.database.query('drop function refuse_event()');
    }
  });
});

describe('handover inside the data scope (docs/organisation.md#data-scope, rule 5)', () => {
  it('a director with department scope hands over only users of the department, to a manager of it', async () => {
    const north = await regionalTeam(t, admin, '华北', 'north');
    const south = await regionalTeam(t, admin, '华南', 'south');
    const c = await buildCustomer(t, { manager: south.managerId });
    const before = await fingerprint(t.database);
    expect(
      (await north.director.post(`/users/${south.managerId}/handover`, { toUserId: north.managerId })).status,
    ).toBe(404);
    expect((await north.director.post(`/users/${ids.manager1}/handover`, { toUserId: north.managerId })).status).toBe(
      404,
    );
    const outsider = await south.director.post(`/users/${south.managerId}/handover`, { toUserId: north.managerId });
    expect(outsider.status).toBe(400);
    expect(errorPaths(outsider)).toEqual(['toUserId']);
    expect(await fingerprint(t.database)).toBe(before);

    const ok = await north.director.post(`/users/${north.managerId}/handover`, { toUserId: north.directorId });
    expect(ok.status).toBe(400); // a director is no manager
    expect(
      (await south.director.post(`/users/${south.managerId}/handover`, { toUserId: south.managerId })).status,
    ).toBe(400);
    expect(await column('customers', 'manager_id', c.id)).toBe(south.managerId);
  });
});

describe('the team a director may hand over (GET /team, docs/organisation.md#transfer-and-handover, rule 4)', () => {
  it('lists the users inside the customer scope, disabled ones too, with exactly the open work a handover moves', async () => {
    const w = await leaverWithWork();
    expect((await admin.patch(`/users/${w.leaver.id}`, { active: false })).status).toBe(200);
    const res = await director.get(`/team?q=${w.leaver.username}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, page: 1 });
    expect(res.body.items).toEqual([
      {
        id: w.leaver.id,
        username: w.leaver.username,
        displayName: expect.any(String),
        departmentId: null,
        active: false,
        holds: { customers: 3, opportunities: 2, services: 2, churnWarnings: 2 },
      },
    ]);
    // the counts are what the handover then answers, and afterwards the user holds nothing
    const moved = await director.post(`/users/${w.leaver.id}/handover`, { toUserId: ids.manager1 });
    expect(moved.body).toEqual(res.body.items[0].holds);
    const after = await director.get(`/team?q=${w.leaver.username}`);
    expect(after.body.items[0].holds).toEqual({ customers: 0, opportunities: 0, services: 0, churnWarnings: 0 });
  });

  it('a department director sees only the department, an administrator everyone, a manager nobody (403)', async () => {
    const north = await regionalTeam(t, admin, '华北团队', 'tnorth');
    const south = await regionalTeam(t, admin, '华南团队', 'tsouth');
    await buildCustomer(t, { manager: north.managerId });
    const team = await north.director.get('/team?pageSize=100');
    expect(team.status).toBe(200);
    expect(team.body.items.map((u: { id: number }) => u.id).sort()).toEqual([north.managerId, north.directorId].sort());
    expect(team.body.items.find((u: { id: number }) => u.id === north.managerId).holds.customers).toBe(1);
    expect((await north.director.get('/team?active=false')).body.total).toBe(0);
    const everyone = await admin.get('/team?pageSize=100&q=tsouth');
    expect(everyone.body.items.map((u: { id: number }) => u.id).sort()).toEqual(
      [south.managerId, south.directorId].sort(),
    );
    expect((await manager1.get('/team')).status).toBe(403);
  });
});

describe('a transfer racing a handover of the same customers', () => {
  it('leaves each customer with one manager, its open churn warning with the same one', async () => {
    const leaver = await newManager();
    const customers = [];
    for (let i = 0; i < 8; i++) {
      const c = await buildCustomer(t, { manager: leaver.id });
      await insertChurnWarning(t, { customerId: c.id, manager: leaver.username, status: 'warning' });
      customers.push(c);
    }
    const [transfer, handover] = await Promise.all([
      director.post('/customers/transfer', {
        customerIds: customers.map((c) => c.id).reverse(),
        toManagerId: ids.manager2,
      }),
      admin.post(`/users/${leaver.id}/handover`, { toUserId: ids.manager1 }),
    ]);
    expect(transfer.status).toBe(200);
    expect(handover.status).toBe(200);
    const rows = await t.database.query<{ manager: number; warned: number; version: number }>(
      `select c.manager_id as manager, w.manager_id as warned, c.version from customers c
       join churn_warnings w on w.customer_id = c.id and w.status in ('warning', 'delayed')
       where c.id = any($1::int[]) order by c.id`,
      [customers.map((c) => c.id)],
    );
    expect(rows).toHaveLength(8);
    const managers = new Set(rows.map((r) => r.manager));
    expect(managers.size).toBe(1); // one of the two went first, wholly
    for (const r of rows) expect(r.warned).toBe(r.manager);
    // the transfer always moves them (from the leaver, or from the handover's successor); the handover either first
    // (8 moved, then transferred on) or second (found none left)
    expect(transfer.body).toEqual({ transferred: 8 });
    expect([0, 8]).toContain(handover.body.customers);
    expect(rows.every((r) => r.manager === ids.manager2)).toBe(true);
    expect(rows[0]!.version).toBe(handover.body.customers === 8 ? 3 : 2);
  });
});

keptTotalsHold('opportunity', () => t);
keptTotalsHold('service', () => t);
keptTotalsHold('service department month', () => t);
