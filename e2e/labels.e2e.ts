import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, button, isPhone, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Issue 14, item 10: labels and links that say what they are — the customer's name links the customer, an
 * unassigned opportunity's page is not a development plan, one name for one action, workbench times with a label that
 * the lists agree with, the service archive shows archived services, orders with their amounts, and a failed
 * opportunity keeps the reason it failed.
 */
const newPage = useBrowser();

const rowOf = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text }).first();
const time = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

describe('labels and links', () => {
  it('the opportunity list links the customer once there is one, and the opportunity by its summary (zh-CN)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    const succeeded = (await api(page, 'GET', '/opportunities?status=succeeded&pageSize=100')).items.find(
      (o: { customerId: number | null }) => o.customerId,
    );
    await page.goto(`/opportunities?customerName=${encodeURIComponent(succeeded.customerName)}`);
    const row = rowOf(page, succeeded.customerName);
    await row.waitFor();
    expect(await row.getByRole('link', { name: succeeded.customerName }).getAttribute('href')).toBe(
      `/customers/${succeeded.customerId}`,
    );
    expect(await row.getByRole('link', { name: succeeded.summary }).getAttribute('href')).toBe(
      `/opportunities/${succeeded.id}`,
    );
    // without a customer, the name is no link at all
    await page.goto('/opportunities?status=unassigned');
    const unassigned = page.locator('.ant-table-row').first();
    await unassigned.waitFor();
    const name = (await unassigned.locator('td').first().textContent())!;
    expect(await unassigned.getByRole('link', { name, exact: true }).count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  for (const [lang, opportunityTitle, planTitle, action] of [
    ['zh-CN', '销售机会', '客户开发计划', '开发计划'],
    ['en', 'Sales opportunity', 'Customer development plan', 'Development plan'],
  ] as const) {
    it(`an unassigned opportunity's page is the opportunity; the plan link has one name on both lists (${lang})`, async () => {
      const page = await newPage(lang);
      await signIn(page, 'manager1');
      const unassigned = (await api(page, 'GET', '/opportunities?status=unassigned&pageSize=1')).items[0];
      await page.goto(`/opportunities/${unassigned.id}`);
      await expect
        .poll(() => page.locator('h1').textContent())
        .toBe(`${opportunityTitle} · ${unassigned.customerName}`);
      const assigned = (await api(page, 'GET', '/opportunities?status=assigned&pageSize=100')).items.find(
        (o: { assignee: { displayName: string } }) => o.assignee.displayName === '李经理',
      );
      await page.goto(`/opportunities/${assigned.id}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe(`${planTitle} · ${assigned.customerName}`);
      for (const list of ['/opportunities', '/development-plans']) {
        await page.goto(`${list}?status=assigned&summary=${encodeURIComponent(assigned.summary)}`);
        const row = rowOf(page, assigned.summary);
        await row.waitFor();
        await row.getByRole('link', { name: new RegExp(`${action}$`) }).waitFor();
      }
      expect(unexpectedProblems(page)).toEqual([]);
    });
  }

  it('workbench times say what they are, and the lists show the same time (zh-CN)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    const card = page.getByTestId('workbench-opportunitiesToDevelop');
    const item = card.locator('.ant-list-item').first();
    await item.waitFor();
    const label = (await item.textContent())!;
    const at = /指派于 (\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(label)?.[1];
    expect(at, label).toBeDefined();
    const title = (await item.locator('.ant-list-item-meta-title').textContent())!;
    await item.getByRole('link').click();
    await page.waitForURL(/\/opportunities\/\d+$/);
    const id = Number(/(\d+)$/.exec(page.url())![1]);
    const opportunity = await api(page, 'GET', `/opportunities/${id}`);
    expect(time(opportunity.assignedAt)).toBe(at);
    if (isPhone) {
      // a phone's list shows the key columns only; the opportunity's page has the time (rules of the house, rule 6)
      await expect.poll(() => page.locator('.ant-descriptions').first().textContent()).toContain(at);
    } else {
      // the card's list shows that time in its 指派时间 column
      await page.goto(`/opportunities?status=assigned&summary=${encodeURIComponent(title)}`);
      const row = rowOf(page, title);
      await row.waitFor();
      expect(await row.textContent()).toContain(at);
      const header = await page.locator('.ant-table-thead th').allTextContents();
      expect(header).toContain('指派时间');
    }

    // churn warnings say "last order", services to handle "assigned", and their list shows 分配时间
    await page.goto('/');
    const churn = page.getByTestId('workbench-churnWarnings').locator('.ant-list-item').first();
    await churn.waitFor();
    expect(await churn.textContent()).toMatch(/上次下单 \d{4}-\d{2}-\d{2}|从未下单/);
    await page.goto('/services/handle');
    if (!isPhone) await page.locator('.ant-table-thead th', { hasText: '分配时间' }).waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  for (const [lang, archived, all, amount] of [
    ['zh-CN', '已归档', '全部状态', '金额(元)'],
    ['en', 'Archived', 'All statuses', 'Amount (yuan)'],
  ] as const) {
    it(`the service archive shows archived services unless asked otherwise; orders show their amounts (${lang})`, async () => {
      const page = await newPage(lang);
      await signIn(page, 'director');
      await page.goto('/services');
      await page.locator('.ant-table-row').first().waitFor();
      // the status tags (not the source's 门户 or the overdue 超时 beside a summary)
      const statuses = () => page.locator('.ant-table-row td .ant-tag:not([data-testid])').allTextContents();
      await expect.poll(async () => new Set(await statuses())).toEqual(new Set([archived]));
      await page.locator('#filters_status').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: all }).click();
      await button(page, lang === 'en' ? 'Search' : '查询').click();
      await page.waitForURL(/status=all/);
      await expect.poll(async () => new Set(await statuses()).size).toBeGreaterThan(1);

      // a customer with orders: the list shows each order's amount, the same as its detail's total
      const customers = (await api(page, 'GET', '/customers?pageSize=50')).items as { id: number }[];
      let customerId = 0;
      for (const c of customers) {
        if ((await api(page, 'GET', `/customers/${c.id}/orders?pageSize=1`)).total > 0) {
          customerId = c.id;
          break;
        }
      }
      expect(customerId).toBeGreaterThan(0);
      await page.goto(`/customers/${customerId}?tab=orders`);
      await page.locator('.ant-table-thead th', { hasText: amount }).waitFor();
      const order = page.locator('.ant-table-row').first();
      await order.waitFor();
      const listed = (await order.locator('td').allTextContents()).find((c) => /^[\d,]+\.\d{2}$/.test(c));
      expect(listed).toBeDefined();
      await button(order, lang === 'en' ? 'Details' : '查看明细').click();
      expect(await page.getByRole('dialog').getByTestId('order-total').innerText()).toBe(listed);
      expect(unexpectedProblems(page)).toEqual([]);
    });
  }

  for (const [lang, end, reasonLabel, required] of [
    ['zh-CN', '终止开发', '终止原因', '请填写终止原因'],
    ['en', 'End development', 'Reason for ending', 'Please enter Reason for ending'],
  ] as const) {
    it(`ending an opportunity's development asks why, and the page shows it (${lang})`, async () => {
      const page = await newPage(lang);
      await signIn(page, 'director');
      const customerName = `失败原因${lang}${Date.now().toString(36)}`;
      const o = await api(page, 'POST', '/opportunities', {
        customerName,
        successRate: 30,
        summary: '终止测试',
        description: '终止测试',
      });
      const managers = (await api(page, 'GET', '/assignees')) as { id: number }[];
      await api(page, 'POST', `/opportunities/${o.id}/assign`, { assigneeId: managers[0]!.id });
      await page.goto(`/opportunities/${o.id}`);
      await button(page, end).click();
      const dialog = page.locator('.ant-modal:not(.ant-modal-confirm)');
      await button(dialog, end).click();
      await dialog.getByText(required).waitFor();
      await dialog.locator('#fail_reason').fill('客户预算取消');
      await button(dialog, end).click();
      await toast(page, lang === 'en' ? 'Done' : '操作成功').waitFor();
      const details = page.locator('.ant-descriptions');
      await expect.poll(() => details.textContent()).toContain('客户预算取消');
      expect(await details.textContent()).toContain(reasonLabel);
      expect((await api(page, 'GET', `/opportunities/${o.id}`)).failReason).toBe('客户预算取消');
      expect(unexpectedProblems(page)).toEqual([]);
    });
  }
});
