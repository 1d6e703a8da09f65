import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildService, keptTotalsHold, serviceEvents, serviceRow, signIn, userIds } from '../../test/factories.ts';

let t: TestApp;
let manager1: Client, manager2: Client, director: Client, executive: Client;
let ids: Record<'director' | 'manager1' | 'manager2' | 'executive', number>;
beforeAll(async () => {
  t = await createTestApp();
  [manager1, manager2, director, executive] = await signIn(t, 'manager1', 'manager2', 'director', 'executive');
  ids = await userIds(t, 'director', 'manager1', 'manager2', 'executive');
});
afterAll(() => t.close());

const handling = { handling: '上门更换了故障部件' };
const happy = { result: '客户确认问题已解决', satisfaction: 4 };

describe('handling a service (docs/product.md#customer-service, rule 3)', () => {
  it('lets the assignee handle it, recording handler and time', async () => {
    const s = await buildService(t, { status: 'assigned', assignee: 'manager2' });
    t.clock.advance(600_000);
    const res = await manager2.post(`/services/${s.id}/handle`, handling);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'handled',
      handling: '上门更换了故障部件',
      handledBy: { id: ids.manager2, displayName: '张经理' },
      handledAt: t.clock.now.toISOString(),
    });
    expect(res.body.history.at(-1)).toMatchObject({
      kind: 'handled',
      text: '上门更换了故障部件',
      user: { id: ids.manager2 },
    });
    const [logged] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where entity = 'service' and action = 'handle' and entity_id = $1",
      [String(s.id)],
    );
    expect(logged!.n).toBe(1);
  });

  it('refuses another manager (403), and roles without service.handle', async () => {
    const s = await buildService(t, { status: 'assigned', assignee: 'manager2' });
    const other = await manager1.post(`/services/${s.id}/handle`, handling);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    expect((await director.post(`/services/${s.id}/handle`, handling)).status).toBe(403);
    expect((await executive.post(`/services/${s.id}/handle`, handling)).status).toBe(403);
    expect((await t.anonymous().post(`/services/${s.id}/handle`, handling)).status).toBe(401);
    expect(await serviceRow(t, s.id)).toMatchObject({ status: 'assigned', handling: null, handled_by: null });
  });

  it('refuses a service that is not assigned (409 INVALID_STATE), and an unknown one (404)', async () => {
    for (const status of ['new', 'handled', 'archived'] as const) {
      const s = await buildService(t, { status });
      const res = await manager1.post(`/services/${s.id}/handle`, handling);
      expect(res.status, status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
      expect((await serviceRow(t, s.id)).status).toBe(status);
    }
    expect((await manager1.post('/services/999999/handle', handling)).status).toBe(404);
  });

  it('needs the handling text and nothing else', async () => {
    const s = await buildService(t, { status: 'assigned' });
    const empty = await manager1.post(`/services/${s.id}/handle`, { handling: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('handling');
    expect((await manager1.post(`/services/${s.id}/handle`, { ...handling, handledBy: ids.manager2 })).status).toBe(
      400,
    );
    expect((await manager1.post(`/services/${s.id}/handle`, { ...handling, status: 'archived' })).status).toBe(400);
    expect((await serviceRow(t, s.id)).status).toBe('assigned');
  });
});

describe('feedback on a service (docs/product.md#customer-service, rule 4)', () => {
  it('archives it when the customer is satisfied (3 or more)', async () => {
    for (const satisfaction of [3, 5]) {
      const s = await buildService(t, { status: 'handled' });
      const res = await manager1.post(`/services/${s.id}/feedback`, { result: '满意', satisfaction });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'archived', result: '满意', satisfaction });
    }
  });

  it('is given by the assignee only: not the creator, another manager or a director', async () => {
    const s = await buildService(t, { status: 'handled', assignee: 'manager2' });
    const creator = await manager1.post(`/services/${s.id}/feedback`, happy);
    expect(creator.status).toBe(403);
    expect((await director.post(`/services/${s.id}/feedback`, happy)).status).toBe(403);
    expect((await executive.post(`/services/${s.id}/feedback`, happy)).status).toBe(403);
    expect((await t.anonymous().post(`/services/${s.id}/feedback`, happy)).status).toBe(401);
    expect(await serviceRow(t, s.id)).toMatchObject({ status: 'handled', result: null, satisfaction: null });
    expect((await manager2.post(`/services/${s.id}/feedback`, happy)).status).toBe(200);
  });

  it('refuses a service that is not handled (409 INVALID_STATE), and an unknown one (404)', async () => {
    for (const status of ['new', 'assigned', 'archived'] as const) {
      const s = await buildService(t, { status });
      const res = await manager1.post(`/services/${s.id}/feedback`, happy);
      expect(res.status, status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
      expect((await serviceRow(t, s.id)).status).toBe(status);
    }
    expect((await manager1.post('/services/999999/feedback', happy)).status).toBe(404);
  });

  it('takes satisfaction only as a whole number 1–5, and a result', async () => {
    const s = await buildService(t, { status: 'handled' });
    for (const satisfaction of [0, 6, 2.5, -1, '4', null]) {
      const res = await manager1.post(`/services/${s.id}/feedback`, { result: '一般', satisfaction });
      expect(res.status, String(satisfaction)).toBe(400);
      expect(res.body.error.details[0].path).toBe('satisfaction');
    }
    const noResult = await manager1.post(`/services/${s.id}/feedback`, { satisfaction: 4 });
    expect(noResult.body.error.details[0].path).toBe('result');
    expect((await manager1.post(`/services/${s.id}/feedback`, { ...happy, status: 'archived' })).status).toBe(400);
    expect(await serviceRow(t, s.id)).toMatchObject({ status: 'handled', satisfaction: null });
    expect(await serviceEvents(t, s.id)).toEqual(['created', 'assigned', 'handled']);
  });

  it('sends a dissatisfied customer back to assigned, and keeps both rounds in the history', async () => {
    const s = await buildService(t, { status: 'handled' });
    const unhappy = await manager1.post(`/services/${s.id}/feedback`, {
      result: '客户认为问题未解决',
      satisfaction: 2,
    });
    expect(unhappy.status).toBe(200);
    expect(unhappy.body).toMatchObject({
      status: 'assigned',
      assignee: { id: ids.manager1 },
      result: '客户认为问题未解决',
      satisfaction: 2,
    });
    // back in the assignee's list of work to handle
    const mine = await manager1.get('/services?status=assigned&assignee=me&pageSize=100');
    expect(mine.body.items.map((i: { id: number }) => i.id)).toContain(s.id);
    expect((await manager2.post(`/services/${s.id}/handle`, { handling: '不是我的' })).status).toBe(403);
    t.clock.advance(600_000);
    expect((await manager1.post(`/services/${s.id}/handle`, { handling: '更换整机' })).status).toBe(200);
    const done = await manager1.post(`/services/${s.id}/feedback`, { result: '客户满意', satisfaction: 4 });
    expect(done.body).toMatchObject({ status: 'archived', handling: '更换整机', result: '客户满意', satisfaction: 4 });
    expect(
      done.body.history.map((e: { kind: string; text: string | null; satisfaction: number | null }) => [
        e.kind,
        e.text,
        e.satisfaction,
      ]),
    ).toEqual([
      ['created', '客户来电询问新产品的报价', null],
      ['assigned', null, null],
      ['handled', '已电话回复报价', null],
      ['feedback', '客户认为问题未解决', 2],
      ['handled', '更换整机', null],
      ['feedback', '客户满意', 4],
    ]);
    const detail = await director.get(`/services/${s.id}`);
    expect(detail.body.history).toEqual(done.body.history);
    const actions = await t.database.query<{ action: string }>(
      "select action from audit_log where entity = 'service' and entity_id = $1 order by id",
      [String(s.id)],
    );
    expect(actions.map((a) => a.action)).toEqual(['create', 'assign', 'handle', 'feedback', 'handle', 'feedback']);
  });

  it('lets exactly one of two concurrent feedbacks win', async () => {
    for (const [a, b] of [
      [2, 5],
      [4, 5],
    ]) {
      const s = await buildService(t, { status: 'handled' });
      const answers = await Promise.all([
        manager1.post(`/services/${s.id}/feedback`, { result: 'A', satisfaction: a }),
        manager1.post(`/services/${s.id}/feedback`, { result: 'B', satisfaction: b }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = answers.find((r) => r.status === 200)!.body;
      expect(await serviceRow(t, s.id)).toMatchObject({ result: winner.result, satisfaction: winner.satisfaction });
      expect((await serviceEvents(t, s.id)).filter((k) => k === 'feedback')).toHaveLength(1);
    }
  });

  it('lets exactly one of two concurrent handlings win', async () => {
    const s = await buildService(t, { status: 'assigned' });
    const answers = await Promise.all([
      manager1.post(`/services/${s.id}/handle`, { handling: 'A' }),
      manager1.post(`/services/${s.id}/handle`, { handling: 'B' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await serviceEvents(t, s.id)).toEqual(['created', 'assigned', 'handled']);
  });
});

keptTotalsHold('service', () => t);
keptTotalsHold('service department month', () => t);
