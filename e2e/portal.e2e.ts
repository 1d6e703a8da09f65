import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  api,
  button,
  completeCustomerOf,
  layoutProblems,
  openStep,
  pickOption,
  rowAction,
  seriousA11yViolations,
  signIn,
  toast,
  unexpectedProblems,
  useBrowser,
} from './browser.ts';

/**
 * The customer portal (issue 20, docs/portal.md): the manager invites a contact from the customer page; the contact,
 * on a phone, accepts, files a request, and rates the answer — 2 stars send it back to `assigned`, 5 archive it. Every
 * portal page is checked with axe and for sideways scrolling at a phone's size.
 */
const newPage = useBrowser();

/** The portal page at rest: no skeleton or spinner left, then axe and the phone's layout. */
async function checkPortalPage(page: Page, problems: string[]) {
  await expect
    .poll(() => page.locator('.full-page-spin, .ant-spin-spinning, .ant-skeleton-active, [aria-busy="true"]').count(), {
      timeout: 30_000,
    })
    .toBe(0);
  await page.mouse.move(0, 0);
  const where = new URL(page.url()).pathname;
  for (const v of await seriousA11yViolations(page)) problems.push(`${where}: ${v}`);
  problems.push(...(await layoutProblems(page, 'phone')));
}

const portalService = (page: Page, id: number) =>
  page.request.get(`/api/portal/v1/services/${id}`).then((r) => r.json());

