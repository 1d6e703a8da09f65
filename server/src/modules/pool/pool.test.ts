import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../test/fingerprint.ts';
import { buildCustomer, buildPoolCustomer, count, DAY, errorPaths, testApp, userIds } from '../../test/factories.ts';

/** docs/organisation.md#customer-pool, rules 1–4 and 6: the pool list, masked phones, claim, release, assign, history. */
const { t, director, manager1, manager2, executive, admin } = await testApp(
  'director',
  'manager1',
  'manager2',
  'executive',
  'admin',
);
let ids: Record<'manager1' | 'manager2' | 'director' | 'executive', number>;
beforeAll(async () => {
  ids = await userIds(t, 'manager1', 'manager2', 'director', 'executive');
});

const setLimits = (limits: Record<string, number>) => director.patch('/settings/pool', limits);
const customerRow = async (id: number) =>
  (
    await t.database.query<Record<string, unknown>>(
      'select manager_id, pool_entered_at, pool_reason, previous_manager_id, version from customers where id = $1',
      [id],
    )
  )[0];
const history = async (id: number) => (await manager1.get(`/customers/${id}/pool-history`)).body;

describe('the pool list (rules 1 and 2)', () => {
  it('shows every customer reader the customers without a manager, newest entries first, filtered', async () => {
    const older = await buildPoolCustomer(t, {
      name: '公海老客户有限公司',
      enteredAt: new Date(t.clock.now.getTime() - 2 * DAY),
    });
    const newer = await buildPoolCustomer(t, { name: '公海新客户有限公司', reason: 'released', level: '大客户' });
    const owned = await buildCustomer(t, { name: '公海外的客户有限公司' });
    for (const reader of [manager1, manager2, director, executive]) {
      const res = await reader.get('/customer-pool?name=公海');
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.map((c: { id: number }) => c.id)).toEqual([newer.id, older.id]);
      expect(res.body.total).toBe(2);
    }
    const [first] = (await director.get('/customer-pool?name=公海')).body.items;
    expect(first).toMatchObject({
      number: newer.number,
      reason: 'released',
      level: '大客户',
      previousManager: { id: ids.manager1 },
      enteredAt: t.clock.now.toISOString(),
    });
    const levelId = (
      await t.database.query<{ id: number }>("select id from dictionary_entries where item = '大客户'")
    )[0]!.id;
    const byLevel = (await manager1.get(`/customer-pool?name=公海&levelId=${levelId}`)).body;
    expect(byLevel.items.map((c: { id: number }) => c.id)).toEqual([newer.id]);
    expect((await manager1.get('/customer-pool?name=公海外')).body.total).toBe(0);
    expect(owned.managerId).toBe(ids.manager1);
    // the administrator holds pool.manage but does not read customers
    expect((await admin.get('/customer-pool')).status).toBe(403);
  });

  it('masks a pool customer’s phone and its contacts’ phones for everyone without pool.manage', async () => {
    const c = await buildPoolCustomer(t, {
      name: '掩码客户有限公司',
      phone: '13812345678',
      firstContact: { name: '李四', officePhone: '010-62510001', mobile: '13900001111' },
    });
    const shortOne = await buildPoolCustomer(t, { name: '短号客户有限公司', phone: '8888' });
    const asManager = (await manager1.get('/customer-pool?name=掩码')).body.items[0];
    expect(asManager.phone).toBe('138****5678');
    expect((await manager1.get('/customer-pool?name=短号')).body.items[0].phone).toBe('****');
    expect((await director.get('/customer-pool?name=掩码')).body.items[0].phone).toBe('13812345678');

    expect((await manager1.get(`/customers/${c.id}`)).body.phone).toBe('138****5678');
    expect((await executive.get(`/customers/${c.id}`)).body.phone).toBe('138****5678');
    expect((await director.get(`/customers/${c.id}`)).body.phone).toBe('13812345678');
    expect((await manager1.get(`/customers/${shortOne.id}`)).body.phone).toBe('****');
    const listed = (await manager2.get('/customers?name=掩码')).body.items[0];
    expect(listed).toMatchObject({ phone: '138****5678', managerId: null, manager: null });
    expect((await director.get('/customers?name=掩码')).body.items[0].phone).toBe('13812345678');

    const [asManagerContact] = (await manager1.get(`/customers/${c.id}/contacts`)).body.items;
    expect(asManagerContact).toMatchObject({ officePhone: '010*****0001', mobile: '139****1111' });
    const [asDirectorContact] = (await director.get(`/customers/${c.id}/contacts`)).body.items;
    expect(asDirectorContact).toMatchObject({ officePhone: '010-62510001', mobile: '13900001111' });

    // once claimed, the phones are the manager's to read again
    expect((await manager2.post(`/customers/${c.id}/claim`)).status).toBe(200);
    expect((await manager1.get(`/customers/${c.id}`)).body.phone).toBe('13812345678');
    expect((await manager1.get(`/customers/${c.id}/contacts`)).body.items[0].mobile).toBe('13900001111');
  });
});

