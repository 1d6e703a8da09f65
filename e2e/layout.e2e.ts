import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  button,
  isPhone,
  layoutProblems,
  navigate,
  openMenu,
  signIn,
  unexpectedProblems,
  useBrowser,
  VIEWPORT,
} from './browser.ts';

/**
 * The frame at both sizes (everyday-quality issue, item 2): below antd's `md` breakpoint the menu is a drawer, lists
 * show their key columns, forms one column and dialogs the whole width; on a desktop the collapsed menu is remembered;
 * at any size the app can be added to a home screen. The sweep (pages.e2e.ts) checks every page for sideways
 * scrolling and row actions out of view at both sizes.
 */
const newPage = useBrowser();

/** The left edges and widths of the visible form items of the page's main form. */
const formItemBoxes = (page: Page, form: string) =>
  page.locator(`${form} .ant-form-item`).evaluateAll((items) =>
    items
      .map((i) => i.getBoundingClientRect())
      .filter((r) => r.width > 0)
      .map((r) => ({ left: Math.round(r.left), width: Math.round(r.width) })),
  );

describe(`the layout at a ${VIEWPORT}'s size`, () => {
  if (isPhone) {
    it('puts the menu in a drawer, closed at first and again after each navigation; the page has the whole width', async () => {
      const page = await newPage('zh-CN');
      await signIn(page, 'manager1');
      expect(await page.locator('.app-sider').isVisible()).toBe(false);
      expect(await page.locator('nav.app-nav').isVisible()).toBe(false);
      const content = await page.locator('.app-content').boundingBox();
      expect(content?.width).toBe(390);

      await navigate(page, '客户信息');
      await page.waitForURL('**/customers');
      await page.getByRole('heading', { level: 1, name: '客户信息管理' }).waitFor();
      expect(await page.locator('nav.app-nav').isVisible()).toBe(false);

      // the drawer closes by its own means too, and stays closed after a reload
      await openMenu(page);
      await page.keyboard.press('Escape');
      await page.locator('nav.app-nav').waitFor({ state: 'hidden' });
      await page.reload();
      await page.getByRole('heading', { level: 1, name: '客户信息管理' }).waitFor();
      expect(await page.locator('nav.app-nav').isVisible()).toBe(false);
      expect(await layoutProblems(page)).toEqual([]);
      expect(unexpectedProblems(page)).toEqual([]);
    });

    it('shows lists by their key columns, forms in one column and dialogs across the whole width', async () => {
      const page = await newPage('en');
      await signIn(page, 'manager1');

      // a list: the key columns fit the screen (no table wider than the page), the name links to the record
      await page.goto('/customers');
      const table = page.locator('.ant-table').first();
      await table.locator('.ant-table-row').first().waitFor();
      const fits = await table.evaluate((t) => t.scrollWidth <= t.clientWidth + 1 && t.clientWidth <= 390);
      expect(fits).toBe(true);
      const headers = await table.locator('thead th').allInnerTexts();
      expect(headers.map((h) => h.trim())).toContain('Name');
      expect(headers.length).toBeLessThanOrEqual(4);
      expect(await layoutProblems(page)).toEqual([]);

      // a form: every field below the one before, across the width
      await page.goto('/customers/new');
      await page.locator('form .ant-form-item').first().waitFor();
      const boxes = await formItemBoxes(page, 'main form');
      expect(boxes.length).toBeGreaterThan(5);
      expect(new Set(boxes.map((b) => b.left)).size).toBe(1);
      expect(Math.min(...boxes.map((b) => b.width))).toBeGreaterThan(300);
      expect(await layoutProblems(page)).toEqual([]);

      // a dialog: the whole width less a small margin, nothing cut off
      await page.goto('/opportunities');
      await page.locator('.ant-table-row').first().waitFor();
      await button(page, 'New opportunity').click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const box = await dialog.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(box!.width).toBeGreaterThanOrEqual(390 - 24);
      const dialogForm = await formItemBoxes(page, '.ant-modal form');
      expect(new Set(dialogForm.map((b) => b.left)).size).toBe(1);
      expect(await layoutProblems(page)).toEqual([]);
      expect(unexpectedProblems(page)).toEqual([]);
    });
  } else {
    it('remembers the collapsed menu across reloads', async () => {
      const page = await newPage('zh-CN');
      await signIn(page, 'manager1');
      const sider = page.locator('.app-sider');
      await sider.waitFor();
      expect(await sider.getAttribute('class')).not.toContain('ant-layout-sider-collapsed');
      await page.getByRole('button', { name: '收起菜单' }).click();
      await expect.poll(() => sider.getAttribute('class')).toContain('ant-layout-sider-collapsed');
      await page.reload();
      await page.getByRole('button', { name: '展开菜单' }).waitFor();
      expect(await sider.getAttribute('class')).toContain('ant-layout-sider-collapsed');
      await page.getByRole('button', { name: '展开菜单' }).click();
      await page.reload();
      await page.getByRole('button', { name: '收起菜单' }).waitFor();
      expect(await sider.getAttribute('class')).not.toContain('ant-layout-sider-collapsed');
      expect(unexpectedProblems(page)).toEqual([]);
    });
  }

  it('can be added to the home screen: a web app manifest with its icons, linked from the page', async () => {
    const page = await newPage('zh-CN');
    await page.goto('/login');
    await page.locator('#username').waitFor();
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toMatch(/^#[0-9a-f]{6}$/i);
    const answer = await page.request.get(href!);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await answer.json()) as {
      name: string;
      short_name: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(manifest.name).toMatch(/客户关系管理系统/);
    expect(manifest.name).toMatch(/CRM/);
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.display).toBe('standalone');
    expect(manifest.start_url).toBe('/');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    const sizes = manifest.icons.map((i) => `${i.sizes} ${i.type} ${i.purpose ?? 'any'}`);
    expect(sizes).toEqual(
      expect.arrayContaining(['192x192 image/png any', '512x512 image/png any', '512x512 image/png maskable']),
    );
    for (const icon of manifest.icons) {
      const png = await page.request.get(icon.src);
      expect(png.headers()['content-type']).toBe('image/png');
      const bytes = await png.body();
      // a PNG's IHDR holds its width and height at bytes 16–23
      const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      expect(`${w}x${h}`).toBe(icon.sizes);
    }
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it("takes antd's component styles from the prebuilt stylesheet, with the theme's colours (web/src/app/theme.ts)", async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    await page.goto('/customers');
    await page.locator('.ant-table-row').first().waitFor();
    // what antd inserts while the page renders: only the theme's CSS variables, no component rules
    const inserted = await page
      .locator('style[data-css-hash]')
      .evaluateAll((styles) => styles.map((s) => s.textContent ?? ''));
    expect(inserted.length).toBeGreaterThan(0);
    for (const css of inserted) expect(css.replace(/\{[^}]*\}/g, '{}')).toMatch(/^(\.css-var-crm[^{]*\{\})+$/);
    // …and the theme still applies: the darkened primary colour (AA contrast), not antd's default #1677ff
    const primary = page.locator('.ant-btn-primary').first();
    expect(await primary.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(22, 104, 220)');
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
