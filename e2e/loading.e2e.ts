import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, openMenu, signIn, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Loading states (everyday-quality issue, item 8): something shows while the app's code arrives; a page says it is
 * loading — never "0" or "no data" — until its answer is there; a click in the menu shows progress at the top while
 * the next page's code loads.
 */
const newPage = useBrowser();

/**
 * Holds back the requests matching `pattern` until `release()` is called, so that the test looks at the page while it
 * waits for them — the condition the user sees on a slow line, made certain.
 */
async function holdBack(page: Page, pattern: string | RegExp) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route(pattern, async (route) => {
    held.push(route.request().url());
    await released;
    await route.continue().catch(() => undefined); // the page may have gone meanwhile
  });
  return { release, held: () => held.length };
}

/** Texts that would claim an answer while none has come. */
const EMPTY = {
  'zh-CN': { total: '客户总数：0', noData: '暂无数据' },
  en: { total: 'Customers: 0', noData: 'No data' },
} as const;

describe('loading states', () => {
  it('shows that the app is loading while its code arrives (the first visit is never a blank page)', async () => {
    const page = await newPage('zh-CN');
    const code = await holdBack(page, /\/assets\/.*\.js$/);
    await page.goto('/login', { waitUntil: 'commit' });
    const status = page.locator('#root').getByRole('status');
    await status.waitFor();
    expect(await status.innerText()).toMatch(/加载中/);
    expect(await status.innerText()).toMatch(/Loading/);
    expect(code.held()).toBeGreaterThan(0);
    code.release();
    await page.locator('#username').waitFor();
    expect(await status.count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`a report and a list say they are loading, not "0" or "no data", until their answer arrives (${lang})`, async () => {
      const page = await newPage(lang);
      await signIn(page, 'director');

      const report = await holdBack(page, /\/api\/v1\/reports\/composition\?/);
      await page.goto('/reports/composition');
      await page
        .locator('h1')
        .filter({ hasText: lang === 'en' ? 'Customer composition' : '客户构成分析' })
        .waitFor();
      await expect.poll(() => report.held()).toBeGreaterThan(0);
      await page.locator('[aria-busy="true"]').first().waitFor();
      const waiting = await page.locator('.app-content').innerText();
      expect(waiting).not.toContain(EMPTY[lang].total);
      expect(waiting).not.toContain(EMPTY[lang].noData);
      expect(await page.getByTestId('report-chart').count()).toBe(0);
      report.release();
      await page.getByTestId('report-chart').locator('canvas').first().waitFor();
      await expect
        .poll(() => page.locator('.app-content').innerText())
        .toMatch(lang === 'en' ? /Customers: [1-9]/ : /客户总数：[1-9]/);
      expect(await page.locator('[aria-busy="true"]').count()).toBe(0);

      const list = await holdBack(page, /\/api\/v1\/customers\?/);
      await page.goto('/customers');
      await expect.poll(() => list.held()).toBeGreaterThan(0);
      await page.locator('[aria-busy="true"]').first().waitFor();
      expect(await page.locator('.app-content').innerText()).not.toContain(EMPTY[lang].noData);
      list.release();
      await page.locator('.ant-table-row').first().waitFor();
      expect(unexpectedProblems(page)).toEqual([]);
    });
  }

  it('asks for a page opened by its address — its code and its data — before the signed-in app has arrived', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    // a full load of the customer list (a bookmark, a reload) while the signed-in app's code is held back
    const app = await holdBack(page, /\/assets\/signed-in-[^/]*\.js$/);
    const data = page.waitForRequest(/\/api\/v1\/customers\?/);
    const code = page.waitForRequest(/\/assets\/CustomersPage-[^/]*\.js$/);
    await page.goto('/customers', { waitUntil: 'commit' });
    await Promise.all([data, code]);
    expect(app.held()).toBe(1);
    app.release();
    await page.locator('.ant-table-row').first().waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it("asks for the workbench's code and data as signing in answers, while the signed-in app's code still arrives", async () => {
    const page = await newPage('zh-CN');
    await page.goto('/login');
    await page.locator('#username').fill('director');
    await page.locator('#password').fill(DEMO_PASSWORD);
    const app = await holdBack(page, /\/assets\/signed-in-[^/]*\.js$/);
    const data = page.waitForRequest(/\/api\/v1\/workbench$/, { timeout: 5_000 });
    const code = page.waitForRequest(/\/assets\/WorkbenchPage-[^/]*\.js$/, { timeout: 5_000 });
    await page.locator('#password').press('Enter');
    await Promise.all([data, code]);
    expect(app.held()).toBe(1);
    app.release();
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await page.locator('[data-testid="workbench-figures"] .ant-statistic-content').first().waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('asks for the session once per full load, before any script has run, and the app takes that answer', async () => {
    const page = await newPage('zh-CN');
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    const sessions: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/auth/me') sessions.push(r.url());
    });
    // the first load with the app's first script held back: the page itself asks for the session meanwhile
    // (index.html), rather than the script once it has arrived and run (session.tsx)
    const script = await holdBack(page, /\/assets\/main-[^/]*\.js$/);
    const session = page.waitForRequest(/\/api\/v1\/auth\/me$/, { timeout: 5_000 });
    await page.goto('/login', { waitUntil: 'commit' });
    await session;
    script.release();
    await page.locator('input[autocomplete="username"]').waitFor();
    expect(script.held()).toBe(1);
    expect(sessions).toHaveLength(1);
    // signed in, a full load of a page behind sign-in: one request for the session too
    await signIn(page, 'director');
    sessions.length = 0;
    await page.goto('/customers');
    await page.locator('.ant-table-row').first().waitFor();
    // Chromium warns of a preload nobody took (a fetch that does not match it): the app must have taken each
    await page.waitForTimeout(3_500);
    expect(sessions).toHaveLength(1);
    expect(warnings.filter((w) => /preload/i.test(w))).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it("loads none of zod: the pages take the contracts' values without their schemas", async () => {
    const page = await newPage('zh-CN');
    const scripts: Promise<string>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.text());
    });
    await signIn(page, 'director');
    // the customer list and its form check formats with the contracts' checks (FORMAT_CHECKS, CUSTOMER_LIMITS)
    await page.goto('/customers/new');
    await page.locator('form input').first().waitFor();
    await page.goto('/opportunities');
    await page.locator('.ant-table-row, .ant-empty').first().waitFor();
    const code = await Promise.all(scripts);
    expect(code.length).toBeGreaterThan(10);
    // zod names each of its schema classes as it builds it (`$constructor("ZodObject", …)`), minified or not
    expect(code.filter((c) => /["'`]ZodObject["'`]/.test(c)).length).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('shows progress at the top while a page chosen in the menu loads, over the page that is still there', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'admin');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    // the audit log's code has not been loaded yet in this fresh page: hold it back
    const code = await holdBack(page, /\/assets\/AuditLogPage-[^/]*\.js$/);
    const progress = page.getByRole('progressbar', { name: '正在打开页面' });
    expect(await progress.count()).toBe(0);
    // the menu's click alone: navigate() would wait for the page that is held back
    await (await openMenu(page)).getByRole('menuitem', { name: '操作日志' }).click();
    await progress.waitFor();
    await expect.poll(() => code.held()).toBe(1);
    // the workbench stays up meanwhile
    expect(await page.getByRole('heading', { level: 1, name: '工作台' }).isVisible()).toBe(true);
    code.release();
    await page.getByRole('heading', { level: 1, name: '操作日志' }).waitFor();
    await progress.waitFor({ state: 'detached' });
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