describe('claiming (rule 3)', () => {
  it('makes the manager responsible, takes it out of the pool, and keeps the event and the audit', async () => {
    const c = await buildPoolCustomer(t, { reason: 'returned', manager: 'manager2' });
    const res = await manager1.post(`/customers/${c.id}/claim`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: c.id, managerId: ids.manager1, manager: { id: ids.manager1 } });
    expect(await customerRow(c.id)).toMatchObject({
      manager_id: ids.manager1,
      pool_entered_at: null,
      pool_reason: null,
      previous_manager_id: null,
      version: c.version + 1,
    });
    expect(await history(c.id)).toEqual([
      {
        at: t.clock.now.toISOString(),
        action: 'claimed',
        by: { id: ids.manager1, displayName: expect.any(String) },
        manager: { id: ids.manager1, displayName: expect.any(String) },
        reason: null,
      },
    ]);
    const audits = await count(
      t,
      "select count(*)::int as n from audit_log where entity = 'customer' and action = 'claim' and entity_id = $1",
      [String(c.id)],
    );
    expect(audits).toBe(1);
    expect(
      (await manager1.get(`/customers?managerId=${ids.manager1}&name=${encodeURIComponent(c.name)}`)).body.total,
    ).toBe(1);
  });

  it('refuses a customer that has a manager or is lost (409 INVALID_STATE), an unknown one (404), a director (403)', async () => {
    const owned = await buildCustomer(t);
    const lost = await buildPoolCustomer(t, { status: 'lost' });
    const inPool = await buildPoolCustomer(t);
    const before = await fingerprint(t.database);
    for (const id of [owned.id, lost.id]) {
      const res = await manager2.post(`/customers/${id}/claim`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
    expect((await manager2.post('/customers/999999/claim')).status).toBe(404);
    expect((await director.post(`/customers/${inPool.id}/claim`)).status).toBe(403);
    expect(await fingerprint(t.database)).toBe(before);
    expect(await customerRow(lost.id)).toMatchObject({ manager_id: null, pool_reason: 'new' });
  });

  it('stops at dailyClaimLimit claims a server day, then counts again the next day', async () => {
    const claimedToday = await count(
      t,
      "select count(*)::int as n from customer_pool_events where manager_id = $1 and action = 'claimed'",
      [ids.manager2],
    );
    expect((await setLimits({ dailyClaimLimit: claimedToday + 2 })).status).toBe(200);
    const mine = await t.login('manager2');
    const [a, b, c] = [await buildPoolCustomer(t), await buildPoolCustomer(t), await buildPoolCustomer(t)];
    expect((await mine.post(`/customers/${a.id}/claim`)).status).toBe(200);
    expect((await mine.post(`/customers/${b.id}/claim`)).status).toBe(200);
    const before = await fingerprint(t.database);
    const refused = await mine.post(`/customers/${c.id}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LIMIT_REACHED');
    expect(errorPaths(refused)).toEqual(['dailyClaimLimit']);
    expect(await fingerprint(t.database)).toBe(before);
    expect(await customerRow(c.id)).toMatchObject({ manager_id: null });
    t.clock.advance(DAY);
    try {
      expect((await (await t.login('manager2')).post(`/customers/${c.id}/claim`)).status).toBe(200);
    } finally {
      t.clock.advance(-DAY);
      await setLimits({ dailyClaimLimit: 10 });
    }
  });

  it('stops at maxOwned customers (0: no cap)', async () => {
    const owned = await count(
      t,
      "select count(*)::int as n from customers where manager_id = $1 and status = 'normal'",
      [ids.manager1],
    );
    await setLimits({ maxOwned: owned });
    const c = await buildPoolCustomer(t);
    try {
      const refused = await manager1.post(`/customers/${c.id}/claim`);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: { code: 'LIMIT_REACHED', details: [{ path: 'maxOwned' }] } });
      await setLimits({ maxOwned: owned + 1 });
      expect((await manager1.post(`/customers/${c.id}/claim`)).status).toBe(200);
    } finally {
      await setLimits({ maxOwned: 0 });
    }
  });

  it('keeps a manager from claiming back a customer they lost within reclaimWaitDays', async () => {
    await setLimits({ reclaimWaitDays: 30 });
    const c = await buildCustomer(t, { manager: 'manager1' });
    expect((await manager1.post(`/customers/${c.id}/release`, { reason: '客户不再需要' })).status).toBe(200);
    const refused = await manager1.post(`/customers/${c.id}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'LIMIT_REACHED', details: [{ path: 'reclaimWaitDays' }] } });
    t.clock.advance(31 * DAY);
    try {
      expect((await (await t.login('manager1')).post(`/customers/${c.id}/claim`)).status).toBe(200);
    } finally {
      t.clock.advance(-31 * DAY);
    }
  });
});

