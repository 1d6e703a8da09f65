import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/factories.ts';

const { t, admin } = await testApp('admin');

const userCount = async () =>
  Number((await t.database.query<{ n: number }>('select count(*)::int as n from users'))[0]!.n);

describe('users', () => {
  it('lists users paginated and searchable, for administrators only', async () => {
    const page = await admin.get('/users?page=1&pageSize=2');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(5);
    const found = await admin.get('/users?q=MANAGER');
    expect(found.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['manager1', 'manager2']);
    expect((await t.anonymous().get('/users')).status).toBe(401);
    expect((await (await t.login('director')).get('/users')).status).toBe(403);
    expect((await admin.get('/users?pageSize=101')).status).toBe(400);
  });

  it('creates a user with roles; the new user signs in with them', async () => {
    const res = await admin.post('/users', {
      username: 'newbie',
      displayName: '新人',
      password: 'long-enough',
      roles: ['manager', 'executive'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'newbie',
      displayName: '新人',
      active: true,
      roles: ['executive', 'manager'],
    });
    expect(res.body).not.toHaveProperty('passwordHash');
    const me = await (await t.login('newbie', 'long-enough')).get('/auth/me');
    expect(me.body.user.permissions).toEqual(expect.arrayContaining(['report.read', 'service.handle']));
  });

  it('refuses bad users and changes nothing', async () => {
    const before = await userCount();
    const cases = [
      [{ username: 'x1', displayName: 'X', password: 'short', roles: ['manager'] }, 'password'],
      [{ username: 'x2', displayName: 'X', password: 'long-enough', roles: ['no-such-role'] }, 'roles'],
      [{ username: 'x3', displayName: 'X', password: 'long-enough', roles: [] }, 'roles'],
      [{ username: 'MANAGER1', displayName: 'X', password: 'long-enough', roles: ['manager'] }, 'username'],
      [{ username: 'bad name', displayName: 'X', password: 'long-enough', roles: ['manager'] }, 'username'],
      [{ username: 'x4', displayName: 'X', password: 'long-enough', roles: ['manager'], active: false, id: 99 }, ''],
    ] as const;
    for (const [body, field] of cases) {
      const res = await admin.post('/users', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      if (field) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    expect(
      (
        await admin.post('/users', {
          username: 'longpw',
          displayName: 'L',
          password: 'p'.repeat(64),
          roles: ['manager'],
        })
      ).status,
    ).toBe(201);
    expect(await userCount()).toBe(before + 1);
  });

  it('disabling a user ends their sessions at once and keeps them out', async () => {
    await admin.post('/users', {
      username: 'leaver',
      displayName: 'Leaver',
      password: 'long-enough',
      roles: ['manager'],
    });
    const id = (await admin.get('/users?q=leaver')).body.items[0].id;
    const session = await t.login('leaver', 'long-enough');
    expect((await session.get('/auth/me')).status).toBe(200);
    const res = await admin.patch(`/users/${id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await session.get('/auth/me')).status).toBe(403); // ACCOUNT_DISABLED, sign-in-limits.test.ts
    expect((await t.anonymous().post('/auth/login', { username: 'leaver', password: 'long-enough' })).status).toBe(403);
    // enabled again, the user signs in afresh: the old session stays ended
    expect((await admin.patch(`/users/${id}`, { active: true })).status).toBe(200);
    expect((await session.get('/auth/me')).status).toBe(401);
    await t.login('leaver', 'long-enough');
    await admin.patch(`/users/${id}`, { active: false });
    const assignees = await (await t.login('director')).get('/assignees');
    expect(assignees.body.map((a: { displayName: string }) => a.displayName)).not.toContain('Leaver');
  });

  it('a role change applies on the next request; a password reset ends the sessions', async () => {
    await admin.post('/users', {
      username: 'mover',
      displayName: 'Mover',
      password: 'long-enough',
      roles: ['executive'],
    });
    const id = (await admin.get('/users?q=mover')).body.items[0].id;
    const session = await t.login('mover', 'long-enough');
    expect((await session.get('/users')).status).toBe(403);
    await admin.patch(`/users/${id}`, { roles: ['admin'] });
    expect((await session.get('/users')).status).toBe(200);
    await admin.patch(`/users/${id}`, { password: 'brand-new-pass' });
    expect((await session.get('/auth/me')).status).toBe(401);
    await t.login('mover', 'brand-new-pass');
  });

  it('an administrator cannot disable themselves', async () => {
    const me = (await admin.get('/auth/me')).body.user;
    const res = await admin.patch(`/users/${me.id}`, { active: false });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('active');
    expect((await admin.get('/auth/me')).status).toBe(200);
  });

  it('answers 404 for a user that does not exist', async () => {
    expect((await admin.patch('/users/99999', { displayName: 'Ghost' })).status).toBe(404);
    expect((await admin.get('/users/abc')).status).toBe(400);
  });
});

describe('roles and permissions', () => {
  it('lists the four initial roles with their grants', async () => {
    const res = await admin.get('/roles');
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(res.body.map((r: { code: string }) => [r.code, r]));
    expect(Object.keys(byCode)).toEqual(expect.arrayContaining(['admin', 'director', 'manager', 'executive']));
    expect(byCode.director.permissions).toContain('opportunity.assign');
    expect(byCode.manager.permissions).not.toContain('opportunity.assign');
    expect(byCode.executive.permissions).toContain('report.read');
    expect(byCode.admin.permissions).toContain('user.manage');
  });

  it('lists every permission with its module', async () => {
    const res = await admin.get('/permissions');
    expect(res.body.length).toBeGreaterThan(20);
    expect(res.body).toContainEqual(expect.objectContaining({ code: 'churn.scan', module: 'churn' }));
  });

  it('creates, edits and deletes a role; a role that users hold cannot be deleted', async () => {
    const created = await admin.post('/roles', {
      code: 'auditor',
      name: '审计员',
      description: 'Reads the audit log',
      permissions: ['audit.read'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'auditor', permissions: ['audit.read'], userCount: 0 });
    const edited = await admin.patch(`/roles/${created.body.id}`, { permissions: ['audit.read', 'report.read'] });
    expect(edited.body.permissions).toEqual(['audit.read', 'report.read']);
    expect((await admin.post('/roles', { code: 'bad', name: 'x', permissions: ['no.such'] })).status).toBe(400);
    expect((await admin.post('/roles', { code: 'auditor', name: 'dup' })).status).toBe(400);

    await admin.post('/users', { username: 'aud', displayName: 'Aud', password: 'long-enough', roles: ['auditor'] });
    const inUse = await admin.delete(`/roles/${created.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('IN_USE');
    const audId = (await admin.get('/users?q=aud')).body.items.find(
      (u: { username: string }) => u.username === 'aud',
    ).id;
    await admin.patch(`/users/${audId}`, { roles: ['executive'] });
    expect((await admin.delete(`/roles/${created.body.id}`)).status).toBe(204);
    expect((await admin.get(`/roles/${created.body.id}`)).status).toBe(404);
  });

  it('only administrators manage roles', async () => {
    const director = await t.login('director');
    expect((await director.get('/roles')).status).toBe(403);
    expect((await director.post('/roles', { code: 'x', name: 'x' })).status).toBe(403);
    expect((await director.get('/permissions')).status).toBe(403);
  });
});

describe('assignees', () => {
  it('lists the active managers for assignment pickers', async () => {
    const res = await (await t.login('director')).get('/assignees');
    expect(res.status).toBe(200);
    const names = res.body.map((a: { displayName: string }) => a.displayName);
    expect(names).toEqual(expect.arrayContaining(['李经理', '张经理']));
    expect(names).not.toContain('王主管');
    expect((await (await t.login('executive')).get('/assignees')).status).toBe(403);
    expect((await t.anonymous().get('/assignees')).status).toBe(401);
  });
});
