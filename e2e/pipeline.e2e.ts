import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, isPhone, navigate, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * The pipeline (docs/pipeline.md): a director moves a card to the next stage on the board — by dragging it on a
 * desktop, with the card's stage picker on a phone (one column at a time) — and after a reload it is still there; a
 * move the server refuses is undone with its reason; the forecast shows the weighted sum.
 */
const newPage = useBrowser();

type Manager = { id: number; displayName: string };

const card = (page: Page, id: number) => page.getByTestId(`board-card-${id}`);
const column = (page: Page, stage: string) => page.getByTestId(`board-column-${stage}`);

/** On a phone: shows the column of `stage` through the column picker. */
async function showColumn(page: Page, stage: string) {
  await page.getByTestId('board-column-picker').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: stage }).first().click();
  await column(page, stage).waitFor();
}

/** Picks `stage` in a select (the card's stage picker). */
async function pick(page: Page, select: Locator, stage: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: stage }).first().click();
}

/** Drags a card onto a column with the mouse, in steps, as a hand would. */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  // by its lower part (the close date and assignee), not by the customer's link
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 14);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height - 10, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + 80, { steps: 12 });
  await page.mouse.up();
}

/** The next month but `n`, as `YYYY-MM`. */
const monthAhead = (n: number) => {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

describe('the pipeline board and forecast', () => {
  it('a director moves a card to the next stage; it stays after a reload; a refused move is undone', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    const [manager] = (await api(page, 'GET', '/assignees')) as Manager[];
    const tag = Date.now().toString(36);
    const make = async (name: string) => {
      const o = await api(page, 'POST', '/opportunities', {
        customerName: `${name}${tag}`,
        successRate: 40,
        summary: '看板测试',
        description: '看板上移动阶段',
        expectedAmount: 100000,
        expectedCloseDate: `${monthAhead(1)}-15`,
      });
      return api(page, 'POST', `/opportunities/${o.id}/assign`, { assigneeId: manager!.id });
    };
    const o = await make('看板客户');
    expect(o.stage.item).toBe('初步接触');

    await navigate(page, '销售看板');
    await card(page, o.id).waitFor();
    if (isPhone) {
      // one column at a time: the first; the card's stage picker moves it
      expect(await page.locator('section[data-testid^="board-column-"]').count()).toBe(1);
      await pick(page, card(page, o.id).getByTestId('card-stage-picker'), '需求确认');
    } else {
      await expect.poll(() => column(page, '初步接触').getByTestId(`board-card-${o.id}`).count()).toBe(1);
      await drag(page, card(page, o.id), column(page, '需求确认'));
    }
    await toast(page, '已移到「需求确认」').waitFor();
    expect((await api(page, 'GET', `/opportunities/${o.id}`)).stage.item).toBe('需求确认');

    await page.reload();
    if (isPhone) await showColumn(page, '需求确认');
    await column(page, '需求确认').getByTestId(`board-card-${o.id}`).waitFor();
    expect(await column(page, '初步接触').getByTestId(`board-card-${o.id}`).count()).toBe(0);

    // the keyboard moves it on (desktop): Space picks it up, → moves one column, Space drops it
    if (!isPhone) {
      // at a person's pace: the columns are measured once the card is picked up
      await card(page, o.id).getByRole('button').focus();
      for (const key of ['Space', 'ArrowRight', 'Space']) {
        await page.keyboard.press(key);
        await page.waitForTimeout(300);
      }
      await toast(page, '已移到「方案报价」').waitFor();
      await column(page, '方案报价').getByTestId(`board-card-${o.id}`).waitFor();
    }

    // closed meanwhile (e.g. by its manager): the move shows, the server refuses, the card goes back, and says why
    const closed = await make('已结束客户');
    await page.reload();
    await card(page, closed.id).waitFor();
    await api(page, 'POST', `/opportunities/${closed.id}/fail`, { reason: '客户取消' });
    if (isPhone) await pick(page, card(page, closed.id).getByTestId('card-stage-picker'), '需求确认');
    else await drag(page, card(page, closed.id), column(page, '需求确认'));
    await toast(page, '未能移动').waitFor();
    await expect.poll(() => column(page, '需求确认').getByTestId(`board-card-${closed.id}`).count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('a director assigns selected opportunities at once; one taken meanwhile is listed as refused', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    const [manager] = (await api(page, 'GET', '/assignees')) as Manager[];
    const tag = Date.now().toString(36);
    const made = [];
    for (const name of ['批量甲', '批量乙', '批量丙'])
      made.push(
        await api(page, 'POST', '/opportunities', {
          customerName: `${name}${tag}`,
          successRate: 30,
          summary: '批量指派',
          description: '批量指派测试',
        }),
      );
    await navigate(page, '销售机会管理');
    await page.goto(`/opportunities?customerName=${tag}`);
    for (const o of made) await page.getByRole('checkbox', { name: o.customerName }).check();
    // someone assigns the third meanwhile
    await api(page, 'POST', `/opportunities/${made[2].id}/assign`, { assigneeId: manager!.id });
    await page.getByRole('button', { name: /批量指派/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: manager!.displayName })
      .click();
    await dialog.getByRole('button', { name: /指\s?派$/ }).click();
    const result = page.getByTestId('bulk-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('已指派 2 个');
    expect(await result.textContent()).toContain(`批量丙${tag}: 已被指派或已结束`);
    for (const o of made.slice(0, 2))
      expect((await api(page, 'GET', `/opportunities/${o.id}`)).assignee.id).toBe(manager!.id);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('the forecast shows the weighted sum of the month', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    const month = monthAhead(5);
    const o = await api(page, 'POST', '/opportunities', {
      customerName: `预测客户${Date.now().toString(36)}`,
      successRate: 40,
      summary: '预测测试',
      description: '加权金额',
      expectedAmount: 123456.78,
      expectedCloseDate: `${month}-20`,
    });
    // the month's weighted sum as the API says it, and as worked by hand for this opportunity (123,456.78 × 40 %)
    const before = await api(page, 'GET', `/reports/forecast?from=${month}&to=${month}`);
    expect(before.totals.weighted).toBe(49382.71);
    await navigate(page, '销售预测');
    await page.goto(`/reports/forecast?from=${month}&to=${month}`);
    const text = before.totals.weighted.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    await page.getByText(text, { exact: true }).first().waitFor();
    await page.getByTestId('report-chart').first().waitFor();
    expect(o.expectedAmount).toBe(123456.78);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
