import { describe, expect, it } from 'vitest';
import { api, layoutProblems, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Single sign-on (docs/sign-in.md#single-sign-on) through the OpenID Connect provider e2e/run.mjs starts on
 * 127.0.0.1, which signs in manager1: the sign-in page offers the button, the browser goes to the provider and comes
 * back signed in.
 */
const newPage = useBrowser();

describe('single sign-on', () => {
  it('signs in through the identity provider from the sign-in page', async () => {
    const page = await newPage('zh-CN');
    await page.goto('/login');
    const sso = page.getByRole('link', { name: '使用单点登录' });
    await sso.waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await sso.click();
    await page.locator('.app-layout').waitFor();
    expect((await api(page, 'GET', '/auth/me')).user.username).toBe('manager1');
    const sessions = await api(page, 'GET', '/me/sessions');
    expect(sessions.some((s: { current: boolean }) => s.current)).toBe(true);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('says so on the sign-in page when the sign-on fails', async () => {
    const page = await newPage('en');
    await page.goto('/api/v1/auth/oidc/callback?code=forged&state=forged');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('single sign-on request is invalid');
    expect(page.url()).toContain('/login?sso=SSO_STATE_INVALID');
    await page.getByRole('link', { name: 'Sign in with SSO' }).waitFor();
  });
});
