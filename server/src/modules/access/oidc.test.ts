import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, ok, userId } from '../../test/factories.ts';
import { fingerprint } from '../../test/fingerprint.ts';
import { Client, createTestApp, type TestApp } from '../../test/harness.ts';
import { startOidcProvider, throughProvider } from '../../../../scripts/oidc-test-provider.mjs';

/** docs/sign-in.md#single-sign-on, against a real OpenID Connect provider on 127.0.0.1. */
const PUBLIC_URL = 'http://crm.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let t: TestApp;

beforeAll(async () => {
  idp = await startOidcProvider(CALLBACK, { idTokenTtl: 60 });
  t = await createTestApp({
    CRM_DEMO: '1',
    CRM_OIDC_ISSUER: idp.issuer,
    CRM_OIDC_CLIENT_ID: 'crm',
    CRM_OIDC_CLIENT_SECRET: 'crm-test-secret',
    CRM_PUBLIC_URL: PUBLIC_URL,
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

/** Starts a sign-on as a browser: the app's redirect to the provider, and the `crm_oidc` cookie it set. */
async function start() {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
  expect(res.statusCode).toBe(302);
  const location = new URL(res.headers.location as string);
  expect(location.origin).toBe(idp.issuer);
  expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  expect(location.searchParams.get('state')).toBeTruthy();
  expect(location.searchParams.get('nonce')).toBeTruthy();
  const cookie = res.cookies.find((c) => c.name === 'crm_oidc')!;
  expect(cookie.httpOnly).toBe(true);
  return { authorizationUrl: location.href, cookie: `crm_oidc=${cookie.value}` };
}
const callback = (back: URL, cookie: string, accept?: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/auth/oidc/callback${back.search}`,
    headers: { cookie, ...(accept ? { accept } : {}) },
  });
const sessionCookie = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.find((c) => c.name === 'crm_session' && c.value)?.value;

describe('single sign-on (OIDC)', () => {
  it('is offered on the sign-in page when configured', async () => {
    expect(ok(await t.anonymous().get('/auth/sso'))).toEqual({ enabled: true });
  });

  it('signs an existing active user in: authorization code with PKCE, state and nonce', async () => {
    idp.login('manager1');
    const { authorizationUrl, cookie } = await start();
    const back = await throughProvider(authorizationUrl, CALLBACK);
    expect(back.searchParams.get('code')).toBeTruthy();
    const res = await callback(back, cookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const session = sessionCookie(res);
    expect(session).toBeTruthy();
    const me = ok(await new Client(t.app, `crm_session=${session}`).get('/auth/me'));
    expect(me.user.username).toBe('manager1');
    expect(await count(t, `select count(*)::int as n from oidc_logins`)).toBe(0);
  });

  it('refuses a callback without or with a forged state, and a replayed code: nothing created', async () => {
    idp.login('manager1');
    const { authorizationUrl, cookie } = await start();
    const back = await throughProvider(authorizationUrl, CALLBACK);
    const sessions = await count(t, 'select count(*)::int as n from sessions');
    const before = await fingerprint(t.database);

    const forged = new URL(back);
    forged.searchParams.set('state', 'forged-state');
    const wrong = await callback(forged, cookie);
    expect([wrong.statusCode, JSON.parse(wrong.body).error.code]).toEqual([400, 'SSO_STATE_INVALID']);
    // the sign-on was used up by the forged attempt: the real answer cannot follow it
    const after = await callback(back, cookie);
    expect([after.statusCode, JSON.parse(after.body).error.code]).toEqual([400, 'SSO_STATE_INVALID']);

    const { authorizationUrl: second, cookie: cookie2 } = await start();
    const back2 = await throughProvider(second, CALLBACK);
    const noState = new URL(back2);
    noState.searchParams.delete('state');
    expect(JSON.parse((await callback(noState, cookie2)).body).error.code).toBe('SSO_STATE_INVALID');
    // without the browser's cookie
    const { authorizationUrl: third } = await start();
    const back3 = await throughProvider(third, CALLBACK);
    expect(JSON.parse((await callback(back3, '')).body).error.code).toBe('SSO_STATE_INVALID');
    expect(await count(t, 'select count(*)::int as n from sessions')).toBe(sessions);

    // a code used once is refused the second time (a new sign-on of the same browser replaying it)
    const { authorizationUrl: fourth, cookie: cookie4 } = await start();
    const back4 = await throughProvider(fourth, CALLBACK);
    expect((await callback(back4, cookie4)).statusCode).toBe(302);
    const { authorizationUrl: fifth, cookie: cookie5 } = await start();
    await throughProvider(fifth, CALLBACK);
    const replay = new URL(back4);
    const fifthState = new URL(fifth).searchParams.get('state')!;
    replay.searchParams.set('state', fifthState);
    const replayed = await callback(replay, cookie5);
    expect([replayed.statusCode, JSON.parse(replayed.body).error.code]).toEqual([401, 'SSO_FAILED']);
    expect(before).toBeTruthy();
  });

  it('refuses an expired ID token', async () => {
    idp.login('manager1');
    const { authorizationUrl, cookie } = await start();
    const back = await throughProvider(authorizationUrl, CALLBACK);
    const sessions = await count(t, 'select count(*)::int as n from sessions');
    // the ID token lives 60 s at this provider; five minutes later (still within the sign-on's ten) it has expired
    t.clock.advance(5 * 60_000);
    const res = await callback(back, cookie);
    t.clock.advance(-5 * 60_000);
    expect([res.statusCode, JSON.parse(res.body).error.code]).toEqual([401, 'SSO_FAILED']);
    expect(await count(t, 'select count(*)::int as n from sessions')).toBe(sessions);
  });

  it('signs in existing active users only, and tells a browser why on the sign-in page', async () => {
    idp.login('nobody-here');
    const unknown = await start();
    const res = await callback(await throughProvider(unknown.authorizationUrl, CALLBACK), unknown.cookie);
    expect([res.statusCode, JSON.parse(res.body).error.code]).toEqual([401, 'SSO_UNKNOWN_USER']);

    await t.database.query(`update users set active = false where id = $1`, [await userId(t, 'manager2')]);
    idp.login('manager2');
    const disabled = await start();
    const page = await callback(
      await throughProvider(disabled.authorizationUrl, CALLBACK),
      disabled.cookie,
      'text/html,application/xhtml+xml',
    );
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/login?sso=ACCOUNT_DISABLED');
    expect(sessionCookie(page)).toBeUndefined();
  });

  it('is not offered, and refuses to start, when not configured', async () => {
    const plain = await createTestApp();
    try {
      expect(ok(await plain.anonymous().get('/auth/sso'))).toEqual({ enabled: false });
      const res = await plain.anonymous().get('/auth/oidc/start');
      expect([res.status, res.body.error.code]).toEqual([404, 'SSO_NOT_CONFIGURED']);
    } finally {
      await plain.close();
    }
  });
});
