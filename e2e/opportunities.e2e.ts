import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, navigate, seriousA11yViolations, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

const newPage = useBrowser();

/**
 * axe only on a settled page: a reloading table is dimmed on purpose, and a hovered button is lighter; both would fail
 * the contrast rule for reasons a reader never sees.
 */
async function a11yViolations(page: Page) {
  await page.mouse.move(0, 0);
  await expect
    .poll(() => page.locator('.full-page-spin, .ant-spin-spinning, .ant-spin-blur, .ant-modal-mask').count())
    .toBe(0);
  return seriousA11yViolations(page);
}

async function openOpportunities(page: Page, customerName: string) {
  await navigate(page, '销售机会管理');
  await page.waitForURL('**/opportunities');
  await page.getByLabel('客户名称').fill(customerName);
  await button(page, '查询').click();
  const row = page.locator('.ant-table-row', { hasText: customerName });
  await row.waitFor();
  return row;
}

describe('the opportunities journey (docs/product.md#opportunities + docs/product.md#development-plans)', () => {
  it('a manager creates an opportunity, the director assigns it, the manager plans, records a result and closes it successfully', async () => {
    const customerName = `端到端客户${Date.now().toString(36)}`;

    // 1. manager1 creates the opportunity; the form refuses to submit with required fields empty
    const manager = await newPage();
    await signIn(manager, 'manager1');
    await navigate(manager, '销售机会管理');
    await manager.waitForURL('**/opportunities');
    await button(manager, '新建销售机会').click();
    const form = manager.getByRole('dialog');
    await button(form, '保存').click();
    await form.getByText('请填写客户名称').waitFor();
    await form.locator('#opportunity_customerName').fill(customerName);
    await form.locator('#opportunity_source').fill('展会');
    await form.locator('#opportunity_successRate').fill('65');
    await form.locator('#opportunity_summary').fill('采购服务器');
    await form.locator('#opportunity_contactName').fill('马女士');
    await form.locator('#opportunity_contactPhone').fill('13912345678');
    await form.locator('#opportunity_description').fill('客户机房扩容，需要十台服务器');
    await button(form, '保存').click();
    await toast(manager, '保存成功').waitFor();
    await form.waitFor({ state: 'hidden' });
    const created = await openOpportunities(manager, customerName);
    expect(await created.textContent()).toContain('未分配');

    // 2. the director assigns it to manager1 (李经理)
    const director = await newPage();
    await signIn(director, 'director');
    const row = await openOpportunities(director, customerName);
    await button(row, '指派').click();
    const dialog = director.getByRole('dialog');
    await dialog.locator('#assign_assigneeId').click();
    await director.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '李经理' }).click();
    await button(dialog, '指派').click();
    await toast(director, '指派成功').waitFor();
    await expect.poll(() => row.textContent()).toContain('开发中');

    // 3. manager1 opens the plan page: the opportunity's details above its plan items; adds an item, records its result
    await manager.reload();
    const assigned = manager.locator('.ant-table-row', { hasText: customerName });
    await expect.poll(() => assigned.textContent()).toContain('开发中');
    // the summary opens the opportunity (the customer's name links a customer, once there is one)
    await assigned.getByRole('link', { name: '采购服务器' }).click();
    await manager.waitForURL(/\/opportunities\/\d+$/);
    await manager.getByText('客户机房扩容，需要十台服务器').waitFor();
    await button(manager, '添加计划项').click();
    const addItem = manager.getByRole('dialog');
    await addItem.locator('#plan-item_content').fill('上门拜访马女士，演示产品');
    await button(addItem, '保存').click();
    await toast(manager, '保存成功').waitFor();
    await addItem.waitFor({ state: 'hidden' });
    const item = manager.locator('[data-testid="plan-items"] .ant-table-row', { hasText: '上门拜访马女士' });
    await item.waitFor();
    expect(await item.textContent()).toContain('未记录');
    await button(item, '记录执行效果').click();
    const result = manager.getByRole('dialog');
    await result.locator('#plan-item_result').fill('客户确认下单');
    await button(result, '保存').click();
    await result.waitFor({ state: 'hidden' });
    await expect.poll(() => item.textContent()).toContain('客户确认下单');

    // 4. success, after a confirmation: 「操作成功」, and the customer exists with manager1 as its manager
    await button(manager, '开发成功').click();
    const confirm = manager.locator('.ant-modal-confirm', {
      has: manager.locator('.ant-modal-confirm-title', { hasText: '确认开发成功？' }),
    });
    await button(confirm.locator('.ant-modal-confirm-btns'), '开发成功').click();
    await toast(manager, '操作成功').waitFor();
    await manager.locator('.ant-descriptions').getByText('开发成功').waitFor();
    await manager.getByRole('link', { name: '查看客户' }).waitFor();
    await expect
      .poll(() =>
        manager
          .locator('[data-testid="plan-items"]')
          .getByRole('button', { name: /记录执行效果/ })
          .count(),
      )
      .toBe(0);

    // 5. the new customer is in the customer list, with manager1 as its manager
    await navigate(manager, '客户信息');
    await manager.waitForURL('**/customers');
    await manager.getByLabel('名称', { exact: true }).fill(customerName);
    await button(manager, '查询').click();
    const customer = manager.locator('.ant-table-row', { hasText: customerName });
    await customer.waitFor();
    expect(await customer.textContent()).toContain('李经理');

    expect(unexpectedProblems(manager)).toEqual([]);
    expect(unexpectedProblems(director)).toEqual([]);
  });

  it('the list and the plan page have no serious accessibility violations (axe-core)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    const row = await openOpportunities(page, '东方明珠酒店管理公司');
    expect(await a11yViolations(page)).toEqual([]);
    await row.getByRole('link', { name: '客房用品年度采购' }).click();
    await page.locator('[data-testid="plan-items"] .ant-table-row').first().waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('speaks English too: the development plans list shows the opportunities in development', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager1');
    await navigate(page, 'Development plans');
    await page.waitForURL('**/development-plans?status=assigned');
    const row = page.locator('.ant-table-row', { hasText: '东方明珠酒店管理公司' });
    await row.waitFor();
    expect(await row.textContent()).toContain('In development');
    await expect.poll(() => page.locator('.ant-table-row', { hasText: 'Unassigned' }).count()).toBe(0);
    await row.getByRole('link', { name: /Development plan/ }).click();
    await page.getByRole('button', { name: /Mark as succeeded/ }).waitFor();
    await page.getByText('Customer development plan · 东方明珠酒店管理公司').waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
