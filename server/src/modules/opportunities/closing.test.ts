import { describe, expect, it } from 'vitest';
import { buildOpportunity, count, DEMO_TEAM, keptTotalsHold, testApp, userId } from '../../test/factories.ts';

const { t, director, manager1, manager2, admin, executive } = await testApp(...DEMO_TEAM);

const customersNamed = (name: string) => count(t, 'select count(*)::int as n from customers where name = $1', [name]);

describe('who may close', () => {
  it('needs a session, refuses administrators and executives, hides others’ opportunities', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', customerName: '关门测试甲' });
    for (const action of ['succeed', 'fail']) {
      expect((await t.anonymous().post(`/opportunities/${o.id}/${action}`)).status).toBe(401);
      expect((await admin.post(`/opportunities/${o.id}/${action}`)).status).toBe(403);
      expect((await executive.post(`/opportunities/${o.id}/${action}`)).status).toBe(403);
      expect((await manager2.post(`/opportunities/${o.id}/${action}`)).status).toBe(404);
      expect((await manager1.post('/opportunities/999999/' + action)).status).toBe(404);
    }
    expect((await manager1.get(`/opportunities/${o.id}`)).body.status).toBe('assigned');
    expect(await customersNamed('关门测试甲')).toBe(0);
  });

  it('refuses the creator who is not the assignee (403)', async () => {
    const o = await buildOpportunity(t, {
      status: 'assigned',
      by: manager2,
      assignee: 'manager1',
      customerName: '关门测试乙',
    });
    expect((await manager2.post(`/opportunities/${o.id}/succeed`)).status).toBe(403);
    expect((await manager2.post(`/opportunities/${o.id}/fail`)).status).toBe(403);
    expect(await customersNamed('关门测试乙')).toBe(0);
  });

  it('refuses to close an unassigned opportunity (409)', async () => {
    const o = await buildOpportunity(t, { customerName: '关门测试丙' });
    for (const action of ['succeed', 'fail']) {
      const res = await director.post(`/opportunities/${o.id}/${action}`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
    expect(await customersNamed('关门测试丙')).toBe(0);
  });

  it('refuses a body other than a failure’s reason (none at all is fine)', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    expect((await manager1.post(`/opportunities/${o.id}/fail`, { status: 'succeeded' })).status).toBe(400);
    expect((await manager1.post(`/opportunities/${o.id}/succeed`, { reason: 'x' })).status).toBe(400);
    expect((await manager1.post(`/opportunities/${o.id}/fail`, { reason: 'x'.repeat(1001) })).status).toBe(400);
    expect((await manager1.get(`/opportunities/${o.id}`)).body.status).toBe('assigned');
    const bare = await manager1.request('POST', `/opportunities/${o.id}/fail`);
    expect(bare.status, bare.text).toBe(200);
  });
});

