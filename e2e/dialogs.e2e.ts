import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, signIn, unexpectedProblems, useBrowser } from './browser.ts';

const newPage = useBrowser();

/** The row of a table that shows `text`, once it is there. */
async function rowOf(page: Page, text: string): Promise<Locator> {
  const row = page.locator('.ant-table-row', { hasText: text }).first();
  await row.waitFor();
  return row;
}

/** A row's action by its exact text (「编辑」, not 「设为不可编辑」); an icon in front adds its own name. */
const action = (row: Locator, text: string) =>
  row.getByRole('button', { name: new RegExp(`(^|\\s)${[...text].join('\\s?')}$`) });

/** Cancels the open dialog and waits until it is gone; with unsaved edits, answers the question with `discard`. */
async function cancel(page: Page, text = '取消', discard?: string) {
  const dialog = page.locator('.ant-modal:not(.ant-modal-confirm)');
  await button(dialog, text).click();
  if (discard) await button(page.locator('.ant-modal-confirm'), discard).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The values of the chosen options of a multiple select, as the user sees them. */
const chosen = (dialog: Locator) => dialog.locator('.ant-select-selection-item').allInnerTexts();

describe('a dialog opens with the record it was opened for (issue 14, item 1)', () => {
  it('users: edit director, cancel, edit executive shows the executive; a new user opens empty', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'admin');
    await page.goto('/admin/users');
    const dialog = page.getByRole('dialog');

    await button(await rowOf(page, 'director'), '编辑').click();
    await expect.poll(() => dialog.locator('#displayName').inputValue()).toBe('王主管');
    expect(await chosen(dialog)).toEqual(['销售主管']);
    await cancel(page);

    await button(await rowOf(page, 'executive'), '编辑').click();
    await expect.poll(() => dialog.locator('#username').inputValue()).toBe('executive');
    expect(await dialog.locator('#displayName').inputValue()).toBe('赵总');
    expect(await chosen(dialog)).toEqual(['高管']);

    // unsaved edits: cancelling asks first; keep editing keeps them, discarding closes
    await dialog.locator('#displayName').fill('改了但取消');
    await button(dialog, '取消').click();
    const question = page.locator('.ant-modal-confirm');
    await question.locator('.ant-modal-confirm-title', { hasText: '放弃未保存的修改？' }).waitFor();
    await button(question, '继续编辑').click();
    await question.waitFor({ state: 'hidden' });
    expect(await dialog.locator('#displayName').inputValue()).toBe('改了但取消');
    await cancel(page, '取消', '放弃修改');

    await button(page, '新建用户').click();
    await expect.poll(() => dialog.locator('#username').inputValue()).toBe('');
    expect(await dialog.locator('#displayName').inputValue()).toBe('');
    expect(await chosen(dialog)).toEqual([]);
    await cancel(page);

    // nothing was written onto anyone
    const users = (await (await page.request.get('/api/v1/users?pageSize=100')).json()).items as {
      username: string;
      displayName: string;
    }[];
    expect(users.find((u) => u.username === 'executive')?.displayName).toBe('赵总');
    expect(users.find((u) => u.username === 'director')?.displayName).toBe('王主管');
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('roles: edit executive, cancel, edit director shows the director’s permissions', async () => {
    const page = await newPage('en');
    await signIn(page, 'admin');
    await page.goto('/admin/roles');
    const dialog = page.getByRole('dialog');
    const checkedCodes = () => dialog.locator('.permission-picker .ant-checkbox-wrapper-checked code').allInnerTexts();
    const roles = (await (await page.request.get('/api/v1/roles')).json()) as { code: string; permissions: string[] }[];
    const permissionsOf = (code: string) => [...roles.find((r) => r.code === code)!.permissions].sort();

    await button(await rowOf(page, 'executive'), 'Edit').click();
    await expect.poll(async () => (await checkedCodes()).sort()).toEqual(permissionsOf('executive'));
    await cancel(page, 'Cancel');

    await button(await rowOf(page, 'director'), 'Edit').click();
    await expect.poll(async () => (await checkedCodes()).sort()).toEqual(permissionsOf('director'));
    expect(await dialog.locator('#code').inputValue()).toBe('director');
    await cancel(page, 'Cancel');

    await button(page, 'New role').click();
    await expect.poll(() => dialog.locator('#code').inputValue()).toBe('');
    expect(await checkedCodes()).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('dictionary: edit one entry, cancel, edit another shows the other; a new entry opens empty', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'admin');
    await page.goto('/dictionary?type=region');
    const dialog = page.getByRole('dialog');
    const entries = (await (await page.request.get('/api/v1/dictionary?type=region')).json()).items as {
      item: string;
      editable: boolean;
    }[];
    const [first, second] = entries.filter((e) => e.editable);

    await action(await rowOf(page, first!.item), '编辑').click();
    await expect.poll(() => dialog.locator('#item').inputValue()).toBe(first!.item);
    await cancel(page);

    await action(await rowOf(page, second!.item), '编辑').click();
    await expect.poll(() => dialog.locator('#item').inputValue()).toBe(second!.item);
    await dialog.locator('#item').fill('未保存的修改');
    await cancel(page, '取消', '放弃修改');

    await button(page, '新建条目').click();
    await expect.poll(() => dialog.locator('#item').isVisible()).toBe(true);
    expect(await dialog.locator('#item').inputValue()).toBe('');
    expect(await dialog.locator('#value').inputValue()).toBe('');
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
