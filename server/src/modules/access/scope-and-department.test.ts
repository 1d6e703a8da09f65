import { INITIAL_DATA_SCOPES } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { ok, testApp } from '../../test/factories.ts';
import { fingerprint } from '../../test/fingerprint.ts';

const { t, admin } = await testApp('admin');

let n = 0;
const department = async () =>
  (ok(await admin.post('/departments', { name: `用户测试部${++n}` }), 201) as { id: number }).id;
const newUser = (over: Record<string, unknown> = {}) => ({
  username: `orguser${++n}`,
  displayName: '组织用户',
  password: 'long-enough',
  roles: ['manager'],
  ...over,
});
const ALL = { customers: 'all', opportunities: 'all', services: 'all', churn: 'all' };

describe("a user's department and email (docs/organisation.md#departments, rule 2)", () => {
  it('writes both on create and on update, audits them, and filters the list by department', async () => {
    const sales = await department();
    const created = ok(await admin.post('/users', newUser({ departmentId: sales, email: 'li@example.com' })), 201);
    expect(created).toMatchObject({ departmentId: sales, email: 'li@example.com' });
    const other = await department();
    const moved = ok(await admin.patch(`/users/${created.id}`, { departmentId: other, email: null }));
    expect(moved).toMatchObject({ departmentId: other, email: null });
    expect((ok(await admin.get(`/users/${created.id}`)) as { departmentId: number }).departmentId).toBe(other);
    // a change of name only leaves the department alone
    expect(ok(await admin.patch(`/users/${created.id}`, { displayName: '改名' }))).toMatchObject({
      departmentId: other,
    });

    const listed = ok(await admin.get(`/users?departmentId=${other}`)) as { items: { id: number }[]; total: number };
    expect(listed.items.map((u) => u.id)).toEqual([created.id]);
    expect(listed.total).toBe(1);
    expect((ok(await admin.get(`/users?departmentId=${sales}`)) as { total: number }).total).toBe(0);

    const log = ok(await admin.get('/audit-log?entity=user&pageSize=100')) as {
      items: { entityId: string; before: { departmentId?: number } | null; after: { departmentId?: number } }[];
    };
    const update = log.items.find((e) => e.entityId === String(created.id) && e.before?.departmentId === sales);
    expect(update?.after).toMatchObject({ departmentId: other, email: null });
  });

  it('refuses an unknown department, naming the field, and changes nothing', async () => {
    const someone = ok(await admin.post('/users', newUser()), 201) as { id: number };
    const before = await fingerprint(t.database);
    for (const res of [
      await admin.post('/users', newUser({ departmentId: 999_999 })),
      await admin.patch(`/users/${someone.id}`, { departmentId: 999_999 }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'departmentId' }] });
    }
    expect((await admin.post('/users', newUser({ email: 'not-an-email' }))).body.error.details[0].path).toBe('email');
    expect(await fingerprint(t.database)).toBe(before);
  });

  it('lets a user keeper move only users whose permissions they hold into a department (it widens what they see)', async () => {
    const dept = await department();
    const code = `userkeeper${++n}`;
    ok(await admin.post('/roles', { code, name: 'UK', permissions: ['user.manage'] }), 201);
    ok(await admin.post('/users', newUser({ username: code, roles: [code] })), 201);
    const keeper = await t.login(code, 'long-enough');
    const adminId = (await admin.get('/auth/me')).body.user.id;
    const before = await fingerprint(t.database);
    const res = await keeper.patch(`/users/${adminId}`, { departmentId: dept });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(await fingerprint(t.database)).toBe(before);
    const plain = ok(await keeper.post('/users', newUser({ roles: [code] })), 201) as { id: number };
    expect((await keeper.patch(`/users/${plain.id}`, { departmentId: dept })).status).toBe(200);
  });
});

