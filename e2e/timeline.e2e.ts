import { describe, expect, it } from 'vitest';
import {
  api,
  completeCustomerOf,
  layoutProblems,
  openTab,
  seriousA11yViolations,
  sharedPage,
  signIn,
  unexpectedProblems,
} from './browser.ts';

/**
 * A customer's timeline (docs/timeline.md): a manager records a visit and edits the customer; the 动态 tab shows both,
 * newest first, each with its link.
 */
const { page } = await sharedPage();

describe('the customer timeline journey', () => {
  it('shows a new interaction record and a change of the details, newest first, with links', async () => {
    await signIn(page, 'manager1');
    const customer = await completeCustomerOf(page);
    const summary = `时间线拜访${Date.now().toString(36)}`;
    await api(page, 'POST', `/customers/${customer.id}/activities`, {
      date: new Date().toISOString().slice(0, 10),
      place: '客户公司',
      summary,
    });
    const fresh = await api(page, 'GET', `/customers/${customer.id}`);
    await api(page, 'PATCH', `/customers/${customer.id}`, {
      version: fresh.version,
      address: '杭州市西湖区文三路 1 号',
    });

    await page.goto(`/customers/${customer.id}`);
    await openTab(page, '动态');
    const feed = page.locator('.customer-timeline');
    await feed.waitFor();
    const entries = feed.locator('.ant-timeline-item');
    await expect.poll(() => entries.first().textContent()).toContain('修改客户资料');
    expect(await entries.first().textContent()).toContain('地址');
    expect(await entries.nth(1).textContent()).toContain(summary);
    expect(await entries.nth(1).getByRole('link', { name: '交往记录' }).getAttribute('href')).toBe(
      `/customers/${customer.id}?tab=activities`,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
