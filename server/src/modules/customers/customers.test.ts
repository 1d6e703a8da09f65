import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildCustomer, signIn, userId } from '../../test/factories.ts';

let t: TestApp;
let m1: Client, m2: Client, director: Client, executive: Client, admin: Client;
let ids: { manager1: number; manager2: number; director: number };
let region: Record<string, number>, level: Record<string, number>;

const complete = () => ({
  name: '北京星辰科技有限公司',
  regionId: region['北京']!,
  managerId: ids.manager1,
  levelId: level['大客户']!,
  satisfaction: 4,
  credit: 5,
});

beforeAll(async () => {
  t = await createTestApp();
  [m1, m2, director, executive, admin] = await signIn(t, 'manager1', 'manager2', 'director', 'executive', 'admin');
  ids = {
    manager1: await userId(t, 'manager1'),
    manager2: await userId(t, 'manager2'),
    director: await userId(t, 'director'),
  };
  const entries = await t.database.query<{ id: number; type: string; item: string }>(
    'select id, type, item from dictionary_entries',
  );
  region = Object.fromEntries(entries.filter((e) => e.type === 'region').map((e) => [e.item, e.id]));
  level = Object.fromEntries(entries.filter((e) => e.type === 'customerLevel').map((e) => [e.item, e.id]));
});
afterAll(() => t.close());

const countCustomers = async () =>
  (await t.database.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n;

describe('POST /customers', () => {
  it('lets a manager enter a customer for themselves, with a generated number and the dictionary texts', async () => {
    const res = await m1.post('/customers', {
      ...complete(),
      address: '北京市朝阳区建国路88号',
      registeredCapital: 1200.5,
      website: '',
    });
    expect(res.status).toBe(201);
    const day = t.clock.now;
    const ymd = `${day.getFullYear()}${String(day.getMonth() + 1).padStart(2, '0')}${String(day.getDate()).padStart(2, '0')}`;
    expect(res.body.number).toMatch(new RegExp(`^KH${ymd}\\d{3,}$`));
    expect(res.body).toMatchObject({
      name: '北京星辰科技有限公司',
      region: '北京',
      level: '大客户',
      manager: { id: ids.manager1, displayName: '李经理' },
      satisfaction: 4,
      credit: 5,
      registeredCapital: 1200.5,
      website: null,
      status: 'normal',
      version: 1,
    });
    const audit = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where entity = 'customer' and entity_id = $1`,
      [String(res.body.id)],
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('refuses a manager entering a customer for another manager (403), and a director may', async () => {
    const before = await countCustomers();
    const refused = await m1.post('/customers', { ...complete(), managerId: ids.manager2 });
    expect(refused.status).toBe(403);
    expect(await countCustomers()).toBe(before);
    const ok = await director.post('/customers', { ...complete(), managerId: ids.manager2 });
    expect(ok.status).toBe(201);
    expect(ok.body.manager.id).toBe(ids.manager2);
  });

  it('refuses a responsible manager who is not an active manager', async () => {
    const res = await director.post('/customers', { ...complete(), managerId: ids.director });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'managerId' })]);
  });

  it('refuses dictionary ids of the wrong type', async () => {
    const wrongRegion = await m1.post('/customers', { ...complete(), regionId: level['普通客户'] });
    expect(wrongRegion.status).toBe(400);
    expect(wrongRegion.body.error.details[0].path).toBe('regionId');
    const wrongLevel = await m1.post('/customers', { ...complete(), levelId: region['华北'] });
    expect(wrongLevel.body.error.details[0].path).toBe('levelId');
  });

  it('names every missing required field, refuses fields the server sets, and out-of-range stars', async () => {
    const res = await m1.post('/customers', { name: '  ' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    for (const f of ['name', 'regionId', 'managerId', 'levelId', 'satisfaction', 'credit']) expect(paths).toContain(f);
    expect((await m1.post('/customers', { ...complete(), number: 'KH1' })).status).toBe(400);
    expect((await m1.post('/customers', { ...complete(), status: 'lost' })).status).toBe(400);
    expect((await m1.post('/customers', { ...complete(), satisfaction: 6 })).body.error.details[0].path).toBe(
      'satisfaction',
    );
  });

  it('needs a session and customer.create', async () => {
    expect((await t.anonymous().post('/customers', complete())).status).toBe(401);
    expect((await executive.post('/customers', complete())).status).toBe(403);
  });

  it('makes the region and level entries IN_USE', async () => {
    const res = await admin.delete(`/dictionary/${region['北京']}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IN_USE');
  });
});

describe('GET /customers', () => {
  beforeAll(async () => {
    await buildCustomer(t, {
      name: '上海海龙电子有限公司',
      manager: 'manager2',
      region: '华北',
      level: '战略合作伙伴',
    });
    await buildCustomer(t, { name: '沈阳重工集团', manager: 'manager2', region: '东北', status: 'lost' });
    for (let i = 0; i < 5; i++) await buildCustomer(t, { name: `分页客户${i}` });
  });

  it('shows every customer to everyone who may read them (shared data), paginated', async () => {
    const page = await executive.get('/customers?page=2&pageSize=3');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 3, total: await countCustomers() });
    expect(page.body.items).toHaveLength(3);
    const m1sees = await m1.get('/customers?pageSize=100');
    expect(m1sees.body.items.some((c: { manager: { id: number } }) => c.manager.id === ids.manager2)).toBe(true);
  });

  it('filters by name (part, any case), number, region, manager, level and status', async () => {
    expect((await m1.get('/customers?name=海龙')).body.items.map((c: { name: string }) => c.name)).toEqual([
      '上海海龙电子有限公司',
    ]);
    const one = (await m1.get('/customers?name=海龙')).body.items[0];
    expect(
      (await m1.get(`/customers?number=${one.number.slice(-5).toLowerCase()}`)).body.items.map(
        (c: { id: number }) => c.id,
      ),
    ).toContain(one.id);
    expect(
      (await m1.get(`/customers?regionId=${region['华北']}`)).body.items.every(
        (c: { region: string }) => c.region === '华北',
      ),
    ).toBe(true);
    const byManager = await m1.get(`/customers?managerId=${ids.manager2}&pageSize=100`);
    expect(byManager.body.items.length).toBeGreaterThanOrEqual(3);
    expect(byManager.body.items.every((c: { managerId: number }) => c.managerId === ids.manager2)).toBe(true);
    expect(
      (await m1.get(`/customers?levelId=${level['战略合作伙伴']}`)).body.items.map((c: { name: string }) => c.name),
    ).toEqual(['上海海龙电子有限公司']);
    expect((await m1.get('/customers?status=lost')).body.items.map((c: { name: string }) => c.name)).toEqual([
      '沈阳重工集团',
    ]);
    expect((await m1.get('/customers?name=%25')).body.total).toBe(0); // pattern characters are literal
  });

  it('refuses bad filters and users without customer.read', async () => {
    expect((await m1.get('/customers?status=gone')).status).toBe(400);
    expect((await m1.get('/customers?pageSize=101')).status).toBe(400);
    expect((await admin.get('/customers')).status).toBe(403);
    expect((await t.anonymous().get('/customers')).status).toBe(401);
  });

  it('answers 404 for a customer that does not exist', async () => {
    expect((await m1.get('/customers/999999')).status).toBe(404);
    expect((await m1.get('/customers/abc')).status).toBe(400);
  });
});