describe("a role's data scope (docs/organisation.md#data-scope, rules 1, 6 and 7)", () => {
  it('the built-in roles start with the initial grants', async () => {
    const roles = ok(await admin.get('/roles')) as { code: string; dataScope: unknown }[];
    for (const code of ['admin', 'director', 'manager', 'executive'] as const)
      expect(roles.find((r) => r.code === code)!.dataScope).toEqual(INITIAL_DATA_SCOPES[code]);
    expect(INITIAL_DATA_SCOPES.manager).toEqual({
      customers: 'all',
      opportunities: 'self',
      services: 'all',
      churn: 'self',
    });
  });

  it('gives a role created without a scope the scope its permissions read as in Part I (rule 6)', async () => {
    const plain = ok(
      await admin.post('/roles', { code: `plain${++n}`, name: 'P', permissions: ['customer.read'] }),
      201,
    );
    expect(plain.dataScope).toEqual({ customers: 'all', opportunities: 'self', services: 'all', churn: 'self' });
    const wide = ok(
      await admin.post('/roles', { code: `wide${++n}`, name: 'W', permissions: ['opportunity.all', 'churn.all'] }),
      201,
    );
    expect(wide.dataScope).toEqual(ALL);
    const given = { customers: 'department', opportunities: 'departmentTree', services: 'self', churn: 'all' };
    const explicit = ok(await admin.post('/roles', { code: `given${++n}`, name: 'G', dataScope: given }), 201);
    expect(explicit.dataScope).toEqual(given);
  });

  it('changes a role’s scope with PATCH, audited, and applies it to its users at their next request', async () => {
    const role = ok(
      await admin.post('/roles', { code: `scoped${++n}`, name: 'S', permissions: ['customer.read'] }),
      201,
    );
    const name = `holder${n}`;
    ok(await admin.post('/users', newUser({ username: name, roles: [role.code] })), 201);
    const holder = await t.login(name, 'long-enough');
    expect((await holder.get('/auth/me')).body.user.dataScope.customers).toBe('all');
    const narrowed = { customers: 'self', opportunities: 'self', services: 'department', churn: 'self' };
    const res = ok(await admin.patch(`/roles/${role.id}`, { dataScope: narrowed }));
    expect(res.dataScope).toEqual(narrowed);
    expect((await holder.get('/auth/me')).body.user.dataScope).toEqual(narrowed);
    const log = ok(await admin.get('/audit-log?entity=role&pageSize=100')) as {
      items: { entityId: string; action: string; after: { dataScope?: unknown } }[];
    };
    expect(log.items.find((e) => e.entityId === String(role.id) && e.action === 'update')?.after.dataScope).toEqual(
      narrowed,
    );
  });

  it('refuses a value outside the four (400) and a scope wider than the editor’s own (403), changing nothing', async () => {
    const role = ok(await admin.post('/roles', { code: `bad${++n}`, name: 'B' }), 201) as { id: number };
    const before = await fingerprint(t.database);
    for (const dataScope of [
      { ...ALL, customers: 'company' },
      { ...ALL, customers: 'ALL' },
      { customers: 'all', opportunities: 'all', services: 'all' },
      { ...ALL, extra: 'all' },
    ]) {
      const res = await admin.patch(`/roles/${role.id}`, { dataScope });
      expect(res.status, JSON.stringify(dataScope)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await admin.post('/roles', { code: `bad${++n}`, name: 'B', dataScope: { customers: 'x' } })).status).toBe(
      400,
    );

    // a role keeper who sees only their own customers cannot hand out more
    const narrow = { customers: 'self', opportunities: 'self', services: 'all', churn: 'self' };
    const code = `keeper${++n}`;
    ok(await admin.post('/roles', { code, name: 'K', permissions: ['role.manage'], dataScope: narrow }), 201);
    ok(await admin.post('/users', newUser({ username: code, roles: [code] })), 201);
    const keeper = await t.login(code, 'long-enough');
    const beforeKeeper = await fingerprint(t.database);
    for (const res of [
      await keeper.patch(`/roles/${role.id}`, { dataScope: { ...narrow, customers: 'department' } }),
      await keeper.post('/roles', { code: `wider${n}`, name: 'W', dataScope: ALL }),
      // without a scope, a new role gets customers `all` (rule 6): wider than the keeper's too
      await keeper.post('/roles', { code: `wider${n}b`, name: 'W' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: [{ path: 'dataScope.customers' }] });
    }
    expect(await fingerprint(t.database)).toBe(beforeKeeper);
    // within the keeper's own scope it goes through
    expect((await keeper.post('/roles', { code: `within${n}`, name: 'W', dataScope: narrow })).status).toBe(201);
    expect(beforeKeeper).not.toBe(before);
  });

  it('GET /auth/me answers the department and, per family, the widest scope of the user’s roles (rule 1)', async () => {
    const dept = await department();
    const a = { customers: 'self', opportunities: 'departmentTree', services: 'department', churn: 'self' };
    const b = { customers: 'department', opportunities: 'self', services: 'self', churn: 'all' };
    const k = ++n;
    ok(await admin.post('/roles', { code: `sa${k}`, name: 'A', dataScope: a }), 201);
    ok(await admin.post('/roles', { code: `sb${k}`, name: 'B', dataScope: b }), 201);
    ok(
      await admin.post('/users', newUser({ username: `two${k}`, roles: [`sa${k}`, `sb${k}`], departmentId: dept })),
      201,
    );
    const me = (await (await t.login(`two${k}`, 'long-enough')).get('/auth/me')).body.user;
    expect(me.departmentId).toBe(dept);
    expect(me.dataScope).toEqual({
      customers: 'department',
      opportunities: 'departmentTree',
      services: 'department',
      churn: 'all',
    });
    expect((await admin.get('/auth/me')).body.user).toMatchObject({ departmentId: null, dataScope: ALL });
  });
});
