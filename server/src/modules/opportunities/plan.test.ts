import { describe, expect, it } from 'vitest';
import { buildOpportunity, DEMO_TEAM, count, errorPaths, testApp } from '../../test/factories.ts';

const { t, director, manager1, manager2, admin, executive } = await testApp(...DEMO_TEAM);

const items = (id: number) => `/opportunities/${id}/plan-items`;
const itemCount = (id: number) => count(t, 'select count(*)::int as n from plan_items where opportunity_id = $1', [id]);

describe('access to the plan endpoints', () => {
  it('needs a session, and refuses administrators and executives', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    const item = (await manager1.post(items(o.id), { date: '2026-12-01', content: '电话拜访' })).body;
    const anon = t.anonymous();
    for (const who of [anon, admin, executive]) {
      const expected = who === anon ? 401 : 403;
      const answers = await Promise.all([
        who.get(items(o.id)),
        who.post(items(o.id), { date: '2026-12-02', content: 'x' }),
        who.patch(`${items(o.id)}/${item.id}`, { result: 'x' }),
        who.delete(`${items(o.id)}/${item.id}`),
      ]);
      for (const res of answers) expect(res.status).toBe(expected);
    }
    expect(await itemCount(o.id)).toBe(1);
  });
});

describe('planning (docs/product.md#development-plans)', () => {
  it('lets the assignee and a director add items, listed in date order', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    t.clock.advance(1000);
    const first = await manager1.post(items(o.id), { date: '2026-12-10', content: '  上门演示  ' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(Number),
      date: '2026-12-10',
      content: '上门演示',
      result: null,
      createdAt: t.clock.now.toISOString(),
    });
    expect((await director.post(items(o.id), { date: '2026-12-05', content: '电话沟通' })).status).toBe(201);
    const list = await manager1.get(items(o.id));
    expect(list.status).toBe(200);
    expect(list.body.map((i: { date: string }) => i.date)).toEqual(['2026-12-05', '2026-12-10']);
    expect((await director.get(items(o.id))).body).toHaveLength(2);
    expect(
      await count(t, "select count(*)::int as n from audit_log where entity = 'planItem' and action = 'create'"),
    ).toBeGreaterThanOrEqual(2);
  });

  it('hides the plan from a manager who may not see the opportunity (404)', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    expect((await manager2.get(items(o.id))).status).toBe(404);
    expect((await manager2.post(items(o.id), { date: '2026-12-01', content: 'x' })).status).toBe(404);
    expect(await itemCount(o.id)).toBe(0);
  });

  it('refuses the creator who is not the assignee (403)', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', by: manager2, assignee: 'manager1' });
    const item = (await manager1.post(items(o.id), { date: '2026-12-01', content: 'x' })).body;
    expect((await manager2.get(items(o.id))).status).toBe(200);
    expect((await manager2.post(items(o.id), { date: '2026-12-01', content: 'y' })).status).toBe(403);
    expect((await manager2.patch(`${items(o.id)}/${item.id}`, { result: 'y' })).status).toBe(403);
    expect((await manager2.delete(`${items(o.id)}/${item.id}`)).status).toBe(403);
    expect(await itemCount(o.id)).toBe(1);
  });

  it('refuses to plan an unassigned opportunity (409; its creator is not the assignee: 403)', async () => {
    const o = await buildOpportunity(t);
    const res = await director.post(items(o.id), { date: '2026-12-01', content: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect((await manager1.post(items(o.id), { date: '2026-12-01', content: 'x' })).status).toBe(403);
    expect(await itemCount(o.id)).toBe(0);
  });

  it('names missing or bad fields', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    expect(errorPaths(await manager1.post(items(o.id), {}))).toEqual(expect.arrayContaining(['date', 'content']));
    expect(errorPaths(await manager1.post(items(o.id), { date: '2026-02-30', content: 'x' }))).toContain('date');
    expect(errorPaths(await manager1.post(items(o.id), { date: '01/12/2026', content: 'x' }))).toContain('date');
    expect(errorPaths(await manager1.post(items(o.id), { date: '2026-12-01', content: '   ' }))).toContain('content');
    expect(
      (await manager1.post(items(o.id), { date: '2026-12-01', content: 'x', createdAt: '2020-01-01T00:00:00Z' }))
        .status,
    ).toBe(400);
    expect((await manager1.post(items(o.id), { date: '2026-12-01', content: 'x', id: 5 })).status).toBe(400);
    expect(await itemCount(o.id)).toBe(0);
  });
});

