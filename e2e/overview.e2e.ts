import { describe, expect, it } from 'vitest';
import {
  api,
  isPhone,
  layoutProblems,
  navigate,
  openTab,
  seriousA11yViolations,
  sharedPage,
  signIn,
  unexpectedProblems,
} from './browser.ts';
import { pinyinForms } from '../server/src/platform/pinyin.ts';

/**
 * One customer, whole (docs/overview.md, docs/churn-risk.md): a manager finds a demo customer by the pinyin initials
 * of its name (Ctrl+K; on a phone the header's search icon), Enter opens its overview — figures with "as of", the
 * chart of the amount per year, the risk — and its timeline; the at-risk list shows the customers at risk with
 * their reasons.
 */
const { page } = await sharedPage();

type Overview = { customer: { id: number; name: string }; sales: { byYear: unknown[] } };

describe('a customer at a glance', () => {
  it('Ctrl+K → pinyin initials → Enter → the overview with its chart, then the timeline', async () => {
    await signIn(page, 'manager1');
    const me = (await api(page, 'GET', '/auth/me')).user as { id: number };
    // the start-up refresh of the sales figures (which scores the risk) may still be running
    await expect
      .poll(async () => (await api(page, 'GET', '/sales/status')).asOf, { timeout: 60_000, interval: 500 })
      .not.toBeNull();
    const mine = (await api(page, 'GET', `/customers?managerId=${me.id}&status=normal&pageSize=50`)) as {
      items: { id: number; name: string }[];
    };
    // a demo customer with counted orders in at least two years
    let chosen: Overview | undefined;
    for (const c of mine.items) {
      const o = (await api(page, 'GET', `/customers/${c.id}/overview`)) as Overview;
      if (o.sales.byYear.length >= 2) {
        chosen = o;
        break;
      }
    }
    expect(chosen, 'a demo customer of manager1 with orders').toBeDefined();
    const { id, name } = chosen!.customer;
    const initials = pinyinForms(name).initials.split(' ')[0]!; // the stored initials' first reading

    await page.goto('/customers');
    await page.locator('h1').first().waitFor();
    if (isPhone) await page.getByRole('button', { name: '搜索', exact: true }).click();
    else await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: '全局搜索' });
    const box = dialog.getByRole('combobox');
    await box.waitFor();
    await box.pressSequentially(initials, { delay: 20 });
    const hit = dialog.getByRole('option', { name: new RegExp(name) }).first();
    await hit.waitFor();
    // Enter opens the chosen result: move down to it if a namesake came first
    for (let i = 0; i < 5 && (await hit.getAttribute('aria-selected')) !== 'true'; i++) await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForURL(`**/customers/${id}`);

    // the overview is the page's first tab: figures with "as of", the chart, the risk
    await expect.poll(() => page.getByRole('tab', { name: '概览' }).getAttribute('aria-selected')).toBe('true');
    const chart = page.getByTestId('overview-chart').getByTestId('report-chart');
    await chart.locator('canvas').waitFor();
    await page.getByTestId('report-as-of').first().waitFor();
    expect(await page.getByTestId('overview-risk').textContent()).toContain('流失风险');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);

    // the timeline beside it
    await openTab(page, '动态');
    await page.locator('.customer-timeline .ant-timeline-item').first().waitFor();
    expect(page.url()).toContain('tab=timeline');
    expect(await layoutProblems(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('the at-risk list: highest first, filtered by level, reasons as text', async () => {
    await navigate(page, '流失风险');
    await page.waitForURL('**/customers/at-risk');
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    const scores = await api(page, 'GET', '/customers/at-risk?pageSize=20');
    expect(scores.total).toBeGreaterThan(0);
    const first = scores.items[0] as { name: string; reasons: { text: string }[] };
    await page.locator('.ant-table-row', { hasText: first.name }).first().waitFor();
    if (!isPhone) await page.getByText(first.reasons[0]!.text).first().waitFor();
    else {
      // on a phone the reasons are behind the level's badge
      await rows.first().getByTestId('risk-badge').click();
      await page.locator('.ant-popover').getByText(first.reasons[0]!.text).waitFor();
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
