import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Where the server under test answers; `e2e/run.mjs` sets it. */
export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
export const DEMO_PASSWORD = 'demo1234';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, launched exactly as DESIGN.md says (never `npx playwright install`). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export type Problems = { console: string[]; page: string[] };
const problemsOf = new WeakMap<Page, Problems>();

/**
 * A fresh context (own cookies) and page in the given language, collecting console errors and uncaught page errors;
 * tests assert `problems(page)` stays empty.
 */
export async function openPage(
  browser: Browser,
  lang: 'zh-CN' | 'en' = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  // Reduced motion: the app then turns antd's motion and every CSS transition off, so nothing is measured mid-fade.
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: lang,
    viewport: { width: 1366, height: 860 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: Problems = { console: [], page: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(m.text());
  });
  page.on('pageerror', (e) => problems.page.push(e.message));
  problemsOf.set(page, problems);
  return { context, page };
}

/** Console errors and page errors seen so far on this page. */
export const problems = (page: Page): Problems => problemsOf.get(page) ?? { console: [], page: [] };

/**
 * Chromium logs every API answer with a 4xx status as a console error ("Failed to load resource: … status of 401"):
 * the `GET /auth/me` before sign-in, a refused form (400), a 409 the journey provokes on purpose. Those are the API
 * doing its job, shown to the user by the app; everything else counts — console errors of the app, 5xx answers,
 * uncaught page errors.
 */
export function unexpectedProblems(page: Page): string[] {
  const p = problems(page);
  return [
    ...p.console.filter((m) => !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m)),
    ...p.page,
  ];
}

/** Signs in through the sign-in page and waits for the workbench. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
  await page.locator('.app-layout').waitFor();
}

/** axe-core on the current page: the critical and serious violations (WCAG 2 A/AA rules), described for a message. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // No transitions run (reduced motion, see openPage): axe judges the colours the page shows at rest.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

/**
 * One browser per journey file, and a fresh context per page (own cookies, own language), closed after each test:
 * `const newPage = useBrowser();` at the top of a file, then `const page = await newPage('en')` in a test.
 */
export function useBrowser(): (lang?: 'zh-CN' | 'en') => Promise<Page> {
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  return async (lang = 'zh-CN') => {
    const { page } = await openPage(browser!, lang);
    pages.push(page);
    return page;
  };
}

/** A button by its text; antd puts a space between two CJK characters (「保 存」) and icons add their own names. */
export const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`${[...text].join('\\s?')}\\s*$`) });

/** The toast message that says `text`. */
export const toast = (page: Page, text: string) => page.locator('.ant-message-notice', { hasText: text });

/**
 * A `normal` customer of the signed-in manager with every field the customer form requires (docs/product.md#customers,
 * rule 3). A customer made from a successful opportunity has only its name, and its form rightly refuses to save until
 * region, level, satisfaction and credit are given — a journey that edits "some customer" must not pick that one.
 */
export async function completeCustomerOf(page: Page): Promise<{ id: number; name: string; version: number }> {
  const me = (await (await page.request.get('/api/v1/auth/me')).json()).user;
  const list = await (await page.request.get(`/api/v1/customers?managerId=${me.id}&status=normal&pageSize=100`)).json();
  const complete = list.items.find(
    (c: Record<string, unknown>) => c.regionId && c.levelId && c.satisfaction && c.credit,
  );
  if (!complete) throw new Error(`${me.username} has no customer with every required field`);
  return complete;
}
