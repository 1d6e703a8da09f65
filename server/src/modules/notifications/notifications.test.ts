import { describe, expect, it } from 'vitest';
import { localDay } from '../../platform/calendar.ts';
import {
  buildCustomer,
  buildOpportunity,
  buildService,
  count,
  depsOf,
  DEMO_TEAM,
  testApp,
  userIds,
} from '../../test/factories.ts';
import { announceDuePlans } from '../opportunities/index.ts';

const { t, director, manager1, manager2, admin } = await testApp(...DEMO_TEAM);
const ids = await userIds(t, 'director', 'manager1', 'manager2', 'admin');
const unread = async (c = manager1) => (await c.get('/notifications/unread-count')).body.count as number;

describe('notifications of the events (docs/notifications.md#kinds)', () => {
  it('tells the manager an opportunity was assigned to — not the director who assigned it', async () => {
    const before = await unread();
    const o = await buildOpportunity(t, { assignee: 'manager1', summary: '新的商机' });
    expect(await unread()).toBe(before + 1);
    const [n] = (await manager1.get('/notifications?unread=true&pageSize=1')).body.items;
    expect(n).toMatchObject({
      kind: 'opportunity.assigned',
      params: { opportunityId: o.id, summary: '新的商机' },
      ref: { type: 'opportunity', id: o.id },
      readAt: null,
    });
    expect(new Date(n.createdAt).getTime()).toBeGreaterThan(0);
    expect((await director.get('/notifications')).body.total).toBe(0);
  });

  it('tells the new assignee of a reassigned opportunity', async () => {
    const o = await buildOpportunity(t, { assignee: 'manager1' });
    const before = await unread(manager2);
    expect((await director.post(`/opportunities/${o.id}/reassign`, { assigneeId: ids.manager2 })).status).toBe(200);
    expect(await unread(manager2)).toBe(before + 1);
    const [n] = (await manager2.get('/notifications?pageSize=1')).body.items;
    expect(n).toMatchObject({ kind: 'opportunity.assigned', ref: { type: 'opportunity', id: o.id } });
  });

  it('tells the manager a service was assigned to, and nothing when the assignment is refused', async () => {
    const s = await buildService(t, { status: 'new' });
    const before = await unread();
    const total = await count(t, 'select count(*)::int as n from notifications');
    // refused: an unknown assignee — nothing written
    expect((await director.post(`/services/${s.id}/assign`, { assigneeId: 999999 })).status).toBe(400);
    expect(await count(t, 'select count(*)::int as n from notifications')).toBe(total);
    expect((await director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager1 })).status).toBe(200);
    expect(await unread()).toBe(before + 1);
    const [n] = (await manager1.get('/notifications?pageSize=1')).body.items;
    expect(n).toMatchObject({
      kind: 'service.assigned',
      params: { serviceId: s.id, number: s.number, customerName: '北京甲科技有限公司' },
      ref: { type: 'service', id: s.id },
    });
  });

  it('tells the directors in scope of a dissatisfied customer', async () => {
    const s = await buildService(t, { status: 'handled' });
    const before = await unread(director);
    const feedback = { result: '客户不满意', satisfaction: 2 };
    expect((await manager1.post(`/services/${s.id}/feedback`, feedback)).status).toBe(200);
    expect(await unread(director)).toBe(before + 1);
    const [n] = (await director.get('/notifications?pageSize=1')).body.items;
    expect(n).toMatchObject({ kind: 'service.dissatisfied', params: { serviceId: s.id, satisfaction: 2 } });
    // the manager who recorded it is not told of their own act; the administrator assigns no services
    expect((await manager1.get('/notifications?pageSize=1')).body.items[0]?.kind).not.toBe('service.dissatisfied');
    expect((await admin.get('/notifications')).body.total).toBe(0);
  });

  it('tells the manager customers were transferred to, once per transfer', async () => {
    const a = await buildCustomer(t, { name: '转移甲公司', manager: 'manager1' });
    const b = await buildCustomer(t, { name: '转移乙公司', manager: 'manager1' });
    const before = await unread(manager2);
    const res = await director.post('/customers/transfer', { customerIds: [a.id, b.id], toManagerId: ids.manager2 });
    expect(res.body).toEqual({ transferred: 2 });
    expect(await unread(manager2)).toBe(before + 1);
    const [n] = (await manager2.get('/notifications?pageSize=1')).body.items;
    expect(n).toMatchObject({ kind: 'customer.transferred', params: { count: 2, customerId: a.id }, ref: null });
  });

  it('announces the plan items due today each morning, once per opportunity and day', async () => {
    const o = await buildOpportunity(t, { assignee: 'manager1' });
    const today = localDay(t.clock.now);
    for (const content of ['电话回访', '发送报价'])
      expect((await manager1.post(`/opportunities/${o.id}/plan-items`, { date: today, content })).status).toBe(201);
    const before = await unread();
    expect(await announceDuePlans(depsOf(t), t.clock.now)).toMatchObject({ told: expect.any(Number) });
    expect(await announceDuePlans(depsOf(t), t.clock.now)).toEqual({ told: 0 });
    expect(await unread()).toBe(before + 1);
    const [n] = (await manager1.get('/notifications?pageSize=1')).body.items;
    expect(n).toMatchObject({ kind: 'plan.due', params: { opportunityId: o.id, items: 2, date: today } });
  });
});

