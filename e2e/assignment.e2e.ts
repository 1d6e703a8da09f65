import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, button, layoutProblems, navigate, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Work that finds its person (docs/assignment-rules.md, docs/service-sla.md): a director writes an assignment rule on
 * its page; a manager's new service of that type is assigned at once and its page says by which rule; the director
 * deletes the rule again (so the other journeys' services stay new), and the SLA report draws its chart.
 */
const newPage = useBrowser();
const stamp = Date.now().toString(36);

/** Picks an option of the dialog's select labelled `label`, then closes its dropdown by clicking the title. */
async function choose(page: Page, dialog: Locator, label: string, option: string) {
  await dialog.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  await dialog.locator('.ant-modal-title').click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

describe('assignment rules and service time limits', () => {
  it('a director creates a rule; a new service is assigned by it and shows the rule', async () => {
    const director = await newPage('zh-CN');
    await signIn(director, 'director');
    await navigate(director, '自动分配');
    await director.getByRole('heading', { name: '自动分配规则' }).waitFor();
    await button(director, '新建规则').click();
    const dialog = director.getByRole('dialog');
    const name = `建议轮流${stamp}`;
    await dialog.getByLabel('规则名称').fill(name);
    await choose(director, dialog, '服务类型', '建议');
    await choose(director, dialog, '分配给', '张经理');
    await button(dialog, '保存').click();
    await toast(director, '保存成功').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = director.locator('.ant-table-row', { hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('轮流分配');
    expect(await layoutProblems(director)).toEqual([]);

    // a manager records a suggestion: the rule gives it to 张经理 at once
    const manager = await newPage('zh-CN');
    await signIn(manager, 'manager1');
    const typeId = (await api(manager, 'GET', '/dictionary?type=serviceType')).items.find(
      (e: { item: string }) => e.item === '建议',
    ).id;
    const customerId = (await api(manager, 'GET', '/customers?pageSize=1')).items[0].id;
    const service = await api(manager, 'POST', '/services', {
      typeId,
      summary: `自动分配${stamp}`,
      customerId,
      request: '希望增加夜间配送',
    });
    expect(service).toMatchObject({
      status: 'assigned',
      assignedByRule: { name },
      assignee: { displayName: '张经理' },
    });

    await director.goto(`/services/${service.id}`);
    await expect.poll(() => director.getByTestId('assigned-by-rule').textContent()).toContain(name);
    await expect.poll(() => director.getByTestId('service-history').textContent()).toContain(`按规则「${name}」`);

    // deleted again, with confirmation
    await navigate(director, '自动分配');
    await row.waitFor();
    await button(row, '删除').click();
    await button(director.locator('.ant-popover:visible'), '删除').click();
    await toast(director, '删除成功').waitFor();
    await row.waitFor({ state: 'detached' });
    expect(unexpectedProblems(director)).toEqual([]);
    expect(unexpectedProblems(manager)).toEqual([]);
  });

  it('a director sets a time limit and reads the SLA report with its chart', async () => {
    const page = await newPage('en');
    await signIn(page, 'director');
    await navigate(page, 'Service time limits');
    await page.getByRole('heading', { name: 'Service time limits' }).waitFor();
    await page.getByLabel('建议 Handle within (hours)').fill('72');
    await button(page, 'Save').click();
    await toast(page, 'Saved successfully').waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    const limits = await api(page, 'GET', '/service-sla');
    expect(limits.find((l: { type: string }) => l.type === '建议')).toMatchObject({ handleWithinHours: 72 });

    await navigate(page, 'Time limits met');
    await page.getByTestId('report-chart').locator('canvas').first().waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThanOrEqual(3);
    expect(await layoutProblems(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
