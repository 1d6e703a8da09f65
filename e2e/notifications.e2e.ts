import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  api,
  button,
  layoutProblems,
  navigate,
  seriousA11yViolations,
  signIn,
  toast,
  unexpectedProblems,
  useBrowser,
  pickOption,
} from './browser.ts';

/**
 * Work that finds its person (docs/notifications.md): the director assigns a service; the manager's bell, open in
 * another browser, shows it at once — no reload — and opening it leads to the service.
 */
const newPage = useBrowser();

const bell = (page: Page) => page.getByRole('button', { name: /^(消息提醒|Notifications)/ });
const unreadOf = async (page: Page) => {
  const label = (await bell(page).getAttribute('aria-label')) ?? '';
  return Number(/(\d+)/.exec(label)?.[1] ?? 0);
};

describe('live notifications (消息提醒)', () => {
  it('the manager’s bell shows a service the director assigns, without a reload', async () => {
    const summary = `通知测试${Date.now().toString(36)}`;
    const manager = await newPage('zh-CN');
    await signIn(manager, 'manager1');
    await api(manager, 'POST', '/notifications/read-all');
    await manager.reload();
    await bell(manager).waitFor();
    await expect.poll(() => unreadOf(manager)).toBe(0);
    const customer = (await api(manager, 'GET', '/customers?pageSize=1&pool=false')).items[0];
    const types = await api(manager, 'GET', '/dictionary?type=serviceType&pageSize=1');
    const created = await api(manager, 'POST', '/services', {
      typeId: types.items[0].id,
      summary,
      customerId: customer.id,
      request: '客户来电要求上门调试设备',
    });

    // the director assigns it on the 服务分配 page
    const director = await newPage('en');
    await signIn(director, 'director');
    await navigate(director, 'Assign services');
    const row = director.locator('.ant-table-row', { hasText: summary });
    await row.waitFor();
    await row.getByRole('button', { name: /^Assign FW/ }).click();
    const dialog = director.getByRole('dialog');
    await dialog.locator('#assigneeId').click();
    await pickOption(director, '李经理');
    await button(dialog, 'Assign').click();
    await toast(director, 'Assigned').waitFor();

    // the manager's page, untouched since, counts it and lists it
    await expect.poll(() => unreadOf(manager), { timeout: 5_000 }).toBe(1);
    await bell(manager).click();
    const drawer: Locator = manager.locator('.notification-drawer');
    const item = drawer.locator('.notification-item', { hasText: summary });
    await item.waitFor();
    expect(await item.textContent()).toContain(created.number);
    expect(await layoutProblems(manager)).toEqual([]);
    await manager.mouse.move(0, 0);
    expect(await seriousA11yViolations(manager)).toEqual([]);
    await item.click();
    await manager.waitForURL(`**/services/${created.id}`);
    await expect.poll(() => unreadOf(manager)).toBe(0);
    expect(unexpectedProblems(manager)).toEqual([]);
    expect(unexpectedProblems(director)).toEqual([]);
  });

  it('my notification settings: the kinds by email, saved', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager2');
    await bell(page).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.waitForURL('**/me/notification-settings');
    const box = page.getByRole('checkbox', { name: 'A service assigned to me Email' });
    await box.waitFor();
    const was = await box.isChecked();
    await box.click();
    await button(page, 'Save').click();
    await toast(page, 'Saved successfully').waitFor();
    const saved = await api(page, 'GET', '/me/notification-settings');
    expect(saved.email['service.assigned']).toBe(!was);
    expect(await layoutProblems(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
