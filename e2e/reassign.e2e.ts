import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, button, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Work stuck on a manager who left (issue 13; docs/product.md#access-control, rule 4): a director hands an assigned
 * opportunity or service to another active manager from its page (改派); the manager who has it is not offered.
 */
const newPage = useBrowser();

type Manager = { id: number; displayName: string };

async function reassign(page: Page, from: Manager, to: Manager) {
  await button(page, '改派').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.first().waitFor();
  const offered = await options.allTextContents();
  expect(offered).toContain(to.displayName);
  expect(offered).not.toContain(from.displayName);
  await options.filter({ hasText: to.displayName }).click();
  await button(dialog, '改派').click();
  await toast(page, '改派成功').waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

describe('reassigning work (改派)', () => {
  it('a director reassigns an assigned opportunity and an assigned service to another manager', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    const managers = (await api(page, 'GET', '/assignees')) as Manager[];
    expect(managers.length).toBeGreaterThanOrEqual(2);
    const [first, second] = managers as [Manager, Manager];

    const o = await api(page, 'POST', '/opportunities', {
      customerName: `改派客户${Date.now().toString(36)}`,
      successRate: 40,
      summary: '改派测试',
      description: '原客户经理离职',
    });
    await api(page, 'POST', `/opportunities/${o.id}/assign`, { assigneeId: first.id });
    await page.goto(`/opportunities/${o.id}`);
    await reassign(page, first, second);
    expect((await api(page, 'GET', `/opportunities/${o.id}`)).assignee.id).toBe(second.id);
    await expect.poll(() => page.locator('.ant-descriptions').first().textContent()).toContain(second.displayName);

    const service = (await api(page, 'GET', '/services?status=assigned&pageSize=1')).items[0];
    const holder = managers.find((m) => m.id === service.assignee.id)!;
    const other = managers.find((m) => m.id !== holder.id)!;
    await page.goto(`/services/${service.id}`);
    await reassign(page, holder, other);
    const after = await api(page, 'GET', `/services/${service.id}`);
    expect(after).toMatchObject({ status: 'assigned', assignee: { id: other.id } });
    await expect.poll(() => page.locator('.ant-descriptions').first().textContent()).toContain(other.displayName);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('offers no reassignment to a manager', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager1');
    const service = (await api(page, 'GET', '/services?status=assigned&pageSize=1')).items[0];
    await page.goto(`/services/${service.id}`);
    await page.locator('.ant-descriptions').first().waitFor();
    expect(await button(page, 'Reassign').count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
