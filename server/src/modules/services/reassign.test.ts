import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../test/fingerprint.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildService, keptTotalsHold, serviceEvents, signIn, userIds } from '../../test/factories.ts';

/** Work stuck on a disabled manager (docs/product.md#access-control, rule 4): a director reassigns it. */
let t: TestApp;
let manager1: Client, manager2: Client, director: Client;
let ids: Record<'director' | 'manager1' | 'manager2' | 'executive', number>;
beforeAll(async () => {
  t = await createTestApp();
  [manager1, manager2, director] = await signIn(t, 'manager1', 'manager2', 'director');
  ids = await userIds(t, 'director', 'manager1', 'manager2', 'executive');
});
afterAll(() => t.close());

describe('reassigning a service', () => {
  it('moves an assigned service to another active manager, who handles it from then on, audited', async () => {
    const s = await buildService(t, { status: 'assigned' });
    const res = await director.post(`/services/${s.id}/reassign`, { assigneeId: ids.manager2 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'assigned', assignee: { id: ids.manager2 } });
    const [audit] = await t.database.query<{ action: string }>(
      `select action from audit_log where entity = 'service' and entity_id = $1 order by id desc limit 1`,
      [String(s.id)],
    );
    expect(audit!.action).toBe('reassign');
    expect(await serviceEvents(t, s.id)).toEqual(['created', 'assigned', 'assigned']);
    // the history keeps whom each assignment was to
    expect(res.body.history.map((e: { assignee: { id: number } | null }) => e.assignee?.id ?? null)).toEqual([
      null,
      ids.manager1,
      ids.manager2,
    ]);
    expect((await manager1.post(`/services/${s.id}/handle`, { handling: '我来' })).status).toBe(403);
    expect((await manager2.post(`/services/${s.id}/handle`, { handling: '已处理' })).status).toBe(200);
  });

  it('refuses a service that is not assigned, a user who is not an active manager, and non-directors', async () => {
    const fresh = await buildService(t, { status: 'new' });
    const handled = await buildService(t, { status: 'handled' });
    const assigned = await buildService(t, { status: 'assigned' });
    const before = await fingerprint(t.database);
    for (const s of [fresh, handled]) {
      const res = await director.post(`/services/${s.id}/reassign`, { assigneeId: ids.manager2 });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
    const notManager = await director.post(`/services/${assigned.id}/reassign`, { assigneeId: ids.executive });
    expect(notManager.status).toBe(400);
    expect(notManager.body.error.details[0].path).toBe('assigneeId');
    expect((await manager1.post(`/services/${assigned.id}/reassign`, { assigneeId: ids.manager2 })).status).toBe(403);
    expect((await director.post('/services/999999/reassign', { assigneeId: ids.manager2 })).status).toBe(404);
    expect(await fingerprint(t.database)).toBe(before);
    // /assign keeps taking only new services
    expect((await director.post(`/services/${assigned.id}/assign`, { assigneeId: ids.manager2 })).status).toBe(409);
  });
});

keptTotalsHold('service', () => t);
keptTotalsHold('service department month', () => t);
