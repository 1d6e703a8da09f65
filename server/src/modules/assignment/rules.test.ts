import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertUserWithRoles } from '../../db/seed/users.ts';
import {
  DEMO_TEAM,
  buildCustomer,
  buildPoolCustomer,
  buildPortalUser,
  buildService,
  count,
  dictionaryId,
  errorPaths,
  ok,
  testApp,
  userIds,
} from '../../test/factories.ts';

/** docs/assignment-rules.md: rules, their checks, and how they assign new services. */
const { t, director, manager1, admin, executive } = await testApp(...DEMO_TEAM);
const ids = await userIds(t, 'director', 'manager1', 'manager2');
let m3: number, m4: number;
let type: Record<'consult' | 'complaint', number>;
let region: Record<'beijing' | 'north', number>;
let level: Record<'big' | 'normal', number>;
let customer: Record<'beijingBig' | 'northNormal' | 'ofManager2', { id: number }>;

beforeAll(async () => {
  [m3, m4] = await t.database.db.transaction(async (tx): Promise<[number, number]> => [
    await insertUserWithRoles(tx, {
      username: 'rr3',
      displayName: '三号经理',
      password: 'demo1234',
      roles: ['manager'],
    }),
    await insertUserWithRoles(tx, {
      username: 'rr4',
      displayName: '四号经理',
      password: 'demo1234',
      roles: ['manager'],
    }),
  ]);
  type = {
    consult: await dictionaryId(t, 'serviceType', '咨询'),
    complaint: await dictionaryId(t, 'serviceType', '投诉'),
  };
  region = { beijing: await dictionaryId(t, 'region', '北京'), north: await dictionaryId(t, 'region', '华北') };
  level = {
    big: await dictionaryId(t, 'customerLevel', '大客户'),
    normal: await dictionaryId(t, 'customerLevel', '普通客户'),
  };
  customer = {
    beijingBig: await buildCustomer(t, { region: '北京', level: '大客户' }),
    northNormal: await buildCustomer(t, { region: '华北', level: '普通客户' }),
    ofManager2: await buildCustomer(t, { region: '北京', level: '普通客户', manager: 'manager2' }),
  };
});
beforeEach(async () => {
  await t.database.query('delete from assignment_rules');
  await t.database.query(`update users set active = true where id = any($1)`, [[m3, m4]]);
});

const rule = (over: Record<string, unknown> = {}) => ({
  name: '投诉轮流',
  active: true,
  priority: 10,
  conditions: {},
  strategy: 'roundRobin',
  assigneeIds: [ids.manager1, ids.manager2],
  ...over,
});
const addRule = async (over: Record<string, unknown> = {}) =>
  ok(await director.post('/assignment-rules', rule(over)), 201);
/** A new service by manager1 (answers the detail). */
const create = async (customerId: number, typeId = type.complaint) =>
  ok(await manager1.post('/services', { typeId, summary: '自动分配测试', customerId, request: '客户反映问题' }), 201);

