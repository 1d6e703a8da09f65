import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { layoutProblems, menuPaths, seriousA11yViolations, signIn, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Every page of every module, for every role, in Chinese and in English (hardening issue, item 10), at both screen
 * sizes (e2e/run.mjs runs it at each): each entry of the role's menu opens without an error, shows its title, has no
 * critical or serious accessibility violation, does not scroll sideways and shows every row action of its lists on
 * screen (everyday-quality issue, items 2 and 6); where the page is a list, the first record's detail page is checked
 * the same way.
 */
const newPage = useBrowser();

async function settle(page: Page) {
  await page.locator('.app-layout h1').first().waitFor();
  await expect
    .poll(() => page.locator('.full-page-spin, .ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 30_000 })
    .toBe(0);
}

describe('every page, every role, both languages', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const user of ['admin', 'director', 'manager1', 'executive']) {
      it(`${user} (${lang})`, async () => {
        const page = await newPage(lang);
        await signIn(page, user);
        const paths = await menuPaths(page);
        expect(paths.length).toBeGreaterThan(1);
        const problems: string[] = [];
        const check = async (where: string) => {
          await settle(page);
          await page.mouse.move(0, 0); // a hovered row is shaded on purpose: judge the page at rest
          const title = await page.locator('.app-layout h1').first().textContent();
          if (!title?.trim()) problems.push(`${where}: no page title`);
          if (await page.getByText(/^(403|404)$/).count()) problems.push(`${where}: shows 403/404`);
          for (const v of await seriousA11yViolations(page)) problems.push(`${where}: ${v}`);
          problems.push(...(await layoutProblems(page)));
        };
        for (const path of paths) {
          await page.goto(path);
          await check(path);
          const detail = page.locator('.ant-table-row a[href^="/"]').first();
          if (path !== '/' && (await detail.count())) {
            const href = await detail.getAttribute('href');
            await detail.click();
            await page.waitForURL((u) => u.pathname === href?.split('?')[0]);
            await check(`${path} → ${href}`);
          }
        }
        expect(problems).toEqual([]);
        expect(unexpectedProblems(page)).toEqual([]);
      }, 600_000);
    }
  }
});
