import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  button,
  navigate,
  openStep,
  pickOption,
  rowAction,
  seriousA11yViolations,
  signIn,
  toast,
  unexpectedProblems,
  useBrowser,
} from './browser.ts';

const newPage = useBrowser();
async function a11yViolations(page: Page) {
  await page.mouse.move(0, 0); // a hovered button is lighter on purpose
  await expect
    .poll(() => page.locator('.full-page-spin, .ant-spin-spinning, .ant-spin-blur, .ant-modal-mask').count())
    .toBe(0);
  return seriousA11yViolations(page);
}

/** Gives `stars` (1–5) in the feedback dialog's star picker. */
const giveStars = (dialog: Locator, stars: number) =>
  dialog
    .locator('.ant-rate-star')
    .nth(stars - 1)
    .locator('div')
    .first()
    .click();

describe('the customer-service journey (docs/product.md#customer-service)', () => {
  it('a manager creates a service, the director assigns it, the manager handles it, records feedback twice and finds it archived', async () => {
    const summary = `端到端服务${Date.now().toString(36)}`;

    // 1. 服务创建: manager1 records the request; after saving the form is empty for the next one
    const manager = await newPage('zh-CN');
    await signIn(manager, 'manager1');
    await navigate(manager, '服务创建');
    await manager.waitForURL('**/services/new');
    await button(manager, '保存').click();
    await manager.getByText('请选择服务类型').waitFor();
    await manager.locator('#typeId').click();
    await pickOption(manager, '投诉');
    await manager.locator('#customerId').click();
    await pickOption(manager);
    await manager.locator('#summary').fill(summary);
    await manager.locator('#request').fill('客户来电投诉：上批货物包装破损');
    await button(manager, '保存').click();
    await toast(manager, '保存成功').waitFor();
    await expect.poll(() => manager.locator('#summary').inputValue()).toBe('');
    expect(await manager.locator('#request').inputValue()).toBe('');
    expect(await manager.locator('.ant-form-item-has-error').count()).toBe(0);

    // 2. 服务分配: the director (in English) assigns it to 李经理
    const director = await newPage('en');
    await signIn(director, 'director');
    const newRow = await openStep(director, 'Assign services', '/services/assign', summary);
    await rowAction(newRow, 'Assign').click();
    const assignDialog = director.getByRole('dialog');
    await assignDialog.getByText('客户来电投诉：上批货物包装破损').waitFor();
    await assignDialog.locator('#assigneeId').click();
    await pickOption(director, '李经理');
    await button(assignDialog, 'Assign').click();
    await toast(director, 'Assigned').waitFor();
    await newRow.waitFor({ state: 'detached' });
    expect(await a11yViolations(director)).toEqual([]);

    // 3. 服务处理: manager1 handles it
    let row = await openStep(manager, '服务处理', '/services/handle', summary);
    await rowAction(row, '处理').click();
    let dialog = manager.getByRole('dialog');
    await dialog.locator('#handling').fill('已补发货物并致歉');
    await button(dialog, '保存处理').click();
    await toast(manager, '已处理，等待反馈').waitFor();

    // 4. 服务反馈: the customer is dissatisfied (2 stars): back to 服务处理
    row = await openStep(manager, '服务反馈', '/services/feedback', summary);
    await rowAction(row, '反馈').click();
    dialog = manager.getByRole('dialog');
    await dialog.locator('#result').fill('客户认为补发太慢');
    await giveStars(dialog, 2);
    await dialog.getByText('低于 3 星').waitFor();
    await button(dialog, '保存反馈').click();
    await toast(manager, '客户不满意，服务已退回重新处理').waitFor();

    row = await openStep(manager, '服务处理', '/services/handle', summary);
    await rowAction(row, '处理').click();
    dialog = manager.getByRole('dialog');
    await dialog.getByText('客户认为补发太慢').waitFor();
    await dialog.locator('#handling').fill('加急专车送货上门');
    await button(dialog, '保存处理').click();
    await toast(manager, '已处理，等待反馈').waitFor();

    row = await openStep(manager, '服务反馈', '/services/feedback', summary);
    await rowAction(row, '反馈').click();
    dialog = manager.getByRole('dialog');
    await dialog.locator('#result').fill('客户满意');
    await giveStars(dialog, 4);
    await button(dialog, '保存反馈').click();
    await toast(manager, '服务已归档').waitFor();

    // 5. 服务归档: found archived by its summary; the detail shows both rounds
    await navigate(manager, '服务归档');
    await manager.waitForURL('**/services');
    await manager.getByLabel('概要').fill(summary);
    await button(manager, '查询').click();
    row = manager.locator('.ant-table-row', { hasText: summary });
    await row.waitFor();
    await expect.poll(() => manager.locator('.ant-table-row').count()).toBe(1);
    expect(await row.textContent()).toContain('已归档');
    expect(await a11yViolations(manager)).toEqual([]);
    await row.getByRole('link', { name: /^查看/ }).click();
    await manager.waitForURL(/\/services\/\d+$/);
    const history = manager.getByTestId('service-history');
    await history.waitFor();
    const text = await history.textContent();
    for (const step of ['已补发货物并致歉', '客户认为补发太慢', '加急专车送货上门', '客户满意', '分配给 李经理'])
      expect(text).toContain(step);
    expect(await manager.locator('[data-testid="service-history"] .ant-timeline-item').count()).toBe(6);
    expect(await a11yViolations(manager)).toEqual([]);

    expect(unexpectedProblems(manager)).toEqual([]);
    expect(unexpectedProblems(director)).toEqual([]);
  }, 300_000);
});