describe('managing rules (docs/assignment-rules.md#rules)', () => {
  it('creates, lists by priority, changes and deletes a rule, each audited', async () => {
    const second = await addRule({ name: '第二', priority: 20 });
    const first = await addRule({
      name: '第一',
      priority: 5,
      conditions: { typeIds: [type.complaint], regionIds: [region.north], levelIds: [level.big] },
    });
    expect(first).toMatchObject({
      name: '第一',
      active: true,
      priority: 5,
      conditions: { typeIds: [type.complaint], regionIds: [region.north], levelIds: [level.big] },
      strategy: 'roundRobin',
      assigneeIds: [ids.manager1, ids.manager2],
      assignees: [
        { id: ids.manager1, displayName: '李经理', active: true },
        { id: ids.manager2, active: true },
      ],
      problems: [],
    });
    const list = ok(await admin.get('/assignment-rules'));
    expect(list.items.map((r: { name: string }) => r.name)).toEqual(['第一', '第二']);
    expect(list.total).toBe(2);

    const changed = ok(await director.patch(`/assignment-rules/${second.id}`, { priority: 1, active: false }));
    expect(changed).toMatchObject({ priority: 1, active: false, name: '第二' });
    expect(ok(await director.get('/assignment-rules')).items[0].id).toBe(second.id);
    // a change of conditions replaces all three
    const any = ok(await director.patch(`/assignment-rules/${first.id}`, { conditions: { typeIds: [type.consult] } }));
    expect(any.conditions).toEqual({ typeIds: [type.consult], regionIds: [], levelIds: [] });

    expect((await director.delete(`/assignment-rules/${second.id}`)).status).toBe(204);
    expect((await director.delete(`/assignment-rules/${second.id}`)).status).toBe(404);
    const audits = await t.database.query<{ action: string; entity_id: string }>(
      `select action, entity_id from audit_log where entity = 'assignmentRule' and entity_id = any($1) order by id`,
      [[String(first.id), String(second.id)]],
    );
    expect(audits.map((a) => `${a.action}:${a.entity_id}`)).toEqual([
      `create:${second.id}`,
      `create:${first.id}`,
      `update:${second.id}`,
      `update:${first.id}`,
      `delete:${second.id}`,
    ]);
  });

  it('refuses unknown types, regions, levels and assignees, non-managers and wrong assignee counts, writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ conditions: { typeIds: [region.north] } }, 'conditions.typeIds.0'],
      [{ conditions: { regionIds: [999999] } }, 'conditions.regionIds.0'],
      [{ conditions: { levelIds: [type.consult] } }, 'conditions.levelIds.0'],
      [{ conditions: { typeIds: [type.consult, type.consult] } }, 'conditions.typeIds'],
      [{ assigneeIds: [ids.manager1, 999999] }, 'assigneeIds.1'],
      [{ assigneeIds: [ids.director] }, 'assigneeIds.0'],
      [{ assigneeIds: [ids.manager1, ids.manager1] }, 'assigneeIds'],
      [{ assigneeIds: [] }, 'assigneeIds'],
      [{ strategy: 'customerManager' }, 'assigneeIds'],
      [{ strategy: 'fastest' }, 'strategy'],
      [{ priority: 0 }, 'priority'],
      [{ name: ' ' }, 'name'],
      [{ id: 5 }, ''],
    ];
    for (const [over, path] of cases) {
      const res = await director.post('/assignment-rules', rule(over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      if (path) expect(errorPaths(res), JSON.stringify(over)).toContain(path);
    }
    // a disabled manager cannot be named
    await t.database.query('update users set active = false where id = $1', [m3]);
    expect(errorPaths(await director.post('/assignment-rules', rule({ assigneeIds: [m3] })))).toContain(
      'assigneeIds.0',
    );
    expect(await count(t, 'select count(*)::int as n from assignment_rules')).toBe(0);
    const existing = await addRule();
    const res = await director.patch(`/assignment-rules/${existing.id}`, { assigneeIds: [999999] });
    expect(res.status).toBe(400);
    expect(ok(await director.get('/assignment-rules')).items[0].assigneeIds).toEqual([ids.manager1, ids.manager2]);
  });

  it('is granted to directors and administrators, on an existing database by the migration', async () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');
    const statements = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('--> statement-breakpoint'))
      .map((s) => s.trim())
      .filter((s) => s.includes(`'service.rules'`) && /INSERT INTO "role_permissions"/.test(s));
    expect(statements).toHaveLength(1);
    await t.database.query(`delete from role_permissions where permission = 'service.rules'`);
    expect((await director.get('/assignment-rules')).status).toBe(403);
    await t.database.query(statements[0]!);
    const holders = await t.database.query<{ code: string }>(
      `select r.code from roles r join role_permissions p on p.role_id = r.id where p.permission = 'service.rules'
       order by r.code`,
    );
    expect(holders.map((h) => h.code)).toEqual(['admin', 'director']);
    expect((await director.get('/assignment-rules')).status).toBe(200);
  });

  it('is for directors and administrators only', async () => {
    expect((await manager1.get('/assignment-rules')).status).toBe(403);
    expect((await executive.post('/assignment-rules', rule())).status).toBe(403);
    expect(await count(t, 'select count(*)::int as n from assignment_rules')).toBe(0);
  });
});

