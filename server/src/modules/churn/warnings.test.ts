import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import {
  buildOldCustomer,
  buildOrder,
  churnWarningOf,
  installSalesSchema,
  signIn,
  userId,
} from '../../test/factories.ts';

let t: TestApp;
const w: Record<string, number> = {};
const customers: Record<string, { id: number; number: string }> = {};
let manager1: Client;
let manager2: Client;
let director: Client;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.now = new Date('2026-11-28T12:00:00.000Z');
  await installSalesSchema(t.database);
  for (const [key, name, manager] of [
    ['a', '北京Alpha科技', 'manager1'],
    ['b', '上海贝塔贸易', 'manager1'],
    ['c', '广州伽马制造', 'manager1'],
    ['d', '深圳德尔塔电子', 'manager2'],
    ['e', '杭州艾普西龙', 'manager1'],
  ] as const) {
    customers[key] = await buildOldCustomer(t, { name, manager });
  }
  await buildOrder(t, customers.e!.number, '2026-01-15');
  await (await t.login('director')).post('/churn-warnings/scan');
  for (const key of Object.keys(customers)) w[key] = (await churnWarningOf(t, customers[key]!.id))!.id;
  [manager1, manager2, director] = await signIn(t, 'manager1', 'manager2', 'director');
});
afterAll(() => t.close());

const statusOf = async (id: number) =>
  (await t.database.query<{ status: string }>('select status from churn_warnings where id = $1', [id]))[0]!.status;
const customerStatus = async (id: number) =>
  (
    await t.database.query<{ status: string; version: number }>('select status, version from customers where id = $1', [
      id,
    ])
  )[0]!;

describe('GET /churn-warnings', () => {
  it('needs a session and churn.read', async () => {
    expect((await t.anonymous().get('/churn-warnings')).status).toBe(401);
    for (const who of ['executive', 'admin'])
      expect((await (await t.login(who)).get('/churn-warnings')).status).toBe(403);
  });

  it('shows a director every warning, newest first, paginated', async () => {
    const res = await director.get('/churn-warnings?pageSize=2');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(res.body.items).toHaveLength(2);
    const second = await director.get('/churn-warnings?pageSize=2&page=3');
    expect(second.body.items).toHaveLength(1);
  });

  it('shows a manager only the warnings of their own customers', async () => {
    const mine = await manager1.get('/churn-warnings');
    expect(mine.body.total).toBe(4);
    expect(mine.body.items.every((i: { manager: { displayName: string } }) => i.manager.displayName === '李经理')).toBe(
      true,
    );
    const other = await manager2.get('/churn-warnings');
    expect(other.body.items.map((i: { customer: { name: string } }) => i.customer.name)).toEqual(['深圳德尔塔电子']);
  });

  it('answers rows with customer, manager, last order date and status', async () => {
    const res = await director.get(`/churn-warnings?customerName=艾普西龙`);
    expect(res.body.items).toEqual([
      {
        id: w.e,
        customer: { id: customers.e!.id, number: customers.e!.number, name: '杭州艾普西龙' },
        manager: { id: await userId(t, 'manager1'), displayName: '李经理' },
        lastOrderDate: '2026-01-15',
        status: 'warning',
        reason: null,
        confirmedAt: null,
        recoveredAt: null,
        createdAt: t.clock.now.toISOString(),
        measureCount: 0,
      },
    ]);
  });

  it('filters by status, part of the customer name and part of the manager name, case-insensitively', async () => {
    expect((await director.get('/churn-warnings?customerName=贝塔')).body.total).toBe(1);
    expect((await director.get('/churn-warnings?managerName=张')).body.items[0].customer.name).toBe('深圳德尔塔电子');
    expect((await director.get('/churn-warnings?managerName=张&customerName=alpha')).body.total).toBe(0);
    expect((await director.get('/churn-warnings?customerName=aLPHA')).body.items[0].id).toBe(w.a);
    expect((await director.get('/churn-warnings?status=warning')).body.total).toBe(5);
    expect((await director.get('/churn-warnings?status=lost')).body.total).toBe(0);
    expect((await director.get('/churn-warnings?customerName=%25')).body.total).toBe(0);
  });

  it('refuses an unknown status or a bad page with the field named', async () => {
    const res = await director.get('/churn-warnings?status=open');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('status');
    expect((await director.get('/churn-warnings?pageSize=101')).status).toBe(400);
  });
});

