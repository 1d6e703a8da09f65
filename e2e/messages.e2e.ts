import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, openMenu, signIn, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Issue 14, item 7 (the web's part): each situation gets its own clear message. The server's answers for a disabled
 * account (ACCOUNT_DISABLED, 403) and for an administrator disabling themselves are given here by the test, so that
 * the journey checks what the web makes of them whatever the server's wording.
 */
const newPage = useBrowser();

const disabledAnswer = {
  status: 403,
  json: { error: { code: 'ACCOUNT_DISABLED', message: 'This account is disabled', requestId: 'e2e' } },
};

async function tryToSignIn(page: Page, username: string, password = 'demo1234') {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
}

describe('messages that say what happened', () => {
  for (const [lang, text] of [
    ['zh-CN', '您的账号已停用，请联系管理员'],
    ['en', 'Your account is disabled; ask an administrator'],
  ] as const) {
    it(`a disabled account is told so on sign-in, not "wrong password" (${lang})`, async () => {
      const page = await newPage(lang);
      await page.route('**/api/v1/auth/login', (route) => route.fulfill(disabledAnswer));
      await tryToSignIn(page, 'manager2');
      await page.getByRole('alert').filter({ hasText: text }).waitFor();
      expect(page.url()).toContain('/login');
      expect(unexpectedProblems(page)).toEqual([]);
    });
  }

  it('a user disabled while signed in returns to the sign-in page with that message, not "session expired"', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager2');
    await page.route('**/api/v1/**', (route) =>
      route.request().url().includes('/auth/') ? route.fallback() : route.fulfill(disabledAnswer),
    );
    await (await openMenu(page)).getByRole('menuitem', { name: '客户信息' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('alert').filter({ hasText: '您的账号已停用，请联系管理员' }).waitFor();
    expect(await page.getByText('会话已过期').count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('opening the app with the session of a disabled user shows the message too (en)', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager2');
    await page.route('**/api/v1/auth/me', (route) => route.fulfill(disabledAnswer));
    await page.goto('/customers');
    await page.waitForURL('**/login');
    await page.getByRole('alert').filter({ hasText: 'Your account is disabled; ask an administrator' }).waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('an administrator disabling their own account sees the server’s reason, not a generic refusal', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'admin');
    await page.goto('/admin/users?q=admin');
    const row = page.locator('.ant-table-row', { hasText: '系统管理员' });
    await button(row, '停用').click();
    await button(page.locator('.ant-popover'), '确认').click();
    // the real server refuses (400 on `active`); its reason is shown in the page's language
    await page.locator('.ant-message-notice', { hasText: '不能停用自己的账号' }).waitFor();
    expect(await page.locator('.ant-message-notice', { hasText: '输入有误，请检查标出的字段' }).count()).toBe(0);
    await button(row, '停用').waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  for (const [lang, never, scheduled] of [
    ['zh-CN', '尚未执行流失检查', '系统会按计划自动运行'],
    ['en', 'has not run yet; “Check now”', 'it runs on its schedule'],
  ] as const) {
    it(`the churn page tells a manager the check runs by itself, not to run it (${lang})`, async () => {
      const page = await newPage(lang);
      await page.route('**/api/v1/churn-warnings/last-scan', (route) =>
        route.fulfill({ json: { startedAt: null, finishedAt: null, result: null, salesAsOf: null } }),
      );
      await signIn(page, 'manager1');
      await page.goto('/churn-warnings');
      const scan = page.getByTestId('churn-last-scan');
      await expect.poll(() => scan.textContent()).toContain(scheduled);
      expect(await scan.textContent()).not.toContain(never);

      // a director, who may run it, is told how
      await page.context().clearCookies();
      await signIn(page, 'director');
      await page.goto('/churn-warnings');
      await expect.poll(() => page.getByTestId('churn-last-scan').textContent()).toContain(never);
      expect(unexpectedProblems(page)).toEqual([]);
    });
  }
});