describe('releasing (rule 4)', () => {
  it('lets the responsible manager release with a reason: back in the pool, the history says who and why', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const res = await manager1.post(`/customers/${c.id}/release`, { reason: '客户迁往外地' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ managerId: null, manager: null });
    expect(await customerRow(c.id)).toMatchObject({
      manager_id: null,
      pool_reason: 'released',
      previous_manager_id: ids.manager1,
    });
    expect(await history(c.id)).toEqual([
      expect.objectContaining({
        action: 'released',
        by: expect.objectContaining({ id: ids.manager1 }),
        manager: expect.objectContaining({ id: ids.manager1 }),
        reason: '客户迁往外地',
      }),
    ]);
    const [entry] = (await manager2.get(`/customer-pool?name=${encodeURIComponent(c.name)}`)).body.items;
    expect(entry).toMatchObject({ id: c.id, reason: 'released', previousManager: { id: ids.manager1 } });
  });

  it('keeps the customer’s open churn warning as it is', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    await t.database.query("insert into churn_warnings (customer_id, manager_id, status) values ($1, $2, 'warning')", [
      c.id,
      ids.manager1,
    ]);
    expect((await manager1.post(`/customers/${c.id}/release`, { reason: '移交' })).status).toBe(200);
    const [w] = await t.database.query<{ status: string; manager_id: number }>(
      'select status, manager_id from churn_warnings where customer_id = $1',
      [c.id],
    );
    expect(w).toEqual({ status: 'warning', manager_id: ids.manager1 });
  });

  it('lets a director release any customer in scope', async () => {
    const c = await buildCustomer(t, { manager: 'manager2' });
    const res = await director.post(`/customers/${c.id}/release`, { reason: '重新分配' });
    expect(res.status).toBe(200);
    expect((await history(c.id))[0]).toMatchObject({ by: { id: ids.director }, manager: { id: ids.manager2 } });
  });

  it('refuses another manager (403), a pool or lost customer (409), no reason (400), and changes nothing', async () => {
    const theirs = await buildCustomer(t, { manager: 'manager2' });
    const lost = await buildCustomer(t, { manager: 'manager1', status: 'lost' });
    const inPool = await buildPoolCustomer(t);
    const before = await fingerprint(t.database);
    const rowBefore = await customerRow(theirs.id);
    expect((await manager1.post(`/customers/${theirs.id}/release`, { reason: '不想要' })).status).toBe(403);
    for (const id of [lost.id, inPool.id]) {
      const res = await manager1.post(`/customers/${id}/release`, { reason: '不想要' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
    for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
      const res = await manager2.post(`/customers/${theirs.id}/release`, body);
      expect(res.status).toBe(400);
      expect(errorPaths(res)).toEqual(['reason']);
    }
    expect((await executive.post(`/customers/${theirs.id}/release`, { reason: 'x' })).status).toBe(403);
    expect((await manager1.post('/customers/999999/release', { reason: 'x' })).status).toBe(404);
    expect(await fingerprint(t.database)).toBe(before);
    expect(await customerRow(theirs.id)).toEqual(rowBefore);
  });
});

