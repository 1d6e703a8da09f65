import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUserWithRoles } from '../../db/seed/users.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import {
  buildService,
  dictionaryId,
  keptTotalsHold,
  serviceCustomer,
  serviceEvents,
  serviceRow,
  signIn,
  userIds,
} from '../../test/factories.ts';

let t: TestApp;
let manager1: Client, manager2: Client, director: Client;
let ids: Record<'director' | 'manager1' | 'manager2' | 'executive', number>;
let customer: { id: number };
let type: { complaint: number; suggestion: number; region: number };
beforeAll(async () => {
  t = await createTestApp();
  [manager1, manager2, director] = await signIn(t, 'manager1', 'manager2', 'director');
  ids = await userIds(t, 'director', 'manager1', 'manager2', 'executive');
  customer = await serviceCustomer(t);
  type = {
    complaint: await dictionaryId(t, 'serviceType', '投诉'),
    suggestion: await dictionaryId(t, 'serviceType', '建议'),
    region: await dictionaryId(t, 'region'),
  };
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);
const body = () => ({
  typeId: type.complaint,
  summary: '发货延迟',
  customerId: customer.id,
  request: '客户投诉上批货物晚到一周',
});

describe('creating a service (docs/product.md#customer-service, rule 1)', () => {
  it('records the request as new, with number, creator and time set by the server', async () => {
    const res = await manager1.post('/services', body());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      typeId: type.complaint,
      type: '投诉',
      summary: '发货延迟',
      customer: { id: customer.id, name: '北京甲科技有限公司' },
      status: 'new',
      request: '客户投诉上批货物晚到一周',
      createdBy: { id: ids.manager1, displayName: '李经理' },
      createdAt: t.clock.now.toISOString(),
      source: 'staff',
      requestedBy: null,
      assignee: null,
      assignedAt: null,
      handling: null,
      handledBy: null,
      handledAt: null,
      result: null,
      satisfaction: null,
    });
    expect(res.body.number).toMatch(new RegExp(`^FW\\d{8}0*${res.body.id}$`));
    expect(res.body.history).toEqual([
      {
        kind: 'created',
        text: '客户投诉上批货物晚到一周',
        satisfaction: null,
        user: { id: ids.manager1, displayName: '李经理' },
        contact: null,
        assignee: null,
        rule: null,
        at: t.clock.now.toISOString(),
      },
    ]);
    // docs/assignment-rules.md, docs/service-sla.md: recorded by staff, no rule, no limit on its type
    expect(res.body).toMatchObject({
      source: 'staff',
      requestedBy: null,
      assignedByRule: null,
      assignDueAt: null,
      handleDueAt: null,
      overdue: false,
    });
    const [logged] = await t.database.query<{ user_id: number; action: string }>(
      "select user_id, action from audit_log where entity = 'service' and entity_id = $1",
      [String(res.body.id)],
    );
    expect(logged).toEqual({ user_id: ids.manager1, action: 'create' });
  });

  it('gives concurrent creations distinct numbers', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => manager2.post('/services', body())));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.number)).size).toBe(4);
  });

  it('needs a session and service.create: directors, executives and administrators are refused', async () => {
    const before = await count('services');
    expect((await t.anonymous().post('/services', body())).status).toBe(401);
    expect((await director.post('/services', body())).status).toBe(403);
    expect((await (await t.login('executive')).post('/services', body())).status).toBe(403);
    expect((await (await t.login('admin')).post('/services', body())).status).toBe(403);
    expect(await count('services')).toBe(before);
  });

  it('refuses fields the server sets and unknown fields, writing nothing', async () => {
    const before = await count('services');
    for (const extra of [
      { status: 'archived' },
      { number: 'FW1' },
      { createdBy: ids.manager2 },
      { createdAt: '2020-01-01T00:00:00Z' },
      { id: 7 },
      { assigneeId: ids.manager2 },
      { colour: 'red' },
    ]) {
      const res = await manager1.post('/services', { ...body(), ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await count('services')).toBe(before);
  });

  it('names the missing and empty fields', async () => {
    const res = await manager1.post('/services', { summary: '  ', request: '' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['typeId', 'summary', 'customerId', 'request']));
  });

  it('takes the type only from the serviceType entries of the dictionary', async () => {
    const before = await count('services');
    for (const typeId of [type.region, 999999]) {
      const res = await manager1.post('/services', { ...body(), typeId });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'typeId', message: expect.any(String) }]);
    }
    const noCustomer = await manager1.post('/services', { ...body(), customerId: 999999 });
    expect(noCustomer.status).toBe(400);
    expect(noCustomer.body.error.details[0].path).toBe('customerId');
    expect(await count('services')).toBe(before);
  });

  it('makes the type it uses IN_USE in the dictionary', async () => {
    await buildService(t, { status: 'new', type: '建议' });
    const admin = await t.login('admin');
    expect((await admin.get(`/dictionary/${type.suggestion}`)).body.inUse).toBe(true);
    const res = await admin.delete(`/dictionary/${type.suggestion}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IN_USE');
  });
});

describe('assigning a service (docs/product.md#customer-service, rule 2)', () => {
  it('lets a director assign a new service to one active manager, recording the time', async () => {
    const s = await buildService(t, { status: 'new' });
    t.clock.advance(60_000);
    const res = await director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager2 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'assigned',
      assignee: { id: ids.manager2, displayName: '张经理' },
      assignedAt: t.clock.now.toISOString(),
    });
    expect(res.body.history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assigned']);
    expect(res.body.history[1]).toMatchObject({ user: { id: ids.director }, assignee: { id: ids.manager2 } });
    const actions = await t.database.query<{ action: string }>(
      "select action from audit_log where entity = 'service' and entity_id = $1 order by id",
      [String(s.id)],
    );
    expect(actions.map((a) => a.action)).toEqual(['create', 'assign']);
  });

  it('is for directors only: managers, executives, administrators and anonymous callers are refused', async () => {
    const s = await buildService(t, { status: 'new' });
    const assign = { assigneeId: ids.manager1 };
    expect((await t.anonymous().post(`/services/${s.id}/assign`, assign)).status).toBe(401);
    expect((await manager1.post(`/services/${s.id}/assign`, assign)).status).toBe(403);
    expect((await (await t.login('executive')).post(`/services/${s.id}/assign`, assign)).status).toBe(403);
    expect((await (await t.login('admin')).post(`/services/${s.id}/assign`, assign)).status).toBe(403);
    expect((await serviceRow(t, s.id)).status).toBe('new');
  });

  it('assigns only to an active manager', async () => {
    const s = await buildService(t, { status: 'new' });
    const disabled = await insertUserWithRoles(t.database.db, {
      username: 'gone',
      displayName: '离职经理',
      password: 'demo1234',
      roles: ['manager'],
      active: false,
    });
    for (const assigneeId of [ids.director, ids.executive, disabled, 999999]) {
      const res = await director.post(`/services/${s.id}/assign`, { assigneeId });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('assigneeId');
    }
    expect(
      (await director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager1, assignedAt: '2020-01-01' })).status,
    ).toBe(400);
    expect((await director.post(`/services/${s.id}/assign`, {})).status).toBe(400);
    expect(await serviceRow(t, s.id)).toMatchObject({ status: 'new', assignee_id: null });
  });

  it('answers 404 for a service that does not exist', async () => {
    expect((await director.post('/services/999999/assign', { assigneeId: ids.manager1 })).status).toBe(404);
  });

  it('refuses to assign a service that is not new (409 INVALID_STATE)', async () => {
    for (const status of ['assigned', 'handled', 'archived'] as const) {
      const s = await buildService(t, { status });
      const res = await director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager2 });
      expect(res.status, status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
      expect(await serviceRow(t, s.id)).toMatchObject({ status, assignee_id: ids.manager1 });
    }
  });

  it('lets exactly one of two concurrent assignments win', async () => {
    const s = await buildService(t, { status: 'new' });
    const answers = await Promise.all([
      director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager1 }),
      director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager2 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body.assignee.id;
    expect((await serviceRow(t, s.id)).assignee_id).toBe(winner);
    expect(await serviceEvents(t, s.id)).toEqual(['created', 'assigned']);
  });
});

keptTotalsHold('service', () => t);
keptTotalsHold('service department month', () => t);
keptTotalsHold('service month', () => t);
