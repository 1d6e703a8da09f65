import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPage, signIn, unexpectedProblems } from './browser.ts';

const { page } = await sharedPage();

/** A button by its text: antd spaces two CJK characters (「重 置」), and an icon adds its own name in front. */
const button = (text: string) =>
  page.getByRole('button', {
    name: new RegExp(`(^|\\s)${[...text].map((c) => (c === ' ' ? '\\s*' : c)).join('\\s?')}\\s*$`),
  });

/** Waits until the report's chart has drawn (ECharts renders into a canvas inside the container). */
async function chartDrawn() {
  await page.getByTestId('report-chart').locator('canvas').first().waitFor();
}

/** Clicks an export button and answers the downloaded file's name and bytes. */
async function download(label: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), button(label).click()]);
  const bytes = fs.readFileSync((await file.path())!);
  return { name: file.suggestedFilename(), bytes };
}

async function expectCsvAndXlsx(csvName: string) {
  const csv = await download('导出 CSV');
  expect(csv.name).toBe(csvName);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
  const xlsx = await download('导出 Excel');
  expect(xlsx.name).toBe(csvName.replace(/\.csv$/, '.xlsx'));
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip container
  return csv.bytes.toString('utf8').slice(1);
}

const rows = () => page.locator('.ant-table-row');

describe('the reports journey of an executive', () => {
  it('the workbench shows the headline figures and links to the reports', async () => {
    await signIn(page, 'executive');
    const figures = page.getByTestId('workbench-figures');
    await figures.waitFor();
    expect(await figures.textContent()).toContain('客户总数');
    expect(await page.getByTestId('workbench-servicesToHandle').count()).toBe(0);
    await figures.getByRole('link', { name: /客户贡献分析/ }).click();
    await page.waitForURL('**/reports/contribution');
  });

  it('customer contribution: table, top customers as bars, filter by name, as-of, CSV and XLSX', async () => {
    await expect.poll(() => page.locator('h1').textContent()).toBe('客户贡献分析');
    await chartDrawn();
    await rows().first().waitFor();
    expect(await page.getByTestId('report-as-of').textContent()).toMatch(/数据/);
    await page.getByLabel('客户名称').fill('北京');
    await button('查询').click();
    await page.waitForURL(/customerName=/);
    await expect.poll(async () => (await rows().allTextContents()).every((r) => r.includes('北京'))).toBe(true);
    const csv = await expectCsvAndXlsx('客户贡献分析.csv');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('客户编号,客户名称,订单金额（元）');
    expect(lines.slice(1).every((l) => l.includes('北京'))).toBe(true);
  });

  it('customer composition: a pie by level, then by credit, with shares, CSV and XLSX', async () => {
    await page.goto('/reports/composition');
    await expect.poll(() => page.locator('h1').textContent()).toBe('客户构成分析');
    await chartDrawn();
    await rows().first().waitFor();
    expect(await page.locator('.ant-table').textContent()).toContain('未设置');
    await page.getByText('按信用度').click();
    await page.waitForURL(/by=credit/);
    await expect.poll(() => page.locator('.ant-table thead').textContent()).toContain('客户信用度');
    const csv = await expectCsvAndXlsx('客户构成分析-客户信用度.csv');
    expect(csv.split('\r\n')[0]).toBe('客户信用度,客户数,占比（%）');
  });

  it('service analysis: bars per type, one year, CSV and XLSX', async () => {
    await page.goto('/reports/services');
    await expect.poll(() => page.locator('h1').textContent()).toBe('客户服务分析');
    await chartDrawn();
    await expect.poll(() => rows().count()).toBe(3);
    const year = String(new Date().getFullYear());
    await page.getByLabel('年份').click();
    await page.locator(`.ant-select-item-option[title="${year}"]`).click();
    await page.waitForURL(new RegExp(`year=${year}`));
    const csv = await expectCsvAndXlsx(`客户服务分析-${year}.csv`);
    expect(csv.split('\r\n')[0]).toBe('服务类型,服务数');
  });

  it('churn analysis: confirmed losses filtered by manager, CSV and XLSX', async () => {
    await page.goto('/reports/churn');
    await expect.poll(() => page.locator('h1').textContent()).toBe('客户流失分析');
    await page.getByLabel('客户经理').fill('张经理');
    await button('查询').click();
    await page.waitForURL(/managerName=/);
    // the list keeps the previous rows until the filtered answer arrives (when the churn journey ran first, manager1's
    // customer is among them): every row shows the manager once the filter has applied
    await expect
      .poll(() => rows().evaluateAll((trs) => trs.length > 0 && trs.every((tr) => tr.textContent?.includes('张经理'))))
      .toBe(true);
    const csv = await expectCsvAndXlsx('客户流失分析.csv');
    expect(csv.split('\r\n')[0]).toBe('客户编号,客户名称,客户经理,最后下单日期,确认流失时间,流失原因');
    expect(csv).toContain('张经理');
  });

  it('shows the same report in English', async () => {
    await page.evaluate(() => localStorage.setItem('crm.language', 'en'));
    await page.goto('/reports/services');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Service analysis');
    await chartDrawn();
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