describe('assigning (rule 4)', () => {
  it('lets a director give a pool customer to an active manager, with the event', async () => {
    const c = await buildPoolCustomer(t, { reason: 'released', manager: 'manager1' });
    const res = await director.post(`/customers/${c.id}/assign`, { managerId: ids.manager2 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ managerId: ids.manager2 });
    expect((await history(c.id))[0]).toMatchObject({
      action: 'assigned',
      by: { id: ids.director },
      manager: { id: ids.manager2 },
    });
    expect(await customerRow(c.id)).toMatchObject({ pool_reason: null, previous_manager_id: null });
  });

  it('assigns only pool customers (409), only to active managers (400 managerId), only for pool.manage (403)', async () => {
    const owned = await buildCustomer(t);
    const inPool = await buildPoolCustomer(t);
    const before = await fingerprint(t.database);
    const taken = await director.post(`/customers/${owned.id}/assign`, { managerId: ids.manager2 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('INVALID_STATE');
    for (const managerId of [ids.executive, ids.director, 999999]) {
      const res = await director.post(`/customers/${inPool.id}/assign`, { managerId });
      expect(res.status).toBe(400);
      expect(errorPaths(res)).toEqual(['managerId']);
    }
    expect((await manager1.post(`/customers/${inPool.id}/assign`, { managerId: ids.manager1 })).status).toBe(403);
    expect((await director.post('/customers/999999/assign', { managerId: ids.manager1 })).status).toBe(404);
    expect(await fingerprint(t.database)).toBe(before);
    expect(await customerRow(inPool.id)).toMatchObject({ manager_id: null });
  });
});

describe('the pool history (rule 6)', () => {
  it('lists every entry and exit, newest first, for whoever reads the customer', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    await manager1.post(`/customers/${c.id}/release`, { reason: '第一次释放' });
    t.clock.advance(60_000);
    await director.post(`/customers/${c.id}/assign`, { managerId: ids.manager2 });
    t.clock.advance(60_000);
    await manager2.post(`/customers/${c.id}/release`, { reason: '第二次释放' });
    t.clock.advance(60_000);
    await setLimits({ reclaimWaitDays: 0 });
    expect((await manager1.post(`/customers/${c.id}/claim`)).status).toBe(200);
    await setLimits({ reclaimWaitDays: 30 });
    const res = await executive.get(`/customers/${c.id}/pool-history`);
    expect(res.status).toBe(200);
    expect(res.body.map((e: { action: string }) => e.action)).toEqual(['claimed', 'released', 'assigned', 'released']);
    expect(res.body.map((e: { reason: string | null }) => e.reason)).toEqual([null, '第二次释放', null, '第一次释放']);
    expect((await manager1.get('/customers/999999/pool-history')).status).toBe(404);
  });
});
