import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../test/fingerprint.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Client;
const ids: Record<string, number> = {};
const roleIds: Record<string, number> = {};

async function makeUser(username: string, roles: string[]) {
  const res = await admin.post('/users', { username, displayName: username, password: 'long-enough', roles });
  expect(res.status, res.text).toBe(201);
  ids[username] = res.body.id;
}
async function makeRole(code: string, permissions: string[]) {
  const res = await admin.post('/roles', { code, name: code, permissions });
  expect(res.status, res.text).toBe(201);
  roleIds[code] = res.body.id;
}
const hashOf = async (username: string) =>
  (await t.database.query<{ h: string }>('select password_hash as h from users where username = $1', [username]))[0]!.h;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  for (const r of (await admin.get('/roles')).body) roleIds[r.code] = r.id;
  for (const u of (await admin.get('/users?pageSize=100')).body.items) ids[u.username] = u.id;
  await makeRole('user-keeper', ['user.manage']);
  await makeRole('role-keeper', ['role.manage']);
  await makeRole('reader', ['dictionary.read']);
  await makeRole('nothing', []);
  await makeUser('keeper', ['user-keeper']);
  await makeUser('rolekeeper', ['role-keeper']);
  await makeUser('plain', ['nothing']);
  await makeUser('admin2', ['admin']);
});
afterAll(() => t.close());

describe('user.manage does not escalate to everything', () => {
  it('refuses to give a role holding permissions the giver does not hold, to anyone, itself included', async () => {
    const keeper = await t.login('keeper', 'long-enough');
    const before = await fingerprint(t.database);
    for (const [target, roles] of [
      [ids.keeper!, ['user-keeper', 'admin']],
      [ids.plain!, ['reader']],
    ] as const) {
      const res = await keeper.patch(`/users/${target}`, { roles });
      expect(res.status, res.text).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.error.details[0].path).toBe('roles');
    }
    const created = await keeper.post('/users', {
      username: 'sneaky',
      displayName: 'S',
      password: 'long-enough',
      roles: ['admin'],
    });
    expect(created.status).toBe(403);
    expect(await fingerprint(t.database)).toBe(before);
    expect((await keeper.get('/auth/me')).body.user.roles).toEqual(['user-keeper']);
  });

  it("refuses to change the password, roles or status of a user holding permissions it does not hold (the admin's)", async () => {
    const keeper = await t.login('keeper', 'long-enough');
    const hash = await hashOf('admin');
    const before = await fingerprint(t.database);
    for (const body of [{ password: 'taken-over-1' }, { roles: ['nothing'] }, { active: false }]) {
      const res = await keeper.patch(`/users/${ids.admin}`, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await hashOf('admin')).toBe(hash);
    expect(await fingerprint(t.database)).toBe(before);
    await t.login('admin');
  });

  it('still manages the users within its own permissions', async () => {
    const keeper = await t.login('keeper', 'long-enough');
    const created = await keeper.post('/users', {
      username: 'junior',
      displayName: 'Junior',
      password: 'long-enough',
      roles: ['nothing'],
    });
    expect(created.status, created.text).toBe(201);
    expect((await keeper.patch(`/users/${ids.plain}`, { password: 'reset-by-keeper' })).status).toBe(200);
    expect((await keeper.patch(`/users/${created.body.id}`, { active: false })).status).toBe(200);
  });
});

describe('role.manage does not escalate either', () => {
  it('refuses to put a permission it does not hold into a role, its own included', async () => {
    const keeper = await t.login('rolekeeper', 'long-enough');
    const before = await fingerprint(t.database);
    const own = await keeper.patch(`/roles/${roleIds['role-keeper']}`, { permissions: ['role.manage', 'user.manage'] });
    expect(own.status).toBe(403);
    expect(own.body.error.details[0].path).toBe('permissions');
    expect((await keeper.post('/roles', { code: 'mighty', name: 'M', permissions: ['audit.read'] })).status).toBe(403);
    // nor edit a role that holds more than it does
    expect((await keeper.patch(`/roles/${roleIds.admin}`, { permissions: ['role.manage'] })).status).toBe(403);
    expect(await fingerprint(t.database)).toBe(before);
  });
});

describe('role management can never be locked away', () => {
  it('refuses a role edit that would leave no active user holding user.manage and role.manage', async () => {
    const before = await fingerprint(t.database);
    const res = await admin.patch(`/roles/${roleIds.admin}`, { permissions: ['audit.read'] });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect(res.body.error.message).toMatch(/user\.manage.*role\.manage|manage users and roles/);
    expect(await fingerprint(t.database)).toBe(before);
    expect((await admin.get('/roles')).status).toBe(200);
  });

  it('refuses to disable oneself, with its own message on the field', async () => {
    const res = await admin.patch(`/users/${ids.admin}`, { active: false });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ path: 'active', message: 'You cannot disable your own account' });
  });

  it("refuses to take away one's own user or role management, with its own message", async () => {
    const res = await admin.patch(`/users/${ids.admin}`, { roles: ['director'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('roles');
    expect(res.body.error.message).toMatch(/your own/);
    expect((await admin.get('/auth/me')).body.user.roles).toEqual(['admin']);
  });

  it('keeps one of two administrators who disable each other at the same moment', async () => {
    const other = await t.login('admin2', 'long-enough');
    const answers = await Promise.all([
      admin.patch(`/users/${ids.admin2}`, { active: false }),
      other.patch(`/users/${ids.admin}`, { active: false }),
    ]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const [row] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from users u where u.active and exists (
         select 1 from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id and r.code = 'admin')`,
    );
    expect(row!.n).toBe(1);
  });
});
