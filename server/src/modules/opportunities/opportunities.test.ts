import { describe, expect, it } from 'vitest';
import type { Client } from '../../test/harness.ts';
import {
  buildOpportunity,
  count,
  DEMO_TEAM,
  errorPaths,
  keptTotalsHold,
  newOpportunity,
  testApp,
  userId,
} from '../../test/factories.ts';

const { t, director, manager1, manager2, admin, executive } = await testApp(...DEMO_TEAM);

const opportunityCount = () => count(t, 'select count(*)::int as n from opportunities');

describe('access to the opportunity endpoints', () => {
  it('needs a session on every endpoint', async () => {
    const anon = t.anonymous();
    const answers = await Promise.all([
      anon.get('/opportunities'),
      anon.post('/opportunities', newOpportunity()),
      anon.get('/opportunities/1'),
      anon.patch('/opportunities/1', { version: 1 }),
      anon.delete('/opportunities/1'),
      anon.post('/opportunities/1/assign', { assigneeId: 1 }),
    ]);
    for (const res of answers) expect(res.status).toBe(401);
  });

  it('refuses administrators and executives (403)', async () => {
    const { id } = await buildOpportunity(t);
    for (const who of [admin, executive]) {
      const answers = await Promise.all([
        who.get('/opportunities'),
        who.post('/opportunities', newOpportunity()),
        who.get(`/opportunities/${id}`),
        who.patch(`/opportunities/${id}`, { version: 1, summary: 'x' }),
        who.delete(`/opportunities/${id}`),
        who.post(`/opportunities/${id}/assign`, { assigneeId: await userId(t, 'manager1') }),
      ]);
      for (const res of answers) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
    }
    expect((await manager1.get(`/opportunities/${id}`)).body).toMatchObject({ status: 'unassigned', version: 1 });
  });
});

describe('creating an opportunity (docs/product.md#opportunities, rule 1)', () => {
  it('records the creator and the time from the server; a new one is unassigned', async () => {
    const res = await manager1.post('/opportunities', newOpportunity({ contactName: '', source: null }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ...newOpportunity({ contactName: null, source: null }),
      status: 'unassigned',
      createdBy: { id: await userId(t, 'manager1'), displayName: '李经理' },
      createdAt: t.clock.now.toISOString(),
      assignee: null,
      assignedAt: null,
      customerId: null,
      version: 1,
    });
    const [entry] = await t.database.query<{ action: string }>(
      "select action from audit_log where entity = 'opportunity' and entity_id = $1",
      [String(res.body.id)],
    );
    expect(entry?.action).toBe('create');
    expect((await director.post('/opportunities', newOpportunity())).status).toBe(201);
  });

  it('names every missing required field', async () => {
    const before = await opportunityCount();
    const res = await manager1.post('/opportunities', { source: 'x', contactName: 'y' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(res)).toEqual(expect.arrayContaining(['customerName', 'successRate', 'summary', 'description']));
    const blank = await manager1.post('/opportunities', newOpportunity({ customerName: '   ', description: '' }));
    expect(errorPaths(blank)).toEqual(expect.arrayContaining(['customerName', 'description']));
    expect(await opportunityCount()).toBe(before);
  });

  it('takes the success rate only as a whole number from 0 to 100', async () => {
    const before = await opportunityCount();
    for (const successRate of [101, -1, 1.5, '50', null]) {
      const res = await manager1.post('/opportunities', newOpportunity({ successRate }));
      expect(res.status, String(successRate)).toBe(400);
      expect(errorPaths(res)).toContain('successRate');
    }
    expect(await opportunityCount()).toBe(before);
    for (const successRate of [0, 100])
      expect((await manager1.post('/opportunities', newOpportunity({ successRate }))).status).toBe(201);
  });

  it('refuses fields the server sets and unknown fields, and writes nothing', async () => {
    const before = await opportunityCount();
    const m2 = await userId(t, 'manager2');
    for (const extra of [
      { status: 'assigned' },
      { createdBy: m2 },
      { createdAt: '2020-01-01T00:00:00Z' },
      { assigneeId: m2 },
      { id: 999 },
      { version: 7 },
      { customerId: 1 },
      { colour: 'red' },
    ]) {
      const res = await manager1.post('/opportunities', newOpportunity(extra));
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await opportunityCount()).toBe(before);
  });
});

describe('visibility (docs/product.md#opportunities, rule 2)', () => {
  it('shows a manager what they created or were assigned, a director everything; others get 404', async () => {
    const own = await buildOpportunity(t, { customerName: '可见性甲' });
    const toThem = await buildOpportunity(t, {
      status: 'assigned',
      by: director,
      assignee: 'manager2',
      customerName: '可见性乙',
    });
    expect((await manager2.get(`/opportunities/${own.id}`)).status).toBe(404);
    expect((await manager2.get(`/opportunities/${own.id}`)).body.error.code).toBe('NOT_FOUND');
    expect((await manager2.get(`/opportunities/${toThem.id}`)).status).toBe(200);
    expect((await manager1.get(`/opportunities/${toThem.id}`)).status).toBe(404);
    expect((await director.get(`/opportunities/${own.id}`)).status).toBe(200);
    expect((await manager1.get('/opportunities/999999')).status).toBe(404);

    const names = async (c: Client) => (await c.get('/opportunities?customerName=可见性&pageSize=100')).body;
    expect((await names(manager1)).items.map((o: { id: number }) => o.id)).toEqual([own.id]);
    expect((await names(manager1)).total).toBe(1);
    expect((await names(manager2)).items.map((o: { id: number }) => o.id)).toEqual([toThem.id]);
    expect((await names(director)).total).toBe(2);
  });

  it('the creator keeps seeing an opportunity assigned to someone else', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', assignee: 'manager2' });
    expect((await manager1.get(`/opportunities/${o.id}`)).body).toMatchObject({
      status: 'assigned',
      assignee: { displayName: '张经理' },
    });
  });
});

