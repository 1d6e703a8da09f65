import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../test/fingerprint.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { serviceFixture } from './fixtures.ts';

/** Work stuck on a disabled manager (docs/product.md#access-control, rule 4): a director reassigns it. */
let t: TestApp;
let f: Awaited<ReturnType<typeof serviceFixture>>;
beforeAll(async () => {
  t = await createTestApp();
  f = await serviceFixture(t);
});
afterAll(() => t.close());

describe('reassigning a service', () => {
  it('moves an assigned service to another active manager, who handles it from then on, audited', async () => {
    const s = await f.serviceIn('assigned');
    const res = await f.director.post(`/services/${s.id}/reassign`, { assigneeId: f.ids.manager2 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'assigned', assignee: { id: f.ids.manager2 } });
    const [audit] = await t.database.query<{ action: string }>(
      `select action from audit_log where entity = 'service' and entity_id = $1 order by id desc limit 1`,
      [String(s.id)],
    );
    expect(audit!.action).toBe('reassign');
    expect(await f.eventKinds(s.id)).toEqual(['created', 'assigned', 'assigned']);
    // the history keeps whom each assignment was to
    expect(res.body.history.map((e: { assignee: { id: number } | null }) => e.assignee?.id ?? null)).toEqual([
      null,
      f.ids.manager1,
      f.ids.manager2,
    ]);
    expect((await f.manager1.post(`/services/${s.id}/handle`, { handling: '我来' })).status).toBe(403);
    expect((await f.manager2.post(`/services/${s.id}/handle`, { handling: '已处理' })).status).toBe(200);
  });

  it('refuses a service that is not assigned, a user who is not an active manager, and non-directors', async () => {
    const fresh = await f.serviceIn('new');
    const handled = await f.serviceIn('handled');
    const assigned = await f.serviceIn('assigned');
    const before = await fingerprint(t.database);
    for (const s of [fresh, handled]) {
      const res = await f.director.post(`/services/${s.id}/reassign`, { assigneeId: f.ids.manager2 });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
    const notManager = await f.director.post(`/services/${assigned.id}/reassign`, { assigneeId: f.ids.executive });
    expect(notManager.status).toBe(400);
    expect(notManager.body.error.details[0].path).toBe('assigneeId');
    expect((await f.manager1.post(`/services/${assigned.id}/reassign`, { assigneeId: f.ids.manager2 })).status).toBe(
      403,
    );
    expect((await f.director.post('/services/999999/reassign', { assigneeId: f.ids.manager2 })).status).toBe(404);
    expect(await fingerprint(t.database)).toBe(before);
    // /assign keeps taking only new services
    expect((await f.director.post(`/services/${assigned.id}/assign`, { assigneeId: f.ids.manager2 })).status).toBe(409);
  });
});
