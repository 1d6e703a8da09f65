import { describe, expect, it } from 'vitest';
import {
  api,
  button,
  layoutProblems,
  navigate,
  newCustomer,
  seriousA11yViolations,
  signIn,
  toast,
  unexpectedProblems,
  useBrowser,
} from './browser.ts';

/**
 * Duplicates and merge (docs/duplicates-and-merge.md): a director scans for duplicates (查重合并), finds two customers
 * with the same phone, merges the newer into the older keeping the newer one's address, sees what moved, finds the
 * moved contact on the survivor, and sees the merged customer read-only with a link to the survivor. The journey makes
 * its own customers, so the demo's records stay as they are for the other journeys. The e2e harness has no way to
 * write orders into the sales system, so the moved contact stands for what follows the survivor.
 */
const newPage = useBrowser();
const stamp = Date.now().toString(36);
const phone = `0571-8${String(Date.now()).slice(-7)}`;

describe('duplicates and merge', () => {
  it('a director scans, merges two customers with the same phone and keeps a field of the newer one', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    const [manager] = (await api(page, 'GET', '/assignees')) as [{ id: number }];
    const older = await newCustomer(page, `合并甲${stamp}`, manager.id, { phone, address: `甲路1号${stamp}` });
    const newer = await newCustomer(page, `合并乙${stamp}`, manager.id, { phone, address: `乙路2号${stamp}` });
    const contact = `合并联系人${stamp}`;
    await api(page, 'POST', `/customers/${newer.id}/contacts`, {
      name: contact,
      sex: 'male',
      position: '经理',
      officePhone: '0571-88886666',
    });

    await navigate(page, '查重合并');
    await page.getByRole('heading', { level: 1, name: '查重合并' }).waitFor();
    await button(page, '重新查重').click();
    await toast(page, '查重完成').waitFor();
    const row = page.locator('.ant-table-row', { hasText: older.name }).filter({ hasText: newer.name }).first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/电话相同|名称相近/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
    await row.getByRole('button', { name: /^合并/ }).click();

    await page.getByRole('heading', { level: 1, name: '合并客户' }).waitFor();
    // the oldest is the survivor unless chosen otherwise
    const survivors = page.getByRole('radio', { name: '保留此客户' });
    await expect.poll(() => survivors.count()).toBe(2);
    expect(await survivors.first().isChecked()).toBe(true);
    const address = page.getByTestId('merge-field-address');
    await address.getByText(newer.address).click();
    expect(await address.getByRole('radio').nth(1).isChecked()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
    await button(page, '合并').last().click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.locator('.ant-modal-confirm-title', { hasText: '确认合并？' }).waitFor();
    expect(await dialog.textContent()).toContain('只读');
    await button(dialog, '合并').click();

    await page.getByText('合并完成').waitFor();
    const result = await page.locator('.ant-result').textContent();
    expect(result).toContain(newer.number);
    expect(result).toContain('联系人 1 个');
    await page.getByRole('link', { name: '查看保留的客户' }).click();
    await page.waitForURL(`**/customers/${older.id}`);
    expect((await api(page, 'GET', `/customers/${older.id}`)).address).toBe(newer.address);
    await page.goto(`/customers/${older.id}?tab=contacts`);
    await page.getByText(contact).first().waitFor();

    await page.goto(`/customers/${newer.id}?tab=details`);
    await page.getByText('该客户已合并到另一客户，信息只读。').waitFor();
    expect(await page.getByRole('link', { name: '查看合并后的客户' }).getAttribute('href')).toBe(
      `/customers/${older.id}`,
    );
    await page.getByRole('tab', { name: '客户信息', selected: true }).waitFor();
    expect(await button(page, '编辑客户信息').count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