describe('reading notifications', () => {
  it('marks one read (204), refuses another user’s (404), and marks all read with the count', async () => {
    await buildOpportunity(t, { assignee: 'manager1' });
    await buildOpportunity(t, { assignee: 'manager1' });
    const [first] = (await manager1.get('/notifications?unread=true')).body.items;
    const before = await unread();
    expect(before).toBeGreaterThanOrEqual(2);
    expect((await manager2.post(`/notifications/${first.id}/read`)).status).toBe(404);
    expect((await manager1.post(`/notifications/99999999/read`)).status).toBe(404);
    expect(await unread()).toBe(before);
    const read = await manager1.post(`/notifications/${first.id}/read`);
    expect(read.status).toBe(204);
    expect(await unread()).toBe(before - 1);
    // twice is harmless
    expect((await manager1.post(`/notifications/${first.id}/read`)).status).toBe(204);
    const readList = (await manager1.get('/notifications?unread=false')).body.items;
    expect(readList.map((n: { id: number }) => n.id)).toContain(first.id);
    expect(readList.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    expect((await manager1.post('/notifications/read-all')).body).toEqual({ count: before - 1 });
    expect(await unread()).toBe(0);
    expect((await manager1.get('/notifications?unread=true')).body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a bad query and anonymous readers', async () => {
    expect((await manager1.get('/notifications?unread=maybe')).status).toBe(400);
    expect((await manager1.post('/notifications/abc/read')).status).toBe(400);
    expect((await t.anonymous().get('/notifications/unread-count')).status).toBe(401);
  });
});

describe('my notification settings (docs/notifications.md#email)', () => {
  it('answers every kind off at first, changes only the kinds named, audits the change', async () => {
    const first = (await manager1.get('/me/notification-settings')).body;
    expect(first.mailEnabled).toBe(false);
    expect(Object.keys(first.email)).toHaveLength(11);
    expect(Object.values(first.email).every((v) => v === false)).toBe(true);
    const res = await manager1.patch('/me/notification-settings', { email: { 'service.assigned': true } });
    expect(res.status).toBe(200);
    expect(res.body.email).toMatchObject({ 'service.assigned': true, 'opportunity.assigned': false });
    const again = await manager1.patch('/me/notification-settings', { email: { 'plan.due': true } });
    expect(again.body.email).toMatchObject({ 'service.assigned': true, 'plan.due': true });
    expect((await manager1.get('/me/notification-settings')).body.email['plan.due']).toBe(true);
    expect(
      await count(
        t,
        "select count(*)::int as n from audit_log where entity = 'notificationSettings' and user_id = $1",
        [ids.manager1],
      ),
    ).toBe(2);
    // another user's choices are their own
    expect((await manager2.get('/me/notification-settings')).body.email['service.assigned']).toBe(false);
  });

  it('refuses unknown kinds and values that are not booleans, changing nothing', async () => {
    for (const body of [{ email: { 'no.such': true } }, { email: { 'plan.due': 'yes' } }, { email: {}, x: 1 }, {}]) {
      expect((await manager2.patch('/me/notification-settings', body)).status).toBe(400);
    }
    expect(
      await count(t, 'select count(*)::int as n from notification_settings where user_id = $1', [ids.manager2]),
    ).toBe(0);
  });
});
