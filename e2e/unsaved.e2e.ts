import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, completeCustomerOf, openMenu, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Issue 14, item 3: the customer page shows the record read-only with an Edit action, and a page or dialog with
 * unsaved edits asks before it is left — another tab of the page, the menu, a reload, a cancelled dialog.
 */
const newPage = useBrowser();

/** A customer of manager1 (the list answers only what the user may see). */
const question = (page: Page) => page.locator('.ant-modal-confirm');

/** Clicks a tab of the page and waits until it shows (the address changes before the page has re-rendered). */
async function openTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name });
  await tab.click();
  await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
}

describe('unsaved edits are not lost without asking', () => {
  it('the customer page: read-only until Edit; another tab, the menu and a reload ask first (zh-CN)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    const customer = await completeCustomerOf(page);
    await page.goto(`/customers/${customer.id}?tab=details`);

    // read-only: the record as text, no field to type in until 编辑客户信息
    const details = page.getByTestId('customer-details');
    await details.waitFor();
    expect(await details.textContent()).toContain(customer.name);
    expect(await page.locator('#customer_name').count()).toBe(0);
    await button(page, '编辑客户信息').click();
    const name = page.locator('#customer_name');
    await expect.poll(() => name.inputValue()).toBe(customer.name);

    // nothing changed yet: another tab opens without a question
    await openTab(page, '联系人');
    expect(page.url()).toContain('tab=contacts');
    await openTab(page, '客户信息');
    await button(page, '编辑客户信息').click();
    await name.fill(`${customer.name}（未保存）`);

    // another tab of the page: asked; staying keeps the edit
    await page.getByRole('tab', { name: '联系人' }).click();
    await question(page).locator('.ant-modal-confirm-title', { hasText: '放弃未保存的修改？' }).waitFor();
    await button(question(page), '继续编辑').click();
    await question(page).waitFor({ state: 'hidden' });
    expect(page.url()).not.toContain('tab=contacts');
    expect(await name.inputValue()).toBe(`${customer.name}（未保存）`);

    // a reload: the browser's own question (dismissed: the page stays, with the edit)
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.type());
      void d.dismiss();
    });
    await page.reload({ timeout: 5_000 }).catch(() => undefined);
    await expect.poll(() => asked).toEqual(['beforeunload']);
    expect(await name.inputValue()).toBe(`${customer.name}（未保存）`);

    // the menu: asked; leaving discards the edit and goes
    await (await openMenu(page)).getByRole('menuitem', { name: '销售机会管理' }).click();
    await button(question(page), '放弃修改').click();
    await page.waitForURL('**/opportunities');
    const stored = await (await page.request.get(`/api/v1/customers/${customer.id}`)).json();
    expect(stored.name).toBe(customer.name);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('a saved edit leaves without a question and shows the record read-only again (en)', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager1');
    const customer = await completeCustomerOf(page);
    await page.goto(`/customers/${customer.id}?tab=details`);
    await button(page, 'Edit the customer').click();
    await page.locator('#customer_address').fill('No. 1 Unsaved Road');
    await button(page, 'Cancel').click();
    await question(page).locator('.ant-modal-confirm-title', { hasText: 'Discard unsaved changes?' }).waitFor();
    await button(question(page), 'Keep editing').click();
    await question(page).waitFor({ state: 'hidden' });
    await button(page, 'Save').click();
    await toast(page, 'Saved successfully').waitFor();
    await expect.poll(() => page.getByTestId('customer-details').textContent()).toContain('No. 1 Unsaved Road');
    await (await openMenu(page)).getByRole('menuitem', { name: 'Sales opportunities' }).click();
    await page.waitForURL('**/opportunities');
    expect(await question(page).count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('a dialog with unsaved edits asks before it closes, and before the page is left (en)', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager1');
    // in the app (not a page load), so that back is the app's own navigation
    await (await openMenu(page)).getByRole('menuitem', { name: 'Sales opportunities' }).click();
    await page.waitForURL('**/opportunities');
    await button(page, 'New opportunity').click();
    const dialog = page.locator('.ant-modal:not(.ant-modal-confirm)');
    await dialog.locator('#opportunity_customerName').fill('Unsaved Ltd');
    // Escape cancels: asked
    await page.keyboard.press('Escape');
    await button(question(page), 'Keep editing').click();
    expect(await dialog.locator('#opportunity_customerName').inputValue()).toBe('Unsaved Ltd');
    // back in the browser while the dialog holds edits: asked too
    await page.goBack();
    await question(page).locator('.ant-modal-confirm-title', { hasText: 'Discard unsaved changes?' }).waitFor();
    await button(question(page), 'Keep editing').click();
    expect(page.url()).toContain('/opportunities');
    await button(dialog, 'Cancel').click();
    await button(question(page), 'Discard changes').click();
    await dialog.waitFor({ state: 'hidden' });
    // reopened: empty, and nothing to ask about
    await button(page, 'New opportunity').click();
    await expect.poll(() => dialog.locator('#opportunity_customerName').inputValue()).toBe('');
    await button(dialog, 'Cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