describe('listing', () => {
  it('filters by status, customer name, summary and contact, newest first, paginated', async () => {
    const tag = 'LST';
    const made: number[] = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advance(1000);
      const o = await buildOpportunity(t, {
        by: manager2,
        customerName: `${tag}-客户${i}`,
        summary: i % 2 ? `${tag} 奇数 summary` : `${tag} even`,
        contactName: `Contact_${i}`,
      });
      made.push(o.id);
    }
    await director.post(`/opportunities/${made[0]}/assign`, { assigneeId: await userId(t, 'manager2') });

    const all = await manager2.get(`/opportunities?customerName=${encodeURIComponent(tag.toLowerCase())}`);
    expect(all.body.items.map((o: { id: number }) => o.id)).toEqual([...made].reverse());
    const page2 = await manager2.get(`/opportunities?customerName=${tag}&page=2&pageSize=2`);
    expect(page2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.body.items.map((o: { id: number }) => o.id)).toEqual([made[2], made[1]]);
    const odd = await manager2.get(`/opportunities?summary=${encodeURIComponent('奇数')}`);
    expect(odd.body.items.map((o: { id: number }) => o.id)).toEqual([made[3], made[1]]);
    expect(
      (await manager2.get(`/opportunities?contactName=contact_4`)).body.items.map((o: { id: number }) => o.id),
    ).toEqual([made[4]]);
    // pattern characters are taken literally: "_" is not a wildcard
    expect((await manager2.get(`/opportunities?contactName=Contact${encodeURIComponent('%')}`)).body.total).toBe(0);
    const assigned = await manager2.get(`/opportunities?status=assigned&customerName=${tag}`);
    expect(assigned.body.items.map((o: { id: number }) => o.id)).toEqual([made[0]]);
    const unassigned = await manager2.get(`/opportunities?status=unassigned&customerName=${tag}`);
    expect(unassigned.body.total).toBe(4);
    expect((await manager2.get('/opportunities?status=open')).status).toBe(400);
    expect((await manager2.get('/opportunities?pageSize=101')).status).toBe(400);
  });

  it("gives a director who sees all the opportunities' number as they are created and deleted (the kept count)", async () => {
    const total = async () => (await director.get('/opportunities?pageSize=1')).body.total;
    expect(await total()).toBe(await opportunityCount());
    const made = [await buildOpportunity(t, { by: manager1 }), await buildOpportunity(t, { by: manager2 })];
    expect(await total()).toBe(await opportunityCount());
    expect((await manager1.delete(`/opportunities/${made[0]!.id}`)).status).toBe(204);
    const after = await total();
    expect(after).toBe(await opportunityCount());
    expect(after).toBeGreaterThan(0);
  });
});

