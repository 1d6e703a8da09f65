import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Issue 14, item 5: a fast double click creates one record. Every create form sends an `Idempotency-Key` made when
 * the form opens, and its submit is busy from the first click.
 */
const newPage = useBrowser();

/** The POSTs the page sends to an API path, as they leave the browser. */
function postsTo(page: Page, path: RegExp): Request[] {
  const sent: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && path.test(new URL(r.url()).pathname)) sent.push(r);
  });
  return sent;
}

describe('a double click creates one record', () => {
  it('a new opportunity (zh-CN)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    const customerName = `双击公司${Date.now().toString(36)}`;
    await page.goto('/opportunities');
    await button(page, '新建销售机会').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#opportunity_customerName').fill(customerName);
    await dialog.locator('#opportunity_successRate').fill('40');
    await dialog.locator('#opportunity_summary').fill('双击测试');
    await dialog.locator('#opportunity_description').fill('快速双击保存');
    const sent = postsTo(page, /^\/api\/v1\/opportunities$/);
    await button(dialog, '保存').dblclick();
    await toast(page, '保存成功').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    const found = await (
      await page.request.get(`/api/v1/opportunities?customerName=${encodeURIComponent(customerName)}`)
    ).json();
    expect(found.total).toBe(1);
    expect(sent.length).toBeGreaterThan(0);
    const keys = await Promise.all(sent.map((r) => r.headerValue('idempotency-key')));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1); // had a second request gone out, it would have carried the same key

    // the next opening is another form: another key
    await button(page, '新建销售机会').click();
    await dialog.locator('#opportunity_customerName').fill(`${customerName}乙`);
    await dialog.locator('#opportunity_successRate').fill('40');
    await dialog.locator('#opportunity_summary').fill('双击测试');
    await dialog.locator('#opportunity_description').fill('第二次打开');
    await button(dialog, '保存').click();
    await toast(page, '保存成功').nth(0).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const last = await sent.at(-1)!.headerValue('idempotency-key');
    expect(last).toMatch(/^[0-9a-f-]{36}$/);
    expect(last).not.toBe(keys[0]);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('a churn measure (en)', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager1');
    // a delayed warning of manager1's customers (not the one the churn journey confirms)
    const all = await (await page.request.get('/api/v1/churn-warnings?status=delayed&pageSize=100')).json();
    const warning = all.items.find((w: { customer: { name: string } }) => !w.customer.name.includes('远航'));
    expect(warning).toBeDefined();
    const before = (await (await page.request.get(`/api/v1/churn-warnings/${warning.id}`)).json()).measures.length;
    await page.goto(`/churn-warnings/${warning.id}`);
    const text = `Double click ${Date.now().toString(36)}`;
    await page.locator('#churn-measure_text').fill(text);
    const sent = postsTo(page, /\/measures$/);
    await button(page, 'Add measure').dblclick();
    await toast(page, 'Measure added').first().waitFor();
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/churn-warnings/${warning.id}`)).json()).measures)
      .toHaveLength(before + 1);
    const keys = await Promise.all(sent.map((r) => r.headerValue('idempotency-key')));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);

    // the form stays for the next measure: a new one gets a new key
    await expect.poll(() => page.locator('#churn-measure_text').inputValue()).toBe('');
    await page.locator('#churn-measure_text').fill(`${text} (2)`);
    await button(page, 'Add measure').click();
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/churn-warnings/${warning.id}`)).json()).measures)
      .toHaveLength(before + 2);
    expect(await sent.at(-1)!.headerValue('idempotency-key')).not.toBe(keys[0]);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
