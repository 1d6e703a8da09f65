import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, isPhone, signIn, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * One language at a time (everyday-quality issue, item 9): the built-in roles, the system's own dictionary types and
 * the audit log's objects and actions in the reader's language, and the English pages in the app's sans-serif font.
 */
const newPage = useBrowser();

const CJK = /[\u4e00-\u9fff]/;
/** A program's key rather than a word: `churnMeasure`, `sign-in`, `serviceType`. */
const KEY = /^[a-z]+(?:[A-Z][a-z]*|-[a-z]+)+$|^[a-z]+$/;
/** Right for the language: Chinese text in Chinese; in English no Chinese and no key. */
const readable = (lang: 'zh-CN' | 'en', text: string) => (lang === 'zh-CN' ? CJK.test(text) : !CJK.test(text));

const cellTexts = (page: Page, column: number) =>
  page.locator(`.ant-table-row > td:nth-child(${column})`).allInnerTexts();

describe('each language throughout', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`names and describes the built-in roles in the reader's language (${lang})`, async () => {
      const page = await newPage(lang);
      await signIn(page, 'admin');
      await page.goto('/admin/roles');
      await page.locator('.ant-table-row').first().waitFor();
      // the demo's roles are the four built-in ones; a phone shows their names, a desktop their descriptions too
      const headers = (await page.locator('.ant-table-thead th').allInnerTexts()).map((h) => h.trim());
      const column = (title: string) => headers.indexOf(title) + 1;
      const names = await cellTexts(page, column(lang === 'en' ? 'Name' : '名称'));
      expect(names.length).toBe(4);
      const descriptionColumn = column(lang === 'en' ? 'Description' : '描述');
      const descriptions = descriptionColumn ? await cellTexts(page, descriptionColumn) : [];
      expect(descriptions.length).toBe(isPhone ? 0 : 4);
      for (const text of [...names, ...descriptions]) expect(readable(lang, text), text).toBe(true);
      if (lang === 'zh-CN') for (const text of descriptions) expect(text).not.toMatch(/[A-Za-z]{3}/);
      expect(unexpectedProblems(page)).toEqual([]);
    });

    it(`shows the system's own dictionary types by name, in the editor too (${lang})`, async () => {
      const page = await newPage(lang);
      await signIn(page, 'admin');
      const region = lang === 'en' ? 'Region' : '地区';
      await page.goto('/dictionary?type=region');
      await expect.poll(() => cellTexts(page, 1)).toEqual(expect.arrayContaining([region]));
      expect(new Set(await cellTexts(page, 1))).toEqual(new Set([region]));
      // the filter shows the type's name
      expect(await page.locator('.ant-card form').innerText()).toContain(region);

      // the editor of an entry, and a new entry of the filtered type, show the name, and saving keeps the type
      const row = page.locator('.ant-table-row').first();
      const item = await row.locator('td:nth-child(2)').innerText();
      // (not 「设为不可编辑」, which ends in the same word)
      await row.getByRole('button', { name: lang === 'en' ? /(^|\s)Edit$/ : /(^|\s)编\s?辑$/ }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.locator('#type').inputValue()).toBe(region);
      await button(dialog, lang === 'en' ? 'Save' : '保存').click();
      await dialog.waitFor({ state: 'hidden' });
      const saved = await (
        await page.request.get(`/api/v1/dictionary?type=region&item=${encodeURIComponent(item)}`)
      ).json();
      expect(saved.items.map((e: { type: string }) => e.type)).toEqual(['region']);
      await button(page, lang === 'en' ? 'New entry' : '新建条目').click();
      await expect.poll(() => page.getByRole('dialog').locator('#type').inputValue()).toBe(region);
      expect(unexpectedProblems(page)).toEqual([]);
    });

    it(`names the audit log's objects and actions in the reader's language (${lang})`, async () => {
      const page = await newPage(lang);
      // a delay measure of manager1's delayed warning (not the one the churn journey works on) puts a churnMeasure
      // entry into the log
      await signIn(page, 'manager1');
      const warnings = await (await page.request.get('/api/v1/churn-warnings?status=delayed')).json();
      const warning = warnings.items[0] as { id: number };
      const measure = await page.request.post(`/api/v1/churn-warnings/${warning.id}/measures`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        data: { text: `e2e ${lang}` },
      });
      expect(measure.status()).toBe(201);
      await page.context().clearCookies();

      await signIn(page, 'admin');
      await page.goto('/admin/audit-log?entity=churnMeasure');
      await page.locator('.ant-table-row').first().waitFor();
      // columns: expand, time, user, action, object, id, request
      const actions = await cellTexts(page, 4);
      const entities = await cellTexts(page, 5);
      for (const text of [...actions, ...entities]) {
        expect(KEY.test(text.trim()), text).toBe(false);
        expect(readable(lang, text), text).toBe(true);
      }
      // the filter names the object too
      const filter = await page.locator('.ant-card form').innerText();
      expect(filter).not.toContain('churnMeasure');
      expect(filter).toContain(entities[0]!.trim());

      await page.goto('/admin/audit-log');
      await page.locator('.ant-table-row').first().waitFor();
      for (const text of [...(await cellTexts(page, 4)), ...(await cellTexts(page, 5))]) {
        expect(KEY.test(text.trim()), text).toBe(false);
        expect(readable(lang, text), text).toBe(true);
      }
      expect(unexpectedProblems(page)).toEqual([]);
    });

    it(`sets the sign-in page in the app's sans-serif font (${lang})`, async () => {
      const page = await newPage(lang);
      await page.goto('/login');
      await page.locator('#username').waitFor();
      const fonts = await page
        .locator('.sign-in-app, .sign-in-title, .sign-in-subtitle, .sign-in-hint')
        .evaluateAll((els) => els.map((e) => getComputedStyle(e).fontFamily));
      expect(fonts.length).toBe(4);
      for (const font of fonts) {
        expect(font).toMatch(/sans-serif$/);
        expect(font).not.toMatch(/Times/);
      }
      expect(unexpectedProblems(page)).toEqual([]);
    });
  }
});
