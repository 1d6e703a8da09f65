import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../test/fingerprint.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildOpportunity, count, errorPaths, keptTotalsHold, signIn, userId } from '../../test/factories.ts';

/** Work stuck on a disabled manager (docs/product.md#access-control, rule 4): a director reassigns it. */
let t: TestApp;
let director: Client;
let manager1: Client;
let admin: Client;
let leaverId: number;
let manager2Id: number;

beforeAll(async () => {
  t = await createTestApp();
  [director, manager1, admin] = await signIn(t, 'director', 'manager1', 'admin');
  const leaver = await admin.post('/users', {
    username: 'oppleaver',
    displayName: '离职经理',
    password: 'long-enough',
    roles: ['manager'],
  });
  leaverId = leaver.body.id;
  manager2Id = await userId(t, 'manager2');
});
afterAll(() => t.close());

const auditOf = (id: number) =>
  t.database.query<{ action: string; before: { assignee: { id: number } }; after: { assignee: { id: number } } }>(
    `select action, before, after from audit_log where entity = 'opportunity' and entity_id = $1 order by id`,
    [String(id)],
  );

describe('reassigning an opportunity', () => {
  it('moves an assigned opportunity to another active manager, audited', async () => {
    const o = await buildOpportunity(t, { status: 'assigned' });
    const res = await director.post(`/opportunities/${o.id}/reassign`, { assigneeId: manager2Id });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'assigned', assignee: { id: manager2Id }, version: o.version + 1 });
    const last = (await auditOf(o.id)).at(-1)!;
    expect(last.action).toBe('reassign');
    expect(last.before.assignee.id).toBe(await userId(t, 'manager1'));
    expect(last.after.assignee.id).toBe(manager2Id);
    // the new assignee works on it, the old one no longer sees it
    expect((await (await t.login('manager2')).get(`/opportunities/${o.id}`)).status).toBe(200);
    expect((await manager1.get(`/opportunities/${o.id}`)).status).toBe(200); // manager1 created it
  });

  it('refuses what is not assigned, a manager who is not an active one, and anyone but a director', async () => {
    const unassigned = await buildOpportunity(t);
    const assigned = await buildOpportunity(t, { status: 'assigned' });
    const before = await fingerprint(t.database);
    const notYet = await director.post(`/opportunities/${unassigned.id}/reassign`, { assigneeId: manager2Id });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('INVALID_STATE');
    for (const assigneeId of [await userId(t, 'executive'), 999999]) {
      const res = await director.post(`/opportunities/${assigned.id}/reassign`, { assigneeId });
      expect(res.status).toBe(400);
      expect(errorPaths(res)).toEqual(['assigneeId']);
    }
    expect((await manager1.post(`/opportunities/${assigned.id}/reassign`, { assigneeId: manager2Id })).status).toBe(
      403,
    );
    expect((await director.post(`/opportunities/${assigned.id}/reassign`, { assigneeId: 'x' })).status).toBe(400);
    expect(await fingerprint(t.database)).toBe(before);
    // /assign keeps taking only unassigned opportunities: of two assignments, one wins
    expect((await director.post(`/opportunities/${assigned.id}/assign`, { assigneeId: manager2Id })).status).toBe(409);
  });

  it('refuses to close as succeeded while the assignee is disabled, and succeeds once reassigned', async () => {
    const o = await buildOpportunity(t, { status: 'assigned', assignee: 'oppleaver', customerName: '离职经理的客户' });
    expect((await admin.patch(`/users/${leaverId}`, { active: false })).status).toBe(200);
    const before = await fingerprint(t.database);
    const refused = await director.post(`/opportunities/${o.id}/succeed`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVALID_STATE');
    expect(refused.body.error.message).toMatch(/disabled.*reassign/i);
    expect(await fingerprint(t.database)).toBe(before);

    expect((await director.post(`/opportunities/${o.id}/reassign`, { assigneeId: manager2Id })).status).toBe(200);
    const closed = await director.post(`/opportunities/${o.id}/succeed`);
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.customer.managerId).toBe(manager2Id);
    expect(await count(t, `select count(*)::int as n from customers where name = '离职经理的客户'`)).toBe(1);
  });
});

keptTotalsHold('opportunity', () => t);