describe('editing (docs/product.md#opportunities, rule 3, optimistic locking)', () => {
  it('lets the creator edit an unassigned opportunity at the current version', async () => {
    const o = await buildOpportunity(t);
    const res = await manager1.patch(`/opportunities/${o.id}`, {
      version: 1,
      successRate: 80,
      contactPhone: '',
      summary: '新概要',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      successRate: 80,
      contactPhone: null,
      summary: '新概要',
      contactName: '陈先生',
      version: 2,
    });
    const [entry] = await t.database.query<{ before: { successRate: number }; after: { successRate: number } }>(
      "select before, after from audit_log where entity = 'opportunity' and entity_id = $1 and action = 'update'",
      [String(o.id)],
    );
    expect(entry).toMatchObject({ before: { successRate: 60 }, after: { successRate: 80 } });
  });

  it('answers 409 VERSION_CONFLICT to a stale version and writes nothing', async () => {
    const o = await buildOpportunity(t);
    expect((await director.patch(`/opportunities/${o.id}`, { version: 1, summary: 'first' })).status).toBe(200);
    const stale = await manager1.patch(`/opportunities/${o.id}`, { version: 1, summary: 'second' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await manager1.get(`/opportunities/${o.id}`)).body).toMatchObject({ summary: 'first', version: 2 });
  });

  it('lets a director edit any unassigned one, hides others’ from a manager', async () => {
    const o = await buildOpportunity(t);
    expect((await manager2.patch(`/opportunities/${o.id}`, { version: 1, summary: 'x' })).status).toBe(404);
    expect(
      (await director.patch(`/opportunities/${o.id}`, { version: 1, customerName: '改名公司' })).body,
    ).toMatchObject({ customerName: '改名公司' });
  });

  it('refuses bad edits with the field named', async () => {
    const o = await buildOpportunity(t);
    const cases: [Record<string, unknown>, string][] = [
      [{ summary: 'no version' }, 'version'],
      [{ version: 1, successRate: 101 }, 'successRate'],
      [{ version: 1, successRate: 1.5 }, 'successRate'],
      [{ version: 1, customerName: '' }, 'customerName'],
      [{ version: 1, description: null }, 'description'],
    ];
    for (const [body, field] of cases) {
      const res = await manager1.patch(`/opportunities/${o.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorPaths(res)).toContain(field);
    }
    for (const extra of [
      { status: 'failed' },
      { createdBy: 1 },
      { createdAt: '2020-01-01T00:00:00Z' },
      { assigneeId: 1 },
    ]) {
      expect((await manager1.patch(`/opportunities/${o.id}`, { version: 1, ...extra })).status).toBe(400);
    }
    expect((await manager1.get(`/opportunities/${o.id}`)).body).toMatchObject({
      version: 1,
      status: 'unassigned',
      successRate: 60,
    });
  });

  it('refuses to edit or delete once assigned (409 INVALID_STATE), for the creator and the director alike', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    for (const who of [manager1, director]) {
      const edit = await who.patch(`/opportunities/${o.id}`, { version: o.version, summary: 'late' });
      expect(edit.status).toBe(409);
      expect(edit.body.error.code).toBe('INVALID_STATE');
      const del = await who.delete(`/opportunities/${o.id}`);
      expect(del.status).toBe(409);
      expect(del.body.error.code).toBe('INVALID_STATE');
    }
    expect((await manager1.get(`/opportunities/${o.id}`)).body).toMatchObject({
      status: 'assigned',
      summary: '采购办公设备',
    });
  });

  it('refuses the assigned manager who did not create it (403)', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', assignee: 'manager2' });
    expect((await manager2.patch(`/opportunities/${o.id}`, { version: o.version, summary: 'x' })).status).toBe(403);
    expect((await manager2.delete(`/opportunities/${o.id}`)).status).toBe(403);
  });
});

describe('deleting', () => {
  it('lets the creator or a director delete an unassigned one; others get 404', async () => {
    const a = await buildOpportunity(t);
    const b = await buildOpportunity(t);
    expect((await manager2.delete(`/opportunities/${a.id}`)).status).toBe(404);
    expect((await manager1.delete(`/opportunities/${a.id}`)).status).toBe(204);
    expect((await director.delete(`/opportunities/${b.id}`)).status).toBe(204);
    expect(await count(t, 'select count(*)::int as n from opportunities where id in ($1, $2)', [a.id, b.id])).toBe(0);
    expect((await manager1.delete(`/opportunities/${a.id}`)).status).toBe(404);
    expect(
      await count(
        t,
        "select count(*)::int as n from audit_log where entity = 'opportunity' and action = 'delete' and entity_id in ($1, $2)",
        [String(a.id), String(b.id)],
      ),
    ).toBe(2);
  });
});

describe('assigning (docs/product.md#opportunities, rule 4)', () => {
  it('assigns to one active manager, records the time, and moves to assigned', async () => {
    const o = await buildOpportunity(t);
    t.clock.advance(60_000);
    const res = await director.post(`/opportunities/${o.id}/assign`, { assigneeId: await userId(t, 'manager2') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'assigned',
      assignee: { id: await userId(t, 'manager2'), displayName: '张经理' },
      assignedAt: t.clock.now.toISOString(),
      version: 2,
    });
    const again = await director.post(`/opportunities/${o.id}/assign`, { assigneeId: await userId(t, 'manager1') });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect((await director.get(`/opportunities/${o.id}`)).body.assignee.displayName).toBe('张经理');
  });

  it('is for directors only', async () => {
    const o = await buildOpportunity(t);
    expect(
      (await manager1.post(`/opportunities/${o.id}/assign`, { assigneeId: await userId(t, 'manager1') })).status,
    ).toBe(403);
    expect(
      (await director.post('/opportunities/999999/assign', { assigneeId: await userId(t, 'manager1') })).status,
    ).toBe(404);
  });

  it('refuses anyone but an active manager, with assigneeId named', async () => {
    const o = await buildOpportunity(t);
    const created = await admin.post('/users', {
      username: 'gone-manager',
      displayName: '离职经理',
      password: 'long-enough',
      roles: ['manager'],
    });
    await admin.patch(`/users/${created.body.id}`, { active: false });
    for (const assigneeId of [await userId(t, 'director'), await userId(t, 'executive'), created.body.id, 999999]) {
      const res = await director.post(`/opportunities/${o.id}/assign`, { assigneeId });
      expect(res.status, String(assigneeId)).toBe(400);
      expect(errorPaths(res)).toEqual(['assigneeId']);
    }
    for (const body of [
      {},
      { assigneeId: 'someone' },
      { assigneeId: await userId(t, 'manager1'), assignedAt: '2020-01-01T00:00:00Z' },
    ]) {
      expect((await director.post(`/opportunities/${o.id}/assign`, body)).status).toBe(400);
    }
    expect((await director.get(`/opportunities/${o.id}`)).body).toMatchObject({
      status: 'unassigned',
      assignee: null,
      version: 1,
    });
  });
});

keptTotalsHold('opportunity', () => t);
