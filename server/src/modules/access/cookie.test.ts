import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const signInCookie = async (app: TestApp, headers: Record<string, string> = {}) => {
  const res = await app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-requested-with': 'XMLHttpRequest', ...headers },
    payload: { username: 'manager1', password: 'demo1234' },
  });
  expect(res.statusCode).toBe(200);
  return String(res.headers['set-cookie']);
};

describe('the session cookie', () => {
  it('is Secure when served over HTTPS behind a trusted proxy, and not over plain HTTP', async () => {
    t = await createTestApp({ CRM_TRUST_PROXY: '1' });
    expect(await signInCookie(t, { 'x-forwarded-proto': 'https' })).toMatch(/;\s*Secure/i);
    expect(await signInCookie(t)).not.toMatch(/;\s*Secure/i);
  });

  it('ignores X-Forwarded-Proto from an untrusted client', async () => {
    t = await createTestApp();
    expect(await signInCookie(t, { 'x-forwarded-proto': 'https' })).not.toMatch(/;\s*Secure/i);
  });

  it('can be forced Secure by configuration', async () => {
    t = await createTestApp({ CRM_SECURE_COOKIE: 'always' });
    expect(await signInCookie(t)).toMatch(/;\s*Secure/i);
  });
});
