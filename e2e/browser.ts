import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser } from './chromium.ts';

export { launchBrowser } from './chromium.ts';

/** Where the server under test answers; `e2e/run.mjs` sets it. */
export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
export const DEMO_PASSWORD = 'demo1234';

/**
 * Every journey runs twice (`e2e/run.mjs`): at a desktop's 1440×900 and at a phone's 390×844 (touch, the mobile
 * viewport meta tag honoured). A journey reads the size it runs at from here; steps that genuinely differ on a phone
 * (the menu sits in a drawer) go through the helpers below (`navigate`, `openMenu`).
 */
export type ViewportName = 'desktop' | 'phone';
export const VIEWPORT: ViewportName = process.env.E2E_VIEWPORT === 'phone' ? 'phone' : 'desktop';
export const isPhone = VIEWPORT === 'phone';
const VIEWPORTS = {
  desktop: { viewport: { width: 1440, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

export type Problems = { console: string[]; page: string[] };
const problemsOf = new WeakMap<Page, Problems>();

/**
 * A fresh context (own cookies) and page in the given language, collecting console errors and uncaught page errors;
 * tests assert `problems(page)` stays empty.
 */
export async function openPage(
  browser: Browser,
  lang: 'zh-CN' | 'en' = 'zh-CN',
  /** Another size than the pass's: a customer on their phone in a desktop pass (the customer portal's journey). */
  viewport: ViewportName = VIEWPORT,
): Promise<{ context: BrowserContext; page: Page }> {
  // Reduced motion: the app then turns antd's motion and every CSS transition off, so nothing is measured mid-fade.
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: lang,
    ...VIEWPORTS[viewport],
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

/** The header's button that opens the menu drawer; it exists only below antd's `md` breakpoint (a phone). */
const menuButton = (page: Page) => page.locator('.app-header .app-menu-button');

/**
 * Makes the menu visible: on a phone it opens the drawer (the desktop's sider is always there) and waits for its
 * entries. Returns the menu's `nav` element.
 */
export async function openMenu(page: Page): Promise<Locator> {
  const nav = page.locator('nav.app-nav');
  if (isPhone && !(await nav.isVisible())) await menuButton(page).click();
  await nav.locator('.ant-menu-item').first().waitFor();
  return nav;
}

/**
 * Goes to a page through the menu entry of that name, as a user would (on a phone through the drawer), and returns once
 * that page is shown. The address changes before then: while the new page's code and texts load, the router keeps the
 * old page up (web/src/app/routing.tsx), so a row or button looked for at once could be the old page's. The old page's
 * title is marked before the click, and the wait ends when it is gone.
 */
export async function navigate(page: Page, menuLabel: string): Promise<void> {
  const nav = await openMenu(page);
  const item = nav.getByRole('menuitem', { name: menuLabel });
  const staying = await item.evaluate((li) => li.classList.contains('ant-menu-item-selected'));
  const title = page.locator('.page-title');
  const marked = !staying && (await title.count()) > 0;
  if (marked) await title.first().evaluate((h) => h.setAttribute('data-e2e-leaving', ''));
  await item.click();
  // on a phone the drawer closes once the page changes
  if (isPhone) await nav.waitFor({ state: 'hidden' });
  if (marked) await page.locator('[data-e2e-leaving]').waitFor({ state: 'detached' });
}

/** The paths of the menu's leaf entries (antd names each `li` `data-menu-id="…-<path>"`); closes the drawer again. */
export async function menuPaths(page: Page): Promise<string[]> {
  const nav = await openMenu(page);
  const paths = await nav
    .locator('li.ant-menu-item[data-menu-id]')
    .evaluateAll((items) =>
      items
        .map((li) => /(\/[^\s]*)$/.exec(li.getAttribute('data-menu-id') ?? '')?.[1])
        .filter((p): p is string => Boolean(p)),
    );
  if (isPhone) {
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
  }
  return paths;
}

/**
 * What a user of this screen size cannot reach on the current page: the page itself scrolling sideways (on a phone a
 * page wider than the screen also shows as a window wider than 390 px, the browser zooming out), and any row action —
 * a button or link in a table's 操作 / Actions column — not wholly on screen: outside the window, or scrolled out of
 * its table's own visible part.
 */
export async function layoutProblems(page: Page, viewport: ViewportName = VIEWPORT): Promise<string[]> {
  const width = VIEWPORTS[viewport].viewport.width;
  const where = new URL(page.url()).pathname;
  const found = await page.evaluate((width) => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (window.innerWidth !== width || doc.scrollWidth > window.innerWidth)
      problems.push(`the page is ${Math.max(doc.scrollWidth, window.innerWidth)} px wide in a ${width} px window`);
    for (const table of document.querySelectorAll('.ant-table')) {
      const headers = [...table.querySelectorAll('thead tr:first-child > th')];
      const column = headers.findIndex((th) => /^(操作|Actions)$/.test(th.textContent?.trim() ?? ''));
      if (column < 0) continue;
      const clip = (table.querySelector('.ant-table-content, .ant-table-body') ?? table).getBoundingClientRect();
      const left = Math.max(0, clip.left) - 1;
      const right = Math.min(window.innerWidth, clip.right) + 1;
      for (const row of table.querySelectorAll('tbody tr.ant-table-row')) {
        const cell = row.children[column];
        for (const action of cell?.querySelectorAll('button, a') ?? []) {
          const r = action.getBoundingClientRect();
          if (r.width === 0) continue;
          if (r.left < left || r.right > right)
            problems.push(
              `the row action "${action.textContent?.trim()}" spans ${Math.round(r.left)}–${Math.round(r.right)} px, ` +
                `outside ${Math.round(left + 1)}–${Math.round(right - 1)} px`,
            );
        }
      }
    }
    return problems;
  }, width);
  return found.map((p) => `${where}: ${p}`);
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
export function useBrowser(): (lang?: 'zh-CN' | 'en', viewport?: ViewportName) => Promise<Page> {
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
  return async (lang = 'zh-CN', viewport = VIEWPORT) => {
    const { page } = await openPage(browser!, lang, viewport);
    pages.push(page);
    return page;
  };
}

/**
 * One browser and one page for a journey file whose tests go on where the previous one stopped (signed in, on a
 * page), closed after them — at the top of the file: `const { browser, page } = await sharedPage();`
 */
export async function sharedPage(lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  afterAll(() => browser.close());
  const { page } = await openPage(browser, lang);
  return { browser, page };
}

/** A call of the API as the page's signed-in user, which must succeed: the answer's body. */
export async function api(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, data?: unknown) {
  const res = await page.request.fetch(`/api/v1${url}`, {
    method,
    data,
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/**
 * A new `normal` customer with every field the customer form requires (the first region and level), of `managerId`;
 * `more` adds other fields (phone, address …).
 */
export async function newCustomer(page: Page, name: string, managerId: number, more: Record<string, unknown> = {}) {
  const region = (await api(page, 'GET', '/dictionary?type=region')).items[0].id;
  const level = (await api(page, 'GET', '/dictionary?type=customerLevel')).items[0].id;
  return api(page, 'POST', '/customers', {
    name,
    regionId: region,
    levelId: level,
    managerId,
    satisfaction: 3,
    credit: 3,
    ...more,
  });
}

/** A button by its text; antd puts a space between two CJK characters (「保 存」) and icons add their own names. */
export const button = (scope: Page | Locator, text: string) =>
  scope.getByRole('button', { name: new RegExp(`${[...text].join('\\s?')}\\s*$`) });

/**
 * The toast message that says `text`. The same text may still be up from a moment ago (two saves within antd's three
 * seconds, as on a fast run): any of them counts, and the journey checks the data itself after.
 */
/** Picks an option of the open Select, then waits until the dropdown has closed, so that the next pick cannot land in it. */
export async function pickOption(page: Page, text?: string) {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', text ? { hasText: text } : {})
    .first()
    .click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Opens a page of the service steps from the menu and answers the row of the service with `summary` there. */
export async function openStep(page: Page, menu: string, path: string, summary: string): Promise<Locator> {
  await navigate(page, menu);
  await page.waitForURL(`**${path}`);
  const row = page.locator('.ant-table-row', { hasText: summary });
  await row.waitFor();
  return row;
}

/** A service row's action button: its accessible name is the action and the service number (「处理 FW…」). */
export const rowAction = (row: Locator, text: string) => row.getByRole('button', { name: new RegExp(`^${text} FW`) });

export const toast = (page: Page, text: string) => page.locator('.ant-message-notice', { hasText: text }).first();

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

/**
 * Opens a tab of the page's tabs by its name and waits until it is selected. On a narrow screen antd moves the tabs
 * that do not fit into its "more" menu (…): a tab outside the visible strip is chosen there.
 */
export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.waitFor({ state: 'attached' });
  const more = page.locator('.ant-tabs-nav-operations:not(.ant-tabs-nav-operations-hidden) .ant-tabs-nav-more').first();
  const nav = page.locator('.ant-tabs-nav-wrap').first();
  const [box, strip] = [await tab.boundingBox(), await nav.boundingBox()];
  const inStrip = !!box && !!strip && box.x >= strip.x - 1 && box.x + box.width <= strip.x + strip.width + 1;
  if (inStrip || !(await more.isVisible())) await tab.click();
  else {
    await more.hover();
    await page
      .locator('.ant-tabs-dropdown:not(.ant-tabs-dropdown-hidden) .ant-tabs-dropdown-menu-item', { hasText: name })
      .click();
  }
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}
