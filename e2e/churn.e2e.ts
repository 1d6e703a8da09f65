import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { navigate, openPage, seriousA11yViolations, sharedPage, signIn, unexpectedProblems } from './browser.ts';

const { browser, page } = await sharedPage();

/** A button by its text: antd spaces two CJK characters (「重 置」), and an icon adds its own name in front. */
const button = (scope: Page | ReturnType<Page['locator']>, text: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...text].join('\\s?')}\\s*$`) });
const toast = (text: string) => page.locator('.ant-message-notice', { hasText: text });

// The demo company (docs/product.md#churn): 北京远航物流有限公司 is manager1's customer with an open warning and no measure yet.
const CUSTOMER = '北京远航物流有限公司';

describe('the churn journey', () => {
  it('a manager appends two delay measures and confirms the loss; the customer shows as lost', async () => {
    await signIn(page, 'manager1');
    await navigate(page, '客户流失');
    await page.waitForURL('**/churn-warnings');
    await expect.poll(() => page.locator('h1').textContent()).toBe('客户流失预警');
    await page.getByTestId('churn-last-scan').waitFor();
    expect(await page.getByTestId('churn-sales-as-of').textContent()).toMatch(/销售数据/);
    // a manager may not start the check
    expect(await button(page, '立即检查').count()).toBe(0);

    // the 预警 tab, then the customer by name
    await page.getByRole('tab', { name: '预警' }).click();
    await page.getByLabel('客户名称').fill('远航');
    await button(page, '查询').click();
    const row = page.locator('.ant-table-row', { hasText: CUSTOMER });
    await row.waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1); // once the filter has applied
    await page.mouse.move(0, 0); // the 查询 button just clicked is lighter while hovered, on purpose
    expect(await seriousA11yViolations(page)).toEqual([]);
    await row.getByRole('link', { name: CUSTOMER, exact: true }).click();
    await page.waitForURL(/\/churn-warnings\/\d+$/);
    await page.getByText('尚无暂缓措施').waitFor();
    // no confirmation before a measure
    expect(await button(page, '确认流失').isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    for (const [n, text] of [
      [1, '电话联系采购负责人，了解到对方改用竞品物流服务。'],
      [2, '上门拜访并提出八五折长期合作方案，对方表示不再考虑。'],
    ] as const) {
      await page.locator('#churn-measure_text').fill(text);
      await button(page, '追加措施').click();
      await toast('措施已追加').first().waitFor();
      await expect.poll(() => page.getByTestId('churn-measures').locator('.ant-timeline-item').count()).toBe(n);
      expect(await page.getByTestId('churn-measures').textContent()).toContain(text);
    }
    expect(await page.locator('.ant-descriptions').textContent()).toContain('暂缓流失');
    expect(await page.getByTestId('churn-measures').textContent()).toContain('李经理');

    // 确认流失: a reason, then the confirmation question
    await page.locator('#churn-confirm_reason').fill('客户已与竞争对手签订三年独家合同。');
    await button(page, '确认流失').click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('确认该客户已流失');
    await button(dialog, '确认流失').click();
    await toast('已确认流失').waitFor();
    await expect.poll(() => page.locator('.ant-descriptions').textContent()).toContain('已流失');
    expect(await page.locator('.ant-descriptions').textContent()).toContain('客户已与竞争对手签订三年独家合同。');
    expect(await page.locator('#churn-measure_text').count()).toBe(0);

    // the customer is lost: on its own page, and the warning under the 已流失 tab
    await page.locator('.ant-descriptions a[href^="/customers/"]').click();
    await page.waitForURL(/\/customers\/\d+$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain(CUSTOMER);
    await page.locator('.ant-tag', { hasText: '已流失' }).first().waitFor();
    await page.goto('/churn-warnings?status=lost');
    await page.locator('.ant-table-row', { hasText: CUSTOMER }).waitFor();
    expect(await page.locator('.ant-table-row', { hasText: CUSTOMER }).textContent()).toContain('已流失');

    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('a director starts the check now and sees when it ran and what it found', async () => {
    const director = (await openPage(browser, 'zh-CN')).page;
    try {
      await signIn(director, 'director');
      await director.goto('/churn-warnings');
      await director.getByTestId('churn-last-scan').waitFor();
      await button(director, '立即检查').click();
      await director.locator('.ant-message-notice', { hasText: /检查 \d+ 个客户/ }).waitFor();
      await expect
        .poll(() => director.getByTestId('churn-last-scan').textContent())
        .toMatch(/上次流失检查：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(await director.getByTestId('churn-sales-as-of').textContent()).toMatch(/销售数据截至：\d{4}-/);
      expect(unexpectedProblems(director)).toEqual([]);
    } finally {
      await director.context().close();
    }
  });
});