describe('GET /churn-warnings/:id', () => {
  it('answers the warning with its customer, manager, last order date, measures and status', async () => {
    const res = await manager1.get(`/churn-warnings/${w.e}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: w.e,
      status: 'warning',
      lastOrderDate: '2026-01-15',
      measures: [],
      reason: null,
      confirmedAt: null,
    });
    expect(res.body.customer).toEqual({ id: customers.e!.id, number: customers.e!.number, name: '杭州艾普西龙' });
    expect((await director.get(`/churn-warnings/${w.d}`)).status).toBe(200);
  });

  it('answers 404 for another manager\u2019s warning, exactly like a missing one', async () => {
    const hidden = await manager2.get(`/churn-warnings/${w.a}`);
    const missing = await manager2.get('/churn-warnings/999999');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.error.message).toBe(missing.body.error.message);
    expect((await manager2.get('/churn-warnings/abc')).status).toBe(400);
    expect((await t.anonymous().get(`/churn-warnings/${w.a}`)).status).toBe(401);
  });
});

describe('POST /churn-warnings/:id/measures (暂缓流失)', () => {
  it('needs a session and churn.act', async () => {
    expect((await t.anonymous().post(`/churn-warnings/${w.a}/measures`, { text: 'x' })).status).toBe(401);
    const res = await director.post(`/churn-warnings/${w.a}/measures`, { text: '主管想写' });
    expect(res.status).toBe(403);
    expect(await statusOf(w.a!)).toBe('warning');
  });

  it('answers another manager 404 and changes nothing', async () => {
    expect((await manager2.post(`/churn-warnings/${w.a}/measures`, { text: '不是我的客户' })).status).toBe(404);
    expect((await t.database.query('select * from churn_measures where warning_id = $1', [w.a])).length).toBe(0);
  });

  it('refuses empty text and fields the server sets, with the field named', async () => {
    const empty = await manager1.post(`/churn-warnings/${w.a}/measures`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('text');
    expect((await manager1.post(`/churn-warnings/${w.a}/measures`, {})).body.error.details[0].path).toBe('text');
    const extra = await manager1.post(`/churn-warnings/${w.a}/measures`, { text: 'ok', createdBy: 1 });
    expect(extra.status).toBe(400);
    expect(await statusOf(w.a!)).toBe('warning');
  });

  it('keeps every measure with its time and author; the first moves the warning to delayed', async () => {
    const first = await manager1.post(`/churn-warnings/${w.a}/measures`, { text: '  电话回访，了解停购原因  ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      text: '电话回访，了解停购原因',
      createdAt: t.clock.now.toISOString(),
      createdBy: { displayName: '李经理' },
    });
    expect(first.body.warning).toMatchObject({ id: w.a, status: 'delayed', measureCount: 1 });
    t.clock.advance(60_000);
    const second = await manager1.post(`/churn-warnings/${w.a}/measures`, { text: '上门拜访，提供九折优惠' });
    expect(second.status).toBe(201);
    expect(second.body.warning.status).toBe('delayed');
    const detail = await manager1.get(`/churn-warnings/${w.a}`);
    expect(detail.body.measures.map((m: { text: string }) => m.text)).toEqual([
      '电话回访，了解停购原因',
      '上门拜访，提供九折优惠',
    ]);
    expect(detail.body.measures[1].createdAt).toBe(t.clock.now.toISOString());
    const audited = await t.database.query<{ action: string; entity: string }>(
      "select action, entity from audit_log where entity in ('churnMeasure', 'churnWarning') and action <> 'create' or entity = 'churnMeasure' order by id",
    );
    expect(audited.map((a) => `${a.entity}.${a.action}`)).toEqual([
      'churnMeasure.create',
      'churnWarning.delay',
      'churnMeasure.create',
    ]);
  });
});

describe('POST /churn-warnings/:id/confirm (确认流失)', () => {
  it('is refused before any delay measure with 409 INVALID_STATE, and changes nothing', async () => {
    const res = await manager1.post(`/churn-warnings/${w.b}/confirm`, { reason: '客户已倒闭' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect(await statusOf(w.b!)).toBe('warning');
    expect((await customerStatus(customers.b!.id)).status).toBe('normal');
  });

  it('needs a reason, churn.act and the responsible manager', async () => {
    const missing = await manager1.post(`/churn-warnings/${w.a}/confirm`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('reason');
    expect((await manager1.post(`/churn-warnings/${w.a}/confirm`, { reason: ' ' })).status).toBe(400);
    expect((await t.anonymous().post(`/churn-warnings/${w.a}/confirm`, { reason: 'x' })).status).toBe(401);
    expect((await director.post(`/churn-warnings/${w.a}/confirm`, { reason: 'x' })).status).toBe(403);
    expect((await manager2.post(`/churn-warnings/${w.a}/confirm`, { reason: 'x' })).status).toBe(404);
    expect(await statusOf(w.a!)).toBe('delayed');
  });

  it('makes the warning lost with its time and reason, and the customer lost, in one go', async () => {
    const before = await customerStatus(customers.a!.id);
    const res = await manager1.post(`/churn-warnings/${w.a}/confirm`, { reason: '客户转向竞争对手，已签三年合同' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'lost',
      reason: '客户转向竞争对手，已签三年合同',
      confirmedAt: t.clock.now.toISOString(),
    });
    expect(res.body.measures).toHaveLength(2);
    expect(await customerStatus(customers.a!.id)).toEqual({ status: 'lost', version: before.version + 1 });
    const audited = await t.database.query<{ entity: string; action: string }>(
      "select entity, action from audit_log where (entity = 'churnWarning' and action = 'confirm') or (entity = 'customer' and action = 'lose')",
    );
    expect(audited).toHaveLength(2);
    expect((await director.get('/churn-warnings?status=lost')).body.items.map((i: { id: number }) => i.id)).toEqual([
      w.a,
    ]);
  });

  it('refuses a second confirmation and further measures on a lost warning (409)', async () => {
    expect((await manager1.post(`/churn-warnings/${w.a}/confirm`, { reason: 'again' })).body.error.code).toBe(
      'INVALID_STATE',
    );
    const measure = await manager1.post(`/churn-warnings/${w.a}/measures`, { text: '太晚了' });
    expect(measure.status).toBe(409);
    expect(measure.body.error.code).toBe('INVALID_STATE');
  });

  it('refuses measures and confirmation on a recovered warning (409)', async () => {
    await buildOrder(t, customers.c!.number, '2026-11-27');
    expect((await director.post('/churn-warnings/scan')).body.recovered).toBe(1);
    expect((await manager1.post(`/churn-warnings/${w.c}/measures`, { text: 'x' })).status).toBe(409);
    expect((await manager1.post(`/churn-warnings/${w.c}/confirm`, { reason: 'x' })).status).toBe(409);
    expect(await statusOf(w.c!)).toBe('recovered');
  });
});

describe('the responsible manager', () => {
  it('is the customer\u2019s manager now: after reassignment the new one acts, the recorded one may only read', async () => {
    await t.database.query('update customers set manager_id = $1 where id = $2', [
      await userId(t, 'manager2'),
      customers.e!.id,
    ]);
    expect((await manager1.get(`/churn-warnings/${w.e}`)).status).toBe(200);
    const refused = await manager1.post(`/churn-warnings/${w.e}/measures`, { text: '还是我' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await manager2.post(`/churn-warnings/${w.e}/measures`, { text: '新经理接手回访' })).status).toBe(201);
  });

  it('is required even of a user who may see every warning', async () => {
    const admin = await t.login('admin');
    const role = await admin.post('/roles', {
      code: 'churn-lead',
      name: '流失专员',
      permissions: ['churn.read', 'churn.act', 'churn.all'],
    });
    expect(role.status).toBe(201);
    expect(
      (
        await admin.post('/users', {
          username: 'lead',
          displayName: '流失专员',
          password: 'lead-pass-1234',
          roles: ['churn-lead'],
        })
      ).status,
    ).toBe(201);
    const lead = await t.login('lead', 'lead-pass-1234');
    expect((await lead.get(`/churn-warnings/${w.d}`)).status).toBe(200);
    const res = await lead.post(`/churn-warnings/${w.d}/measures`, { text: '越权' });
    expect(res.status).toBe(403);
    expect(await statusOf(w.d!)).toBe('warning');
  });
});
