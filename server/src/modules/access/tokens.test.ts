import { describe, expect, it } from 'vitest';
import { count, DAY, ok, testApp, userId } from '../../test/factories.ts';
import { fingerprint } from '../../test/fingerprint.ts';
import { Client } from '../../test/harness.ts';

/** docs/sign-in.md#api-tokens */
const { t, admin, director, manager1 } = await testApp('admin', 'director', 'manager1');

const bearer = (token: string) => new Client(t.app, '', '127.0.0.1', token);
const newCustomer = async () => ({
  name: `令牌客户${Math.random().toString(36).slice(2, 8)}`,
  regionId: (await t.database.query<{ id: number }>(`select id from dictionary_entries where item = '北京'`))[0]!.id,
  levelId: (await t.database.query<{ id: number }>(`select id from dictionary_entries where item = '大客户'`))[0]!.id,
  managerId: await userId(t, 'manager1'),
  satisfaction: 3,
  credit: 3,
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and authenticates as the user without a CSRF header', async () => {
    const created = ok(await manager1.post('/me/tokens', { name: 'ERP 同步' }), 201);
    expect(created.token).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'ERP 同步', permissions: null, expiresAt: null, lastUsedAt: null });
    const listed = ok(await manager1.get('/me/tokens'));
    expect(listed.find((k: { id: number }) => k.id === created.id)).not.toHaveProperty('token');
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const stored = await t.database.query<{ token_hash: string }>('select token_hash from api_tokens where id = $1', [
      created.id,
    ]);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.token_hash).not.toContain(created.token.slice(4, 20));

    const api = bearer(created.token);
    expect(ok(await api.get('/auth/me')).user.username).toBe('manager1');
    // a write with the token alone: no cookie, no X-Requested-With
    const customer = ok(await api.post('/customers', await newCustomer()), 201);
    expect(customer.managerId).toBe(await userId(t, 'manager1'));
    // last used, and the audit entry names the token
    expect(ok(await manager1.get('/me/tokens')).find((k: { id: number }) => k.id === created.id).lastUsedAt).not.toBe(
      null,
    );
    const log = ok(await admin.get('/audit-log?entity=customer'));
    const entry = log.items.find((e: { entityId: string }) => e.entityId === String(customer.id));
    expect(entry.token).toEqual({ id: created.id, name: 'ERP 同步' });
    expect(entry.user.displayName).toBeTruthy();
    // the secret never reaches the audit log either
    expect(
      await count(t, `select count(*)::int as n from audit_log where after::text like $1`, [`%${created.token}%`]),
    ).toBe(0);
  });

  it('a token with customer.read only reads customers and gets 403 on writes', async () => {
    const api = await t.tokenClient('manager1', { permissions: ['customer.read'] });
    ok(await api.get('/customers'));
    expect(ok(await api.get('/auth/me')).user.permissions).toEqual(['customer.read']);
    const before = await fingerprint(t.database);
    const res = await api.post('/customers', await newCustomer());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await api.get('/opportunities')).status).toBe(403);
    expect(await fingerprint(t.database)).toBe(before);
  });

  it('never grants more than the user holds now: a role losing a permission takes it from the token at once', async () => {
    const role = ok(await admin.post('/roles', { code: 'tokentest', name: 'T', permissions: ['customer.read'] }), 201);
    const user = ok(
      await admin.post('/users', {
        username: 'tokenuser',
        displayName: 'Token user',
        password: 'long-enough',
        roles: ['tokentest'],
      }),
      201,
    );
    const api = await t.tokenClient('tokenuser', { permissions: ['customer.read'] }, 'long-enough');
    ok(await api.get('/customers'));
    ok(await admin.patch(`/roles/${role.id}`, { permissions: ['dictionary.read'] }));
    const res = await api.get('/customers');
    expect(res.status).toBe(403);
    expect(ok(await api.get('/auth/me')).user.permissions).toEqual([]);
    // and a permission the user does not hold cannot be put into a token (nothing created)
    const session = await t.login('tokenuser', 'long-enough');
    const before = await count(t, 'select count(*)::int as n from api_tokens where user_id = $1', [user.id]);
    const refused = await session.post('/me/tokens', { name: 'more', permissions: ['customer.read', 'user.manage'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('permissions');
    expect(await count(t, 'select count(*)::int as n from api_tokens where user_id = $1', [user.id])).toBe(before);
  });

  it('refuses expired tokens, malformed headers, revoked tokens and a disabled user’s tokens: 401, nothing changes', async () => {
    const soon = ok(
      await manager1.post('/me/tokens', {
        name: 'kurz',
        expiresAt: new Date(t.clock.now.getTime() + DAY).toISOString(),
      }),
      201,
    );
    ok(await bearer(soon.token).get('/auth/me'));
    const before = await fingerprint(t.database);
    t.clock.advance(DAY + 1000);
    const expired = await bearer(soon.token).post('/customers', await newCustomer());
    expect([expired.status, expired.body.error.code]).toEqual([401, 'TOKEN_EXPIRED']);
    expect(await fingerprint(t.database)).toBe(before);
    // the day passed ended the sessions of the test's clients: they sign in again
    for (const [client, name] of [
      [admin, 'admin'],
      [director, 'director'],
      [manager1, 'manager1'],
    ] as const)
      client.cookie = (await t.login(name)).cookie;

    const good = ok(await manager1.post('/me/tokens', { name: 'gut' }), 201).token as string;
    const beforeHeaders = await fingerprint(t.database);
    for (const header of [
      'Bearer',
      'Bearer ',
      `Basic ${Buffer.from('manager1:demo1234').toString('base64')}`,
      `bearer ${good}`,
      `Bearer  ${good}`,
      `Bearer ${good} extra`,
      `Bearer ${good.slice(0, -1)}`,
      `Bearer ${good}x`,
      `Bearer ${good.replace('crm_', 'abc_')}`,
      `Bearer crm_${'A'.repeat(43)}`,
      `Bearer ${'x'.repeat(5000)}`,
      `Token ${good}`,
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { authorization: header, cookie: manager1.cookie, 'x-requested-with': 'XMLHttpRequest' },
        payload: await newCustomer(),
      });
      expect([header.slice(0, 30), res.statusCode, JSON.parse(res.body).error.code]).toEqual([
        header.slice(0, 30),
        401,
        'TOKEN_INVALID',
      ]);
    }
    expect(await fingerprint(t.database)).toBe(beforeHeaders);

    // revoked: gone at once
    const revoked = ok(await manager1.post('/me/tokens', { name: 'weg' }), 201);
    ok(await bearer(revoked.token).get('/auth/me'));
    expect((await manager1.delete(`/me/tokens/${revoked.id}`)).status).toBe(204);
    const afterRevoke = await bearer(revoked.token).get('/auth/me');
    expect([afterRevoke.status, afterRevoke.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    expect(ok(await manager1.get('/me/tokens')).some((k: { id: number }) => k.id === revoked.id)).toBe(false);
    // someone else's token is not one's own to revoke
    expect(
      (await director.delete(`/me/tokens/${(await manager1.post('/me/tokens', { name: 'x' })).body.id}`)).status,
    ).toBe(404);

    // a disabled user's tokens stop, and work again when the user is enabled again
    const m2 = await t.tokenClient('manager2');
    ok(await m2.get('/auth/me'));
    const m2id = await userId(t, 'manager2');
    ok(await admin.patch(`/users/${m2id}`, { active: false }));
    const disabled = await m2.get('/customers');
    expect([disabled.status, disabled.body.error.code]).toEqual([401, 'TOKEN_INVALID']);
    ok(await admin.patch(`/users/${m2id}`, { active: true }));
    ok(await m2.get('/auth/me'));
  });

  it('refuses a bad new token: past expiry, unknown permission, no name, unknown field — nothing created', async () => {
    const before = await fingerprint(t.database);
    for (const body of [
      { name: 'alt', expiresAt: new Date(t.clock.now.getTime() - 1000).toISOString() },
      { name: 'x', permissions: ['customer.fly'] },
      { name: 'x', permissions: [] },
      { name: '' },
      { name: 'x', expiresAt: 'tomorrow' },
      { name: 'x', userId: 1 },
    ]) {
      const res = await manager1.post('/me/tokens', body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect(await fingerprint(t.database)).toBe(before);
  });

  it('gives administrators an overview of every token without secrets, and lets them revoke any', async () => {
    const made = ok(await director.post('/me/tokens', { name: 'BI 报表', permissions: ['report.read'] }), 201);
    const all = ok(await admin.get('/tokens'));
    const row = all.find((k: { id: number }) => k.id === made.id);
    expect(row).toMatchObject({ name: 'BI 报表', permissions: ['report.read'], user: { username: 'director' } });
    expect(JSON.stringify(all)).not.toMatch(/crm_[A-Za-z0-9_-]{43}/);
    expect((await director.get('/tokens')).status).toBe(403);
    expect((await admin.delete(`/tokens/${made.id}`)).status).toBe(204);
    expect((await bearer(made.token).get('/auth/me')).status).toBe(401);
    expect((await admin.delete(`/tokens/${made.id}`)).status).toBe(404);
    const audit = ok(await admin.get('/audit-log?entity=apiToken'));
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('revoke');
  });
});