describe('PATCH /customers/:id', () => {
  it('lets the responsible manager edit with the current version, and bumps it', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const res = await m1.patch(`/customers/${c.id}`, {
      version: 1,
      phone: '010-88886666',
      satisfaction: 2,
      annualTurnover: 3500000.25,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '010-88886666', satisfaction: 2, annualTurnover: 3500000.25, version: 2 });
    const stale = await m1.patch(`/customers/${c.id}`, { version: 1, phone: '010-12345678' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await m1.get(`/customers/${c.id}`)).body.phone).toBe('010-88886666');
  });

  it('refuses another manager (403) and lets a director edit any customer', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const refused = await m2.patch(`/customers/${c.id}`, { version: 1, name: '改名' });
    expect(refused.status).toBe(403);
    expect((await m1.get(`/customers/${c.id}`)).body.name).toBe(c.name);
    expect((await executive.patch(`/customers/${c.id}`, { version: 1, name: '改名' })).status).toBe(403);
    const ok = await director.patch(`/customers/${c.id}`, {
      version: 1,
      name: '主管改名有限公司',
      managerId: ids.manager2,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: '主管改名有限公司', managerId: ids.manager2 });
  });

  it('does not let a manager hand a customer to someone else', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    expect((await m1.patch(`/customers/${c.id}`, { version: 1, managerId: ids.manager2 })).status).toBe(403);
    expect(
      (await m1.patch(`/customers/${c.id}`, { version: 1, managerId: ids.manager1, name: '同一经理' })).status,
    ).toBe(200);
  });

  it('keeps a lost customer read-only (409 INVALID_STATE), even for a director', async () => {
    const c = await buildCustomer(t, { manager: 'manager1', status: 'lost' });
    for (const client of [m1, director]) {
      const res = await client.patch(`/customers/${c.id}`, { version: 1, name: 'x' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
  });

  it('asks a customer created from an opportunity for its required fields at the first edit', async () => {
    const c = await buildCustomer(t, { manager: 'manager1', bare: true });
    const res = await m1.patch(`/customers/${c.id}`, { version: 1, phone: '010-12345678', regionId: region['西部'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'credit',
      'levelId',
      'satisfaction',
    ]);
    expect((await m1.get(`/customers/${c.id}`)).body).toMatchObject({ version: 1, phone: null, satisfaction: null });
    const ok = await m1.patch(`/customers/${c.id}`, {
      version: 1,
      regionId: region['西部'],
      levelId: level['普通客户'],
      satisfaction: 3,
      credit: 3,
    });
    expect(ok.status).toBe(200);
  });

  it('refuses emptying a required field, unknown fields, server fields, and wrong dictionary types', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    expect((await m1.patch(`/customers/${c.id}`, { version: 1, name: '' })).body.error.details[0].path).toBe('name');
    expect((await m1.patch(`/customers/${c.id}`, { version: 1, regionId: null })).status).toBe(400);
    expect((await m1.patch(`/customers/${c.id}`, { version: 1, number: 'KH' })).status).toBe(400);
    expect((await m1.patch(`/customers/${c.id}`, { version: 1, status: 'lost' })).status).toBe(400);
    expect((await m1.patch(`/customers/${c.id}`, { name: 'no version' })).body.error.details[0].path).toBe('version');
    expect(
      (await m1.patch(`/customers/${c.id}`, { version: 1, levelId: region['北京'] })).body.error.details[0].path,
    ).toBe('levelId');
    expect((await m1.patch('/customers/999999', { version: 1, name: 'x' })).status).toBe(404);
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const [a, b] = await Promise.all([
      m1.patch(`/customers/${c.id}`, { version: 1, phone: '010-11111111' }),
      director.patch(`/customers/${c.id}`, { version: 1, phone: '010-22222222' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? '010-11111111' : '010-22222222';
    expect((await m1.get(`/customers/${c.id}`)).body).toMatchObject({ phone: winner, version: 2 });
  });
});
