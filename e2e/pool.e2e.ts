import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  api,
  button,
  navigate,
  openPage,
  seriousA11yViolations,
  sharedPage,
  signIn,
  toast,
  unexpectedProblems,
} from './browser.ts';

/**
 * The customer pool (docs/organisation.md#customer-pool): a manager claims a pool customer from 公海客户 — it becomes
 * theirs — and releases it again with a reason from its page — it is back in the pool, and 公海记录 shows both.
 */
const { browser, page } = await sharedPage();

/** A customer in the pool, made through the API by a director: entered for another manager, then released. */
async function poolCustomer(notFor: number): Promise<{ id: number; name: string }> {
  const { page: director } = await openPage(browser, 'zh-CN');
  try {
    await signIn(director, 'director');
    const managers = (await api(director, 'GET', '/assignees')) as { id: number; displayName: string }[];
    const dictionary = async (type: string) =>
      ((await api(director, 'GET', `/dictionary?type=${type}`)) as { items: { id: number }[] }).items[0]!.id;
    const name = `公海旅程客户${Date.now().toString(36)}有限公司`;
    const created = await api(director, 'POST', '/customers', {
      name,
      regionId: await dictionary('region'),
      levelId: await dictionary('customerLevel'),
      managerId: managers.find((m) => m.id !== notFor)!.id,
      satisfaction: 3,
      credit: 3,
      phone: '13812345678',
    });
    await api(director, 'POST', `/customers/${created.id}/release`, { reason: '原客户经理调岗' });
    return { id: created.id, name };
  } finally {
    await director.context().close();
  }
}

const historyActions = async (p: Page) => {
  await p.getByRole('tab', { name: '公海记录' }).click();
  const rows = p.getByRole('tabpanel').locator('.ant-table-row');
  await rows.first().waitFor();
  return rows.allTextContents();
};

describe('the customer pool journey', () => {
  it('a manager claims a pool customer and releases it again with a reason', async () => {
    await signIn(page, 'manager1');
    const me = (await api(page, 'GET', '/auth/me')).user as { id: number };
    const customer = await poolCustomer(me.id);

    await navigate(page, '公海客户');
    await page.waitForURL('**/customer-pool');
    await expect.poll(() => page.locator('h1').textContent()).toBe('公海客户');
    await page.getByLabel('客户名称').fill(customer.name);
    await button(page, '查询').click();
    const row = page.locator('.ant-table-row', { hasText: customer.name });
    await row.waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await page.mouse.move(0, 0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `领取 ${customer.name}` }).click();
    await toast(page, '领取成功').waitFor();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: customer.name }).count()).toBe(0);
    expect((await api(page, 'GET', `/customers/${customer.id}`)).managerId).toBe(me.id);
    // among their customers now
    const mine = await api(page, 'GET', `/customers?managerId=${me.id}&name=${encodeURIComponent(customer.name)}`);
    expect(mine.total).toBe(1);

    await page.goto(`/customers/${customer.id}`);
    await button(page, '释放到公海').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确定释放吗').waitFor();
    await dialog.locator('#pool-release_reason').fill('客户业务转向海外，暂不跟进');
    await button(dialog, '确认释放').click();
    await toast(page, '已释放到公海').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    expect((await api(page, 'GET', `/customers/${customer.id}`)).managerId).toBeNull();
    const pool = await api(page, 'GET', `/customer-pool?name=${encodeURIComponent(customer.name)}`);
    expect(pool.items).toEqual([
      expect.objectContaining({ id: customer.id, reason: 'released', phone: '138****5678' }),
    ]);

    const actions = await historyActions(page);
    expect(actions).toHaveLength(3);
    expect(actions[0]).toContain('释放到公海');
    expect(actions[0]).toContain('客户业务转向海外，暂不跟进');
    expect(actions[1]).toContain('领取');
    expect(actions[2]).toContain('原客户经理调岗');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