describe('assigning new services (docs/assignment-rules.md#assigning)', () => {
  it('roundRobin gives them in turn, records the rule on the service and in its history, and tells the assignee', async () => {
    const r = await addRule({ assigneeIds: [ids.manager2, m3, m4] });
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await create(customer.beijingBig.id));
    expect(made.map((s) => s.assignee.id)).toEqual([ids.manager2, m3, m4, ids.manager2, m3, m4]);
    const first = made[0];
    expect(first).toMatchObject({
      status: 'assigned',
      assignedAt: t.clock.now.toISOString(),
      assignedByRule: { id: r.id, name: '投诉轮流' },
      source: 'staff',
      requestedBy: null,
    });
    expect(first.history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assigned']);
    expect(first.history[1]).toMatchObject({
      rule: { id: r.id, name: '投诉轮流' },
      assignee: { id: ids.manager2 },
      user: { id: ids.manager1 },
    });
    const told = await t.database.query<{ user_id: number; payload: { rule: string } }>(
      `select user_id, payload from notifications where kind = 'service.assigned' and ref_id = $1`,
      [first.id],
    );
    expect(told).toMatchObject([{ user_id: ids.manager2, payload: { rule: '投诉轮流' } }]);
    const audited = await t.database.query<{ action: string }>(
      `select action from audit_log where entity = 'service' and entity_id = $1 order by id`,
      [String(first.id)],
    );
    expect(audited.map((a) => a.action)).toEqual(['create', 'assign']);
  });

  it('leastOpen gives each to whoever holds the fewest assigned services', async () => {
    await t.database.query(`update services set status = 'archived' where assignee_id = any($1)`, [[m3, m4]]);
    await addRule({ strategy: 'leastOpen', assigneeIds: [m3, m4], conditions: { typeIds: [type.complaint] } });
    await create(customer.beijingBig.id); // m3 (tie, m3's turn)
    await create(customer.beijingBig.id); // m4 (fewest)
    await create(customer.beijingBig.id); // m3 or m4 (tie)
    const fourth = await create(customer.beijingBig.id); // the other one: 2 and 2
    const held = await t.database.query<{ assignee_id: number; n: number }>(
      `select assignee_id, count(*)::int as n from services where status = 'assigned' and assignee_id = any($1)
       group by assignee_id order by assignee_id`,
      [[m3, m4]],
    );
    expect(held.map((h) => h.n)).toEqual([2, 2]);
    // one more assigned to m3 by hand: the next goes to m4
    await buildService(t, { status: 'assigned', assignee: 'rr3', type: '咨询' });
    expect((await create(customer.beijingBig.id)).assignee.id).toBe(m4);
    expect(fourth.assignedByRule).not.toBeNull();
  });

  it('customerManager gives it to the customer’s manager; a pool customer passes to the next rule', async () => {
    await addRule({ name: '客户经理', priority: 1, strategy: 'customerManager', assigneeIds: [] });
    await addRule({ name: '兜底', priority: 2, assigneeIds: [m4] });
    expect((await create(customer.ofManager2.id)).assignee.id).toBe(ids.manager2);
    const pool = await buildPoolCustomer(t, { manager: 'manager2' });
    const fromPool = await create(pool.id);
    expect(fromPool.assignee.id).toBe(m4);
    expect(fromPool.assignedByRule.name).toBe('兜底');
  });

  it('tries rules by priority, skips inactive ones, and leaves a service no rule matches new', async () => {
    await addRule({ name: '低', priority: 50, assigneeIds: [m3] });
    await addRule({ name: '高', priority: 2, assigneeIds: [m4], conditions: { regionIds: [region.north] } });
    await addRule({ name: '停用', priority: 1, active: false, assigneeIds: [ids.manager2] });
    expect((await create(customer.northNormal.id)).assignedByRule.name).toBe('高');
    expect((await create(customer.beijingBig.id)).assignedByRule.name).toBe('低');

    await t.database.query('delete from assignment_rules');
    await addRule({
      conditions: { typeIds: [type.complaint], regionIds: [region.north], levelIds: [level.normal] },
      assigneeIds: [m3],
    });
    for (const [customerId, typeId] of [
      [customer.northNormal.id, type.consult],
      [customer.beijingBig.id, type.complaint],
    ] as const) {
      const untouched = await create(customerId, typeId);
      expect(untouched).toMatchObject({ status: 'new', assignee: null, assignedByRule: null });
      expect(untouched.history.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    }
    expect((await create(customer.northNormal.id, type.complaint)).assignee.id).toBe(m3);
  });

  it('skips a disabled assignee and reports the rule', async () => {
    const r = await addRule({ assigneeIds: [m3, m4] });
    await t.database.query('update users set active = false where id = $1', [m3]);
    const given = [await create(customer.beijingBig.id), await create(customer.beijingBig.id)];
    expect(given.map((s) => s.assignee.id)).toEqual([m4, m4]);
    const listed = ok(await director.get('/assignment-rules')).items[0];
    expect(listed.problems).toEqual([{ code: 'assigneeInactive', user: { id: m3, displayName: '三号经理' } }]);
    // the rule can still be switched off though its assignee left
    expect((await director.patch(`/assignment-rules/${r.id}`, { active: false })).status).toBe(200);
    await director.patch(`/assignment-rules/${r.id}`, { active: true });
    await t.database.query('update users set active = false where id = $1', [m4]);
    expect(ok(await director.get('/assignment-rules')).items[0].problems).toContainEqual({
      code: 'noActiveAssignee',
      user: null,
    });
    expect((await create(customer.beijingBig.id)).status).toBe('new');
  });

  it('a director’s reassignment clears the rule; a deleted rule’s name stays on what it assigned', async () => {
    const r = await addRule({ assigneeIds: [ids.manager1] });
    const s = await create(customer.beijingBig.id);
    expect(s.assignedByRule).toEqual({ id: r.id, name: '投诉轮流' });
    await director.delete(`/assignment-rules/${r.id}`);
    expect(ok(await manager1.get(`/services/${s.id}`)).assignedByRule).toEqual({ id: r.id, name: '投诉轮流' });
    const moved = ok(await director.post(`/services/${s.id}/reassign`, { assigneeId: ids.manager2 }));
    expect(moved.assignedByRule).toBeNull();
    expect(moved.history[1].rule).toEqual({ id: r.id, name: '投诉轮流' });
  });

  it('assigns a request filed on the customer portal too, in the name of the contact who filed it', async () => {
    const r = await addRule({ assigneeIds: [m3] });
    const contact = await buildPortalUser(t, { customerId: customer.northNormal.id, name: '门户王女士' });
    const filed = ok(
      await contact.client.post('/api/portal/v1/services', {
        typeId: type.complaint,
        summary: '门户投诉',
        request: '设备故障',
      }),
      201,
    );
    expect(filed.status).toBe('assigned');
    const s = ok(await director.get(`/services/${filed.id}`));
    expect(s).toMatchObject({ source: 'portal', assignee: { id: m3 }, assignedByRule: { id: r.id } });
    expect(s.history[1]).toMatchObject({
      kind: 'assigned',
      rule: { id: r.id },
      user: null,
      contact: { name: '门户王女士' },
    });
    expect(
      await count(
        t,
        `select count(*) as n from notifications where kind = 'service.assigned' and ref_id = ${filed.id}`,
      ),
    ).toBe(1);
  });
});