describe('success (开发成功)', () => {
  it('creates the customer and its first contact with the assignee as manager, and links them, in one go', async () => {
    const o = await buildOpportunity(t, {
      status: 'assigned',
      assignee: 'manager2',
      customerName: '成功转化公司',
      contactName: '刘女士',
      contactPhone: '010-88886666',
    });
    t.clock.advance(5000);
    const res = await manager2.post(`/opportunities/${o.id}/succeed`);
    expect(res.status).toBe(200);
    const manager2Id = await userId(t, 'manager2');
    expect(res.body.opportunity).toMatchObject({
      id: o.id,
      status: 'succeeded',
      closedAt: t.clock.now.toISOString(),
      customerId: res.body.customer.id,
    });
    expect(res.body.customer).toMatchObject({
      name: '成功转化公司',
      managerId: manager2Id,
      manager: { id: manager2Id, displayName: '张经理' },
      status: 'normal',
      version: 1,
    });
    // the rest the manager completes later (docs/product.md#customers, rule 6)
    expect(res.body.customer).toMatchObject({
      regionId: null,
      region: null,
      levelId: null,
      level: null,
      satisfaction: null,
      credit: null,
    });
    expect((await manager2.get(`/customers/${res.body.customer.id}`)).body).toEqual(res.body.customer);
    expect(res.body.customer.number).toMatch(/^KH\d{8}\d{3,}$/);

    const [customer] = await t.database.query<{ id: number; manager_id: number }>(
      'select id, manager_id from customers where name = $1',
      ['成功转化公司'],
    );
    expect(customer).toEqual({ id: res.body.customer.id, manager_id: manager2Id });
    const contacts = await t.database.query(
      'select name, office_phone, position, sex from contacts where customer_id = $1',
      [customer!.id],
    );
    expect(contacts).toEqual([{ name: '刘女士', office_phone: '010-88886666', position: null, sex: null }]);
    const [linked] = await t.database.query<{ customer_id: number; status: string }>(
      'select customer_id, status from opportunities where id = $1',
      [o.id],
    );
    expect(linked).toEqual({ customer_id: customer!.id, status: 'succeeded' });
    const actions = await t.database.query<{ entity: string; action: string; request_id: string }>(
      "select entity, action, request_id from audit_log where (entity = 'opportunity' and entity_id = $1 and action = 'succeed') or (entity = 'customer' and entity_id = $2)",
      [String(o.id), String(customer!.id)],
    );
    expect(actions.map((a) => `${a.entity}:${a.action}`).sort()).toEqual(['customer:create', 'opportunity:succeed']);
    expect(new Set(actions.map((a) => a.request_id)).size).toBe(1);
  });

  it('happens once: a second success or a failure afterwards is 409 and creates nothing', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', customerName: '只成功一次' });
    expect((await director.post(`/opportunities/${o.id}/succeed`)).status).toBe(200);
    for (const action of ['succeed', 'fail']) {
      const res = await manager1.post(`/opportunities/${o.id}/${action}`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
    expect(await customersNamed('只成功一次')).toBe(1);
    expect((await manager1.get(`/opportunities/${o.id}`)).body.status).toBe('succeeded');
  });

  it('makes a director’s success the assignee’s customer', async () => {
    const o = await buildOpportunity(t, {
      status: 'assigned',
      by: director,
      assignee: 'manager1',
      customerName: '主管代办公司',
    });
    const res = await director.post(`/opportunities/${o.id}/succeed`);
    expect(res.body.customer.managerId).toBe(await userId(t, 'manager1'));
  });

  it('creates no contact when the opportunity named no contact person', async () => {
    const o = await buildOpportunity(t, {
      status: 'assigned',
      customerName: '无联系人公司',
      contactName: null,
      contactPhone: null,
    });
    const res = await manager1.post(`/opportunities/${o.id}/succeed`);
    expect(res.status).toBe(200);
    expect(
      await count(t, 'select count(*)::int as n from contacts where customer_id = $1', [res.body.customer.id]),
    ).toBe(0);
  });

  it('lets only one of two concurrent successes win: one 200, one 409, one customer', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', customerName: '并发成功公司' });
    const answers = await Promise.all([
      manager1.post(`/opportunities/${o.id}/succeed`),
      director.post(`/opportunities/${o.id}/succeed`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('INVALID_STATE');
    expect(await customersNamed('并发成功公司')).toBe(1);
    expect(
      await count(
        t,
        "select count(*)::int as n from audit_log where entity = 'opportunity' and entity_id = $1 and action = 'succeed'",
        [String(o.id)],
      ),
    ).toBe(1);
  });

  it('lets only one of a concurrent success and failure win', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', customerName: '成败并发公司' });
    const [win, fail] = await Promise.all([
      manager1.post(`/opportunities/${o.id}/succeed`),
      director.post(`/opportunities/${o.id}/fail`),
    ]);
    expect([win.status, fail.status].sort()).toEqual([200, 409]);
    const status = (await manager1.get(`/opportunities/${o.id}`)).body.status;
    expect(await customersNamed('成败并发公司')).toBe(status === 'succeeded' ? 1 : 0);
  });
});

describe('failure (终止开发)', () => {
  it('ends the opportunity as failed, once, and creates no customer', async () => {
    const o = await buildOpportunity(t, {
      status: 'assigned',
      by: manager2,
      assignee: 'manager1',
      customerName: '失败公司',
    });
    const res = await manager1.post(`/opportunities/${o.id}/fail`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      opportunity: expect.objectContaining({
        id: o.id,
        status: 'failed',
        customerId: null,
        closedAt: t.clock.now.toISOString(),
        failReason: null,
      }),
    });
    expect((await director.post(`/opportunities/${o.id}/fail`)).status).toBe(409);
    expect((await director.post(`/opportunities/${o.id}/succeed`)).status).toBe(409);
    expect(await customersNamed('失败公司')).toBe(0);
    expect((await manager2.get(`/opportunities/${o.id}`)).body.status).toBe('failed');
    expect(
      await count(
        t,
        "select count(*)::int as n from audit_log where entity = 'opportunity' and entity_id = $1 and action = 'fail'",
        [String(o.id)],
      ),
    ).toBe(1);
  });

  it('stores the reason given, shows it, and audits it; other opportunities have none', async () => {
    const o = await buildOpportunity(t, {
      status: 'assigned',
      by: manager2,
      assignee: 'manager1',
      customerName: '有原因的失败公司',
    });
    expect((await manager1.get(`/opportunities/${o.id}`)).body.failReason).toBeNull();
    const res = await manager1.post(`/opportunities/${o.id}/fail`, { reason: '  客户预算取消，项目搁置  ' });
    expect(res.status).toBe(200);
    expect(res.body.opportunity).toMatchObject({ status: 'failed', failReason: '客户预算取消，项目搁置' });
    expect((await director.get(`/opportunities/${o.id}`)).body.failReason).toBe('客户预算取消，项目搁置');
    const listed = await director.get(`/opportunities?customerName=${encodeURIComponent('有原因的失败公司')}`);
    expect(listed.body.items[0].failReason).toBe('客户预算取消，项目搁置');
    const [entry] = await t.database.query<{ before: { failReason: string | null }; after: { failReason: string } }>(
      "select before, after from audit_log where entity = 'opportunity' and entity_id = $1 and action = 'fail'",
      [String(o.id)],
    );
    expect(entry!.before.failReason).toBeNull();
    expect(entry!.after.failReason).toBe('客户预算取消，项目搁置');
    // an empty reason is no reason
    const other = await buildOpportunity(t, {
      status: 'assigned',
      by: manager2,
      assignee: 'manager1',
      customerName: '无原因的失败公司',
    });
    expect((await manager1.post(`/opportunities/${other.id}/fail`, { reason: ' ' })).body.opportunity.failReason).toBe(
      null,
    );
  });

  it('keeps a reason only on a failed opportunity (the database refuses one elsewhere)', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', by: manager2, assignee: 'manager1' });
    await expect(t.database.query(`update opportunities set fail_reason = 'x' where id = $1`, [o.id])).rejects.toThrow(
      /opportunities_fail_reason_check/,
    );
  });
});

keptTotalsHold('opportunity', () => t);
