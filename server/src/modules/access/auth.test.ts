import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { LOGIN_LIMITS } from './throttle.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countSessions = async () =>
  Number((await t.database.query<{ n: number }>('select count(*)::int as n from sessions'))[0]!.n);

describe('sign-in', () => {
  it('signs in with the right password and answers the user with roles and permissions', async () => {
    const c = t.anonymous();
    const res = await c.post('/auth/login', { username: 'director', password: 'demo1234' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'director', roles: ['director'] });
    expect(res.body.user.permissions).toContain('opportunity.assign');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await c.get('/auth/me')).body.user.username).toBe('director');
  });

  it('gives unknown users and wrong passwords the same answer', async () => {
    const wrong = await t.anonymous().post('/auth/login', { username: 'manager1', password: 'nope-nope' });
    const unknown = await t.anonymous().post('/auth/login', { username: 'nobody-here', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('stores only a hash of the token and issues a new token at every sign-in', async () => {
    const a = await t.login('manager2');
    const b = await t.login('manager2');
    expect(a.cookie).not.toBe(b.cookie);
    const token = a.cookie.split('=')[1]!;
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    const stored = await t.database.query<{ token_hash: string }>('select token_hash from sessions');
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
  });

  it('refuses a planted session cookie (no fixation)', async () => {
    const c = t.anonymous();
    c.cookie = 'crm_session=planted-by-attacker';
    expect((await c.get('/auth/me')).status).toBe(401);
    await c.post('/auth/login', { username: 'manager1', password: 'demo1234' });
    expect(c.cookie).not.toContain('planted-by-attacker');
  });

  it('refuses bad input with the fields named', async () => {
    const res = await t.anonymous().post('/auth/login', { username: '', password: 'x', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.requestId).toBeTruthy();
  });
});

describe('sessions', () => {
  it('needs a session on every other route', async () => {
    const res = await t.anonymous().get('/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('ends the session on the server at sign-out: the old cookie no longer works', async () => {
    const c = await t.login('executive');
    const cookie = c.cookie;
    expect((await c.post('/auth/logout')).status).toBe(204);
    const replay = t.anonymous();
    replay.cookie = cookie;
    expect((await replay.get('/auth/me')).status).toBe(401);
  });

  it('ends an idle session after the idle timeout, and keeps an active one', async () => {
    const idle = await t.login('manager1');
    const busy = await t.login('manager1');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(10 * 60_000);
      expect((await busy.get('/auth/me')).status).toBe(200);
    }
    expect((await idle.get('/auth/me')).status).toBe(401);
  });

  it('ends every session after the absolute lifetime, however active', async () => {
    const c = await t.login('manager2');
    for (let i = 0; i < 12 * 3; i++) {
      t.clock.advance(20 * 60_000 - 1000); // active every 20 minutes, for just under 12 hours
      expect((await c.get('/auth/me')).status).toBe(200);
    }
    t.clock.advance(36 * 1000 + 1);
    expect((await c.get('/auth/me')).status).toBe(401);
  });

  it('ends the other sessions when a user changes their password, and keeps this one', async () => {
    const admin = await t.login('admin');
    const created = await admin.post('/users', {
      username: 'pwchange',
      displayName: 'PW',
      password: 'first-pass-1',
      roles: ['manager'],
    });
    expect(created.status).toBe(201);
    const other = await t.login('pwchange', 'first-pass-1');
    const me = await t.login('pwchange', 'first-pass-1');
    expect(
      (await me.post('/auth/password', { currentPassword: 'wrong-one', newPassword: 'second-pass-2' })).status,
    ).toBe(400);
    expect((await me.post('/auth/password', { currentPassword: 'first-pass-1', newPassword: 'short' })).status).toBe(
      400,
    );
    expect(
      (await me.post('/auth/password', { currentPassword: 'first-pass-1', newPassword: 'second-pass-2' })).status,
    ).toBe(204);
    expect((await me.get('/auth/me')).status).toBe(200);
    expect((await other.get('/auth/me')).status).toBe(401);
    await t.login('pwchange', 'second-pass-2');
  });
});

describe('rate limiting', () => {
  it('limits failed sign-ins per username and address, without locking the real user out from elsewhere', async () => {
    const attacker = { 'x-forwarded-for': '203.0.113.9' }; // ignored: trust proxy is off, all inject from 127.0.0.1
    for (let i = 0; i < LOGIN_LIMITS.pair; i++) {
      expect(
        (await t.anonymous().post('/auth/login', { username: 'director', password: 'wrong-pass' }, attacker)).status,
      ).toBe(401);
    }
    const limited = await t.anonymous().post('/auth/login', { username: 'director', password: 'demo1234' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    // the limit is per username and address: the same address may still sign in as someone else
    expect((await t.anonymous().post('/auth/login', { username: 'executive', password: 'demo1234' })).status).toBe(200);
    // and it ends with its window
    t.clock.advance(LOGIN_LIMITS.windowMs + 1000);
    expect((await t.anonymous().post('/auth/login', { username: 'director', password: 'demo1234' })).status).toBe(200);
  });
});

describe('CSRF and headers', () => {
  it('refuses a write without X-Requested-With and changes nothing', async () => {
    const before = await countSessions();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'demo1234' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_REJECTED');
    expect(await countSessions()).toBe(before);
  });

  it('sends the security headers on every answer, 404s and errors included', async () => {
    for (const url of ['/api/v1/auth/me', '/api/v1/no-such-thing', '/healthz']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBeTruthy();
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});