describe('editing items and recording results', () => {
  it('changes content and result, never the date', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    const item = (await manager1.post(items(o.id), { date: '2026-12-01', content: '拜访' })).body;
    const res = await manager1.patch(`${items(o.id)}/${item.id}`, { result: '客户有意向' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: item.id, date: '2026-12-01', content: '拜访', result: '客户有意向' });
    expect((await director.patch(`${items(o.id)}/${item.id}`, { content: '再次拜访' })).body).toMatchObject({
      content: '再次拜访',
      result: '客户有意向',
    });

    const moved = await manager1.patch(`${items(o.id)}/${item.id}`, { date: '2027-01-01', result: 'x' });
    expect(moved.status).toBe(400);
    expect((await manager1.patch(`${items(o.id)}/${item.id}`, { content: '' })).status).toBe(400);
    const [stored] = await t.database.query<{ date: string; result: string }>(
      'select date::text as date, result from plan_items where id = $1',
      [item.id],
    );
    expect(stored).toEqual({ date: '2026-12-01', result: '客户有意向' });
    const [entry] = await t.database.query<{ before: { result: unknown }; after: { result: unknown } }>(
      "select before, after from audit_log where entity = 'planItem' and entity_id = $1 and action = 'update' order by id limit 1",
      [String(item.id)],
    );
    expect(entry).toMatchObject({ before: { result: null }, after: { result: '客户有意向' } });
  });

  it('finds an item only under its own opportunity', async () => {
    const a = await buildOpportunity(t, { status: 'assigned' });
    const b = await buildOpportunity(t, { status: 'assigned' });
    const item = (await manager1.post(items(a.id), { date: '2026-12-01', content: 'x' })).body;
    expect((await manager1.patch(`${items(b.id)}/${item.id}`, { result: 'y' })).status).toBe(404);
    expect((await manager1.delete(`${items(b.id)}/${item.id}`)).status).toBe(404);
    expect((await manager1.patch(`${items(a.id)}/999999`, { result: 'y' })).status).toBe(404);
  });

  it('deletes an item while assigned', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    const item = (await manager1.post(items(o.id), { date: '2026-12-01', content: 'x' })).body;
    expect((await manager1.delete(`${items(o.id)}/${item.id}`)).status).toBe(204);
    expect((await manager1.delete(`${items(o.id)}/${item.id}`)).status).toBe(404);
    expect(await itemCount(o.id)).toBe(0);
    expect(
      await count(
        t,
        "select count(*)::int as n from audit_log where entity = 'planItem' and action = 'delete' and entity_id = $1",
        [String(item.id)],
      ),
    ).toBe(1);
  });

  it('freezes the plan once the opportunity is closed (409)', async () => {
    for (const close of ['succeed', 'fail']) {
      const o = await buildOpportunity(t, { status: 'assigned' });
      const item = (await manager1.post(items(o.id), { date: '2026-12-01', content: 'x' })).body;
      expect((await manager1.post(`/opportunities/${o.id}/${close}`)).status).toBe(200);
      for (const res of [
        await manager1.post(items(o.id), { date: '2026-12-02', content: 'y' }),
        await director.patch(`${items(o.id)}/${item.id}`, { result: 'late' }),
        await manager1.delete(`${items(o.id)}/${item.id}`),
      ]) {
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('INVALID_STATE');
      }
      expect((await manager1.get(items(o.id))).body).toEqual([expect.objectContaining({ id: item.id, result: null })]);
    }
  });
});
