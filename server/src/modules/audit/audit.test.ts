import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/factories.ts';

const { t, admin } = await testApp('admin');

describe('audit log', () => {
  it('records who changed what, when, before and after, with the request id — never a password', async () => {
    const created = await admin.post('/dictionary', { type: 'region', item: '华南' });
    await admin.patch(`/dictionary/${created.body.id}`, { item: '华南区' });
    await admin.post('/users', {
      username: 'audited',
      displayName: 'A',
      password: 'secret-password',
      roles: ['manager'],
    });

    const log = await admin.get('/audit-log?entity=dictionary');
    expect(log.status).toBe(200);
    const update = log.body.items.find((e: { action: string }) => e.action === 'update');
    expect(update).toMatchObject({
      entity: 'dictionary',
      entityId: String(created.body.id),
      user: { displayName: '系统管理员' },
    });
    expect(update.before.item).toBe('华南');
    expect(update.after.item).toBe('华南区');
    expect(update.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(log.body.items[0].id).toBeGreaterThan(log.body.items[1].id); // newest first

    const users = await admin.get('/audit-log?entity=user');
    expect(JSON.stringify(users.body)).not.toContain('secret-password');
  });

  it('filters by user and date, paginated', async () => {
    const me = (await admin.get('/auth/me')).body.user;
    const mine = await admin.get(`/audit-log?userId=${me.id}&pageSize=1`);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.total).toBeGreaterThan(1);
    const today = t.clock.now.toISOString().slice(0, 10);
    expect((await admin.get(`/audit-log?from=${today}&to=${today}`)).body.total).toBeGreaterThan(0);
    expect((await admin.get('/audit-log?from=2000-01-01&to=2000-01-02')).body.total).toBe(0);
    expect((await admin.get('/audit-log?from=yesterday')).status).toBe(400);
  });

  it('is for holders of audit.read only', async () => {
    expect((await (await t.login('director')).get('/audit-log')).status).toBe(403);
    expect((await t.anonymous().get('/audit-log')).status).toBe(401);
  });
});
