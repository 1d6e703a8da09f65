import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, button, layoutProblems, signIn, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Two-step verification (docs/sign-in.md#two-step-verification): a user turns it on from the account page (the test
 * reads the key shown beside the QR code and computes the codes as an authenticator app would), signs out, and signs
 * in again with the password and a code.
 */
const newPage = useBrowser();
const stamp = Date.now().toString(36);

const stepOf = (ms: number) => Math.floor(ms / 30_000);
/** A code of a 30-second step later than `after` (a code is accepted once: the next one waits for its step). */
async function freshCode(secret: string, after: number) {
  while (stepOf(Date.now()) <= after) await new Promise((r) => setTimeout(r, 500));
  return { code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }), step: stepOf(Date.now()) };
}

async function userMenu(page: Page, item: RegExp) {
  await page.locator('.user-menu-button').click();
  await page.getByRole('menuitem', { name: item }).click();
}

describe('two-step verification', () => {
  it('turns it on with a code, signs out, and signs in with the password and a code', async () => {
    const admin = await newPage('zh-CN');
    await signIn(admin, 'admin');
    const username = `totp${stamp}`;
    await api(admin, 'POST', '/users', {
      username,
      displayName: `两步${stamp}`,
      password: 'long-enough',
      roles: ['manager'],
    });

    const page = await newPage('zh-CN');
    await signIn(page, username, 'long-enough');
    await userMenu(page, /账号安全/);
    await page.getByRole('tab', { name: '两步验证' }).waitFor();
    await button(page, '开启两步验证').click();
    await page.locator('img.two-factor-qr').waitFor();
    const secret = (await page.locator('.two-factor-setup code').first().innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await layoutProblems(page)).toEqual([]);
    const first = await freshCode(secret, -1);
    await page.locator('#enable_code').fill(first.code);
    await button(page, '验证并开启').click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    expect((await codes.innerText()).trim().split('\n')).toHaveLength(10);
    await button(page, '我已保存').click();
    await page.getByText('两步验证已开启').waitFor();

    await userMenu(page, /退出登录/);
    await page.locator('#username').waitFor();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill('long-enough');
    await page.locator('#password').press('Enter');
    const codeInput = page.locator('#code');
    await codeInput.waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    // a wrong code is refused and says so
    await codeInput.fill(String((Number(first.code) + 1) % 1_000_000).padStart(6, '0'));
    await button(page, '验证').click();
    await page.getByRole('alert').waitFor();
    const next = await freshCode(secret, first.step);
    await codeInput.fill(next.code);
    await button(page, '验证').click();
    await page.locator('.app-layout').waitFor();
    expect((await api(page, 'GET', '/auth/me')).user).toMatchObject({ username, twoFactorEnabled: true });
    expect(unexpectedProblems(page)).toEqual([]);
  }, 180_000);
});
