import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import {
  api,
  button,
  layoutProblems,
  navigate,
  seriousA11yViolations,
  signIn,
  toast,
  unexpectedProblems,
  useBrowser,
} from './browser.ts';

/**
 * 系统设置 › 外部通知 (docs/webhooks.md): an administrator registers a receiver — a real HTTP server started here on
 * 127.0.0.1 (the e2e server runs with CRM_WEBHOOK_ALLOW_PRIVATE=1) —, presses 测试 and sees it delivered, finds the
 * test in the delivery log as 已送达, redelivers it, and deletes the receiver after confirming.
 */
const newPage = useBrowser();

const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm-hook`;
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe('webhooks (外部通知)', () => {
  it('an administrator registers a receiver, tests it, reads the delivery log and deletes it', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'admin');
    await navigate(page, '外部通知');
    await page.waitForURL('**/admin/webhooks');

    // 新建接收方: name, URL, one event, JSON with a secret
    const name = `ERP 接口 ${Date.now().toString(36)}`;
    await button(page, '新建接收方').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#webhook_name').fill(name);
    await dialog.locator('#webhook_url').fill(receiverUrl);
    await dialog.locator('#webhook_events').click();
    // an event no other journey causes: what this receiver gets is this journey's
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'customer.merged' }).click();
    await dialog.locator('.ant-modal-title').click(); // closes the dropdown
    await dialog.locator('#webhook_secret').fill('e2e-signing-secret');
    await button(dialog, '保存').click();
    await toast(page, '保存成功').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-row', { hasText: name });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('启用');

    // 测试: the receiver gets the test event, and the page says it was delivered
    await row.getByRole('button', { name: `测试 ${name}` }).click();
    const result = page.locator('.ant-modal-confirm', { hasText: '测试消息已送达' });
    await result.waitFor();
    await expect.poll(() => result.textContent()).toMatch(/HTTP 200/);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['x-crm-event']).toBe('webhook.test');
    expect(received[0]!.headers['x-crm-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    await result.getByRole('button').click();
    await result.waitFor({ state: 'hidden' });

    // 投递记录: the test delivery, delivered; 重新投递 queues it again
    await row.getByRole('link', { name: `投递记录 ${name}` }).click();
    await page.waitForURL(/\/admin\/webhooks\/\d+$/);
    await page.getByRole('heading', { name: `投递记录：${name}` }).waitFor();
    const delivery = page.locator('.ant-table-row', { hasText: '测试消息' });
    await delivery.waitFor();
    await expect.poll(() => delivery.textContent()).toContain('已送达');
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await button(delivery, '重新投递').click();
    await toast(page, '已重新排队投递').waitFor();
    // the server's worker sends it again at once (a redelivery wakes it), under the same delivery id
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(2);
    expect(received[1]!.headers['x-crm-delivery']).toBe(received[0]!.headers['x-crm-delivery']);
    await button(page, '刷新').click();
    await expect.poll(() => delivery.textContent(), { timeout: 10_000 }).toContain('已送达');

    // back to the list: delete after 「确认删除?」
    await button(page, '返回外部通知').click();
    await page.waitForURL('**/admin/webhooks');
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await button(page.locator('.ant-table-row', { hasText: name }), '删除').click();
    await page.getByText('确认删除?').waitFor();
    await button(page.locator('.ant-popover'), '删除').click();
    await toast(page, '删除成功').waitFor();
    await page.locator('.ant-table-row', { hasText: name }).waitFor({ state: 'detached' });
    const left = (await api(page, 'GET', '/webhooks')) as { items: { name: string }[] };
    expect(left.items.map((w) => w.name)).not.toContain(name);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('refuses a URL that is not http(s) in the form, in English', async () => {
    const page = await newPage('en');
    await signIn(page, 'admin');
    await page.goto('/admin/webhooks');
    await button(page, 'New receiver').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#webhook_name').fill('Not a URL');
    await dialog.locator('#webhook_url').fill('ftp://files.example.com/hook');
    await dialog.locator('#webhook_events').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'service.created' }).click();
    await dialog.locator('.ant-modal-title').click();
    await button(dialog, 'Save').click();
    // refused in the form before it is sent: the URL must be http(s)
    await dialog.locator('#webhook_url_help').waitFor();
    await expect.poll(() => dialog.locator('#webhook_url_help').textContent()).toMatch(/http:\/\/ or https:\/\//);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
