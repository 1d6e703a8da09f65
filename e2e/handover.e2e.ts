import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  api,
  button,
  navigate,
  newCustomer,
  seriousA11yViolations,
  signIn,
  toast,
  unexpectedProblems,
  useBrowser,
} from './browser.ts';

/**
 * Customers and work changing hands (docs/organisation.md#transfer-and-handover): a director transfers customers from
 * the customer list (转移); an administrator hands a leaving manager's work over to a successor (离职交接) and sees
 * the counts; a director does the same from 我的团队, seeing first what the leaver holds. The journey makes its own customers and its own leaving manager, so the demo's records stay as they
 * are for the other journeys.
 */
const newPage = useBrowser();

type Manager = { id: number; displayName: string };
const stamp = Date.now().toString(36);

async function pick(page: Page, dialog: ReturnType<Page['getByRole']>, name: string) {
  await dialog.getByRole('combobox').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
}

describe('transfer and handover', () => {
  it('a director transfers two customers from the list to another manager', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    const [from, to] = (await api(page, 'GET', '/assignees')) as [Manager, Manager];
    const a = await newCustomer(page, `转移甲${stamp}`, from.id);
    const b = await newCustomer(page, `转移乙${stamp}`, from.id);

    await navigate(page, '客户信息');
    await page.getByLabel('名称').fill(stamp);
    await button(page, '查询').click();
    const rows = page.locator('.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await button(page, '转移').isDisabled()).toBe(true);
    for (const row of await rows.all()) await row.locator('.ant-checkbox-input').check();
    await button(page, '转移（2）').click();
    const dialog = page.getByRole('dialog');
    await pick(page, dialog, to.displayName);
    await button(dialog, '转移').click();
    await toast(page, '已转移 2 个客户').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    for (const c of [a, b]) expect((await api(page, 'GET', `/customers/${c.id}`)).manager.id).toBe(to.id);
    // the list shows the new manager and the selection is gone
    await expect.poll(async () => (await rows.allTextContents()).every((r) => r.includes(to.displayName))).toBe(true);
    expect(await button(page, '转移').isDisabled()).toBe(true);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('an administrator hands a leaving manager’s work over and sees the counts, then disables the user', async () => {
    const admin = await newPage('en');
    await signIn(admin, 'admin');
    const username = `leaver${stamp}`;
    const leaver = await api(admin, 'POST', '/users', {
      username,
      displayName: `离职经理${stamp}`,
      password: 'long-enough',
      roles: ['manager'],
    });
    const successor = ((await api(admin, 'GET', '/assignees')) as Manager[]).find((m) => m.id !== leaver.id)!;

    // the leaver's work, made by a director: two customers and an opportunity in development
    const director = await newPage('zh-CN');
    await signIn(director, 'director');
    await newCustomer(director, `交接甲${stamp}`, leaver.id);
    await newCustomer(director, `交接乙${stamp}`, leaver.id);
    const o = await api(director, 'POST', '/opportunities', {
      customerName: `交接机会${stamp}`,
      successRate: 50,
      summary: '交接测试',
      description: '客户经理离职',
    });
    await api(director, 'POST', `/opportunities/${o.id}/assign`, { assigneeId: leaver.id });

    await navigate(admin, 'Users');
    await admin.getByLabel('Username or name').fill(username);
    await button(admin, 'Search').click();
    const row = admin.locator('.ant-table-row', { hasText: username });
    await row.waitFor();
    await button(row, 'Hand over').click();
    const dialog = admin.getByRole('dialog', { name: /Hand over/ });
    await pick(admin, dialog, successor.displayName);
    await button(dialog, 'Hand over').click();
    // not without the confirmation
    await dialog.getByText('Tick the confirmation first').waitFor();
    await dialog.getByRole('checkbox').check();
    await button(dialog, 'Hand over').click();

    const counts = admin.getByTestId('handover-counts');
    await counts.waitFor();
    const text = await counts.innerText();
    expect(text).toMatch(/Customers\s+2/);
    expect(text).toMatch(/Opportunities\s+1/);
    expect(text).toMatch(/Services\s+0/);
    expect(text).toMatch(/Churn warnings\s+0/);
    expect((await api(director, 'GET', `/opportunities/${o.id}`)).assignee.id).toBe(successor.id);

    await button(admin, `Disable “${leaver.displayName}”`).click();
    await counts.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await api(admin, 'GET', `/users/${leaver.id}`)).active).toBe(false);
    expect(unexpectedProblems(admin)).toEqual([]);
    expect(unexpectedProblems(director)).toEqual([]);
  });

  it('a director finds a leaving manager on 我的团队, sees what they hold, and hands it over there', async () => {
    const admin = await newPage('en');
    await signIn(admin, 'admin');
    const username = `teamleaver${stamp}`;
    const leaver = await api(admin, 'POST', '/users', {
      username,
      displayName: `团队离职${stamp}`,
      password: 'long-enough',
      roles: ['manager'],
    });
    const director = await newPage('zh-CN');
    await signIn(director, 'director');
    await newCustomer(director, `团队交接${stamp}`, leaver.id);
    const successor = ((await api(director, 'GET', '/assignees')) as Manager[]).find((m) => m.id !== leaver.id)!;
    // the leaver is gone already: a disabled user's work can still be handed over
    await api(admin, 'PATCH', `/users/${leaver.id}`, { active: false });

    await navigate(director, '我的团队');
    await director.getByLabel('用户名或姓名').fill(username);
    await button(director, '查询').click();
    const row = director.locator('.ant-table-row', { hasText: username });
    await row.waitFor();
    expect(await row.innerText()).toContain('已停用');
    const holds = director.getByTestId(`holds-${username}`);
    expect(await holds.innerText()).toMatch(/客户\s*1/);
    expect(await seriousA11yViolations(director)).toEqual([]);

    await button(row, '离职交接').click();
    const dialog = director.getByRole('dialog', { name: /离职交接/ });
    await pick(director, dialog, successor.displayName);
    await dialog.getByRole('checkbox').check();
    await button(dialog, '交接').click();
    const counts = director.getByTestId('handover-counts');
    await counts.waitFor();
    expect(await counts.innerText()).toMatch(/客户\s+1/);
    // a director cannot disable users: the result offers no such button
    expect(await director.getByRole('button', { name: /停用/ }).count()).toBe(0);
    await button(director.locator('.ant-modal-footer'), '关闭').click();
    await expect.poll(async () => await holds.innerText()).toMatch(/客户\s*0/);
    expect(unexpectedProblems(director)).toEqual([]);
    expect(unexpectedProblems(admin)).toEqual([]);
  });
});