describe('the customer portal', () => {
  it('invite, accept on a phone, file, rate 2 stars (back to assigned), then 5 stars (archived)', async () => {
    const problems: string[] = [];
    const stamp = Date.now().toString(36);

    // the manager invites a contact of one of their customers from the customer page
    const manager = await newPage('zh-CN');
    await signIn(manager, 'manager1');
    const customer = await completeCustomerOf(manager);
    const contactName = `门户联系人${stamp}`;
    await api(manager, 'POST', `/customers/${customer.id}/contacts`, {
      name: contactName,
      sex: 'female',
      position: '采购经理',
      officePhone: '010-62510009',
    });
    await manager.goto(`/customers/${customer.id}?tab=contacts`);
    const row = manager.locator('.ant-table-row', { hasText: contactName });
    await button(row, '邀请开通门户').click();
    const dialog = manager.getByRole('dialog');
    const link = dialog.getByTestId('portal-invite-url');
    await link.waitFor();
    const inviteUrl = /https?:\/\/\S+#[\w-]+/.exec((await link.textContent()) ?? '')?.[0];
    expect(inviteUrl).toBeDefined();
    await expect.poll(() => dialog.locator('.ant-qrcode canvas, .ant-qrcode svg').count()).toBeGreaterThan(0);
    await dialog
      .getByRole('button', { name: /关\s?闭/ })
      .first()
      .click();
    await expect.poll(() => row.textContent()).toContain('已邀请');

    // the contact accepts on their phone and lands on their company's requests
    const contact = await newPage('zh-CN', 'phone');
    await contact.goto(new URL(inviteUrl!).pathname + new URL(inviteUrl!).hash);
    await contact.locator('#portal-accept_username').waitFor();
    await checkPortalPage(contact, problems);
    const username = `kehu${stamp}`;
    await contact.locator('#portal-accept_username').fill(username);
    await contact.locator('#portal-accept_password').fill('kehu-pass-1');
    await contact.locator('#portal-accept_confirm').fill('kehu-pass-1');
    await button(contact, '开通并登录').click();
    await contact.getByRole('heading', { name: '我公司的服务请求' }).waitFor();
    await checkPortalPage(contact, problems);
    await manager.reload();
    await expect
      .poll(() => manager.locator('.ant-table-row', { hasText: contactName }).textContent())
      .toContain('门户已开通');

    // files a request
    await contact.getByRole('link', { name: '提交请求' }).click();
    await contact.locator('#portal-service_typeId').waitFor();
    await checkPortalPage(contact, problems);
    await contact.locator('#portal-service_typeId').click();
    await contact.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '投诉' }).click();
    await contact.locator('#portal-service_summary').fill(`电视无法开机 ${stamp}`); // the summary staff look for
    await contact.locator('#portal-service_request').fill('上周买的电视无法开机,请派人上门检查。');
    await button(contact, '提交').click();
    await contact.waitForURL(/\/portal\/services\/\d+$/);
    const serviceId = Number(/(\d+)$/.exec(new URL(contact.url()).pathname)![1]);
    await expect.poll(() => contact.getByTestId('portal-status').first().textContent()).toBe('已提交');
    await checkPortalPage(contact, problems);

    // into the CRM: the manager is told and sees it marked as from the portal; the director assigns it
    const notes = await api(manager, 'GET', '/notifications?unread=true');
    expect(
      notes.items.some(
        (n: { kind: string; ref: { id: number } }) => n.kind === 'portal.service' && n.ref.id === serviceId,
      ),
    ).toBe(true);
    await manager.goto(`/services/${serviceId}`);
    await manager.getByTestId('portal-source').first().waitFor();
    const summary = `电视无法开机 ${stamp}`;
    const director = await newPage('zh-CN');
    await signIn(director, 'director');
    const newRow = await openStep(director, '服务分配', '/services/assign', summary);
    await rowAction(newRow, '分配').click();
    const assignDialog = director.getByRole('dialog');
    await assignDialog.locator('#assigneeId').click();
    await pickOption(director, '李经理');
    await button(assignDialog, '分配').click();
    await toast(director, '指派成功').waitFor();
    await newRow.waitFor({ state: 'detached' });

    // the manager handles it on 服务处理
    const handleRow = await openStep(manager, '服务处理', '/services/handle', summary);
    await rowAction(handleRow, '处理').click();
    const handleDialog = manager.getByRole('dialog');
    await handleDialog.locator('#handling').fill('已安排师傅上门检修。');
    await button(handleDialog, '保存处理').click();
    await toast(manager, '已处理，等待反馈').waitFor();

    // the contact reads the handling and rates it 2 stars: back to assigned
    await contact.reload();
    await contact.getByTestId('portal-feedback').waitFor();
    await expect.poll(() => contact.getByTestId('portal-handling').textContent()).toContain('已安排师傅上门检修');
    await checkPortalPage(contact, problems);
    await contact.getByTestId('portal-feedback').locator('.ant-rate-star').nth(1).click();
    await contact.locator('#portal-feedback_result').fill('师傅没有来');
    await button(contact, '提交评价').click();
    await expect.poll(() => contact.getByTestId('portal-status').first().textContent()).toBe('处理中');
    expect(await portalService(contact, serviceId)).toMatchObject({ status: 'assigned', satisfaction: 2 });
    expect((await api(manager, 'GET', `/services/${serviceId}`)).status).toBe('assigned');

    // handled again, then 5 stars: archived
    await api(manager, 'POST', `/services/${serviceId}/handle`, { handling: '师傅已上门更换电源板。' });
    await contact.reload();
    await contact.getByTestId('portal-feedback').waitFor();
    await contact.getByTestId('portal-feedback').locator('.ant-rate-star').nth(4).click();
    await button(contact, '提交评价').click();
    await expect.poll(() => contact.getByTestId('portal-status').first().textContent()).toBe('已完成');
    expect((await api(manager, 'GET', `/services/${serviceId}`)).status).toBe('archived');

    // the company's counted orders, and one with its lines
    await contact.getByRole('link', { name: '订单' }).click();
    await contact.getByRole('heading', { name: '我公司的订单' }).waitFor();
    await checkPortalPage(contact, problems);
    const order = contact.getByTestId('portal-order').first().getByRole('link');
    if (await order.count()) {
      await order.click();
      await contact.waitForURL(/\/portal\/orders\/\d+$/);
      await contact.locator('.ant-table-row').first().waitFor();
      await checkPortalPage(contact, problems);
    }

    // signing out, the sign-in page in English, and signing in again
    await contact.getByRole('button', { name: /退\s?出/ }).click();
    await contact.locator('#portal-sign-in_username').waitFor();
    await contact.getByText('English', { exact: true }).click();
    await contact.getByRole('heading', { name: 'Sign in to the customer portal' }).waitFor();
    await checkPortalPage(contact, problems);
    await contact.locator('#portal-sign-in_username').fill(username);
    await contact.locator('#portal-sign-in_password').fill('kehu-pass-1');
    await contact.locator('#portal-sign-in_password').press('Enter');
    await contact.getByRole('heading', { name: 'My company’s service requests' }).waitFor();
    await checkPortalPage(contact, problems);

    expect(problems).toEqual([]);
    expect(unexpectedProblems(contact)).toEqual([]);
    expect(unexpectedProblems(manager)).toEqual([]);
  }, 240_000);
});
