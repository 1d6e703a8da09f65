import fs from 'node:fs';
import { creditCodeCheckCharacter } from '@crm/contracts';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  api,
  button,
  layoutProblems,
  navigate,
  pickOption,
  seriousA11yViolations,
  signIn,
  unexpectedProblems,
  useBrowser,
} from './browser.ts';

/**
 * 客户 › 导入客户 (docs/imports.md): a director uploads a GBK CSV (as Excel in China writes it), maps the one column
 * whose header is not suggested, checks (and finds the check's answer again after a reload and from the list), runs,
 * watches the progress reach 100 %, and downloads the failed rows.
 */
const newPage = useBrowser();

const code = (n: number) => {
  const first17 = `91310115${String(n).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

describe('import customers (导入客户)', () => {
  it('uploads a GBK CSV, fixes the mapping, checks, runs and downloads the errors file', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'director');
    await navigate(page, '导入客户');
    await page.waitForURL('**/imports');
    await button(page, '新建导入').click();
    await page.waitForURL('**/imports/new');

    const stamp = Date.now() % 1_000_000;
    const names = [1, 2, 3].map((i) => `浏览器导入${stamp}-${i}有限公司`);
    const rows = [
      ['公司', '统一社会信用代码', '地区', '等级', '客户经理', '满意度', '信用度'],
      ...names.map((name, i) => [name, code(stamp * 10 + i), '北京', '大客户', 'manager1', '4', '5']),
      [`浏览器导入${stamp}-坏行`, code(stamp * 10 + 7), '火星', '大客户', 'manager1', '4', '5'],
    ];
    const csv = iconv.encode(rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'gbk');
    await page.locator('input[type=file]').setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: csv });
    await page.waitForURL(/\/imports\/\d+$/);
    const id = Number(/\/imports\/(\d+)$/.exec(page.url())![1]);

    // 映射: 「公司」 is not a header the server knows, so the name (名称) is unmapped until the user picks it
    const nameSelect = page.getByRole('combobox', { name: '名称', exact: true });
    await nameSelect.waitFor();
    await expect.poll(() => page.locator('.ant-steps-item-active').textContent()).toContain('映射');
    await nameSelect.click();
    await pickOption(page, '公司');
    expect(await layoutProblems(page)).toEqual([]);
    await button(page, '检查').click();

    // 检查: three to create, one row with an unknown region, named with its row and reason
    await page.getByText('错误明细').waitFor();
    const stat = (title: string) =>
      page.locator('.ant-statistic', { hasText: title }).locator('.ant-statistic-content-value').textContent();
    expect(await stat('将新增')).toBe('3');
    expect(await stat('有错误')).toBe('1');
    const errorRow = page.locator('.ant-table-row', { hasText: '火星' });
    await errorRow.waitFor();
    expect(await errorRow.textContent()).toContain('5');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // the check's answer is kept: a reload, and a return from the list, open the check step with its counts again
    const checkStepShown = async () => {
      await page.getByText('错误明细').waitFor();
      await expect.poll(() => page.locator('.ant-steps-item-active').textContent()).toContain('检查');
      expect(await stat('将新增')).toBe('3');
      expect(await stat('有错误')).toBe('1');
      await page.locator('.ant-table-row', { hasText: '火星' }).waitFor();
    };
    await page.reload();
    await checkStepShown();
    expect(await layoutProblems(page)).toEqual([]);
    await button(page, '返回导入列表').first().click();
    await page.waitForURL('**/imports');
    await page.locator('.ant-table-row', { hasText: '客户名单.csv' }).first().getByRole('link').click();
    await page.waitForURL(`**/imports/${id}`);
    await checkStepShown();
    await button(page, '开始导入').click();

    // 导入 → 结果: the progress reaches 100 % and the import is done
    await page.locator('.ant-tag', { hasText: '已完成' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe('100');
    expect(await stat('新增')).toBe('3');
    expect(await stat('失败')).toBe('1');
    const record = await api(page, 'GET', `/imports/${id}`);
    expect(record).toMatchObject({ status: 'done', processed: 4, created: 3, failed: 1 });
    const found = await api(page, 'GET', `/customers?name=${encodeURIComponent(`浏览器导入${stamp}`)}`);
    expect(found.total).toBe(3);

    // the errors file: the failed row as it was in the file, and its reason
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, '下载错误行（CSV）').click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r\n/);
    expect(lines[0]).toBe([...rows[0]!, '原因'].join(','));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`浏览器导入${stamp}-坏行`);
    expect(lines[1]).toContain('No region 「火星」 in the data dictionary');
    expect(await layoutProblems(page)).toEqual([]);

    // the past imports list it
    await button(page, '返回导入列表').first().click();
    await page.waitForURL('**/imports');
    await page.locator('.ant-table-row', { hasText: '客户名单.csv' }).first().waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  }, 90_000);
});
