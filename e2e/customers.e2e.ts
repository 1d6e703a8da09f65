import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  button,
  navigate,
  openTab,
  seriousA11yViolations,
  signIn,
  toast,
  unexpectedProblems,
  useBrowser,
} from './browser.ts';

const newPage = useBrowser();
const settled = (page: Page) =>
  expect
    .poll(() => page.locator('.full-page-spin, .ant-spin-spinning, .ant-spin-blur, .ant-modal-mask').count())
    .toBe(0);

describe('the customers journey (docs/product.md#customers)', () => {
  it('a manager finds a customer, edits it, adds a contact and an interaction record, and opens an order’s detail', async () => {
    const page = await newPage();
    await signIn(page, 'manager1');

    // a customer of manager1 with order history (the demo has some that never ordered)
    const me = (await (await page.request.get('/api/v1/auth/me')).json()).user;
    const mine = (
      await (
        await page.request.get(`/api/v1/customers?managerId=${me.id}&name=${encodeURIComponent('北京')}&pageSize=100`)
      ).json()
    ).items;
    let name = '';
    for (const c of mine) {
      const orders = await (await page.request.get(`/api/v1/customers/${c.id}/orders?pageSize=1`)).json();
      if (orders.total > 0) {
        name = c.name;
        break;
      }
    }
    expect(name).not.toBe('');

    // find: the list searched by a part of the name
    await navigate(page, '客户信息');
    await page.waitForURL('**/customers');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByLabel('名称').fill(name.slice(2, 6));
    await button(page, '查询').click();
    await page.waitForURL(/name=/);
    await settled(page);
    const row = page.locator('.ant-table-row', { hasText: name });
    await row.waitFor();
    // the filter has applied once every row shows the searched part of the name
    await expect
      .poll(() =>
        page
          .locator('.ant-table-row')
          .evaluateAll((trs, part) => trs.every((tr) => tr.textContent?.includes(part)), name.slice(2, 6)),
      )
      .toBe(true);
    await row.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();

    // the page opens on the overview (docs/overview.md); the details tab shows the record read-only; its Edit opens
    // the form, where a required field emptied is refused, then a real change is saved and the record is read-only again
    await page.getByTestId('overview-chart').waitFor();
    await openTab(page, '客户信息');
    await button(page, '编辑客户信息').click();
    const nameField = page.locator('#customer_name');
    await nameField.fill('');
    await button(page, '保存').click();
    await page.getByText('请填写名称').waitFor();
    await nameField.fill(name);
    await page.locator('#customer_phone').fill('010-68881234');
    // a star picker clears when its own value is clicked again: pick a value it does not have
    const satisfaction = page.locator('.ant-form-item', { hasText: '客户满意度' });
    const stars = await satisfaction.locator('.ant-rate-star-full').count();
    const wanted = stars === 4 ? 3 : 4;
    await satisfaction
      .locator('.ant-rate-star')
      .nth(wanted - 1)
      .click();
    await expect.poll(() => satisfaction.locator('.ant-rate-star-full').count()).toBe(wanted);
    await button(page, '保存').click();
    await toast(page, '保存成功').waitFor();
    await page.getByTestId('customer-details').waitFor();
    await page.reload();
    await expect.poll(() => page.getByTestId('customer-details').textContent()).toContain('010-68881234');

    // a contact
    await openTab(page, '联系人');
    await button(page, '新建联系人').click();
    const contactForm = page.getByRole('dialog');
    await button(contactForm, '保存').click();
    await contactForm.getByText('请填写姓名').waitFor();
    await contactForm.locator('#contact_name').fill('周慧敏');
    await contactForm.getByText('女', { exact: true }).click();
    await contactForm.locator('#contact_position').fill('采购部经理');
    await contactForm.locator('#contact_officePhone').fill('010-66001122');
    await button(contactForm, '保存').click();
    await toast(page, '保存成功').waitFor();
    await page.locator('.ant-table-row', { hasText: '周慧敏' }).waitFor();

    // an interaction record, then one deleted after 确认删除?
    await openTab(page, '交往记录');
    await button(page, '新建交往记录').click();
    const activityForm = page.getByRole('dialog');
    await activityForm.locator('#activity_place').fill('客户总部');
    await activityForm.locator('#activity_summary').fill('端到端回访');
    await activityForm.locator('#activity_details').fill('确认下季度的采购计划');
    await button(activityForm, '保存').click();
    await toast(page, '保存成功').waitFor();
    const record = page.locator('.ant-table-row', { hasText: '端到端回访' });
    await record.waitFor();
    await button(record, '删除').click();
    await page.getByText('确认删除?').waitFor();
    await button(page.locator('.ant-popover'), '删除').click();
    await toast(page, '删除成功').waitFor();
    await expect.poll(() => record.count()).toBe(0);

    // order history and one order's detail with its lines and total
    await openTab(page, '历史订单');
    const order = page.locator('.ant-table-row').first();
    await order.waitFor();
    await button(order, '查看明细').click();
    const detail = page.getByRole('dialog', { name: '订单明细' });
    await detail.getByText('总金额').waitFor();
    expect(await detail.locator('.ant-table-row').count()).toBeGreaterThan(0);
    expect(await detail.getByTestId('order-total').innerText()).toMatch(/^[\d,]+\.\d{2}$/);
    await settled(page).catch(() => undefined);

    expect(unexpectedProblems(page)).toEqual([]);
  }, 300_000); // a long journey; the shared test machine is slow at times

  it('looks up products and inventory, in English too', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager2');
    await page.goto('/products?name=%E6%B5%B7%E9%BE%99');
    await page.locator('.ant-table-row', { hasText: 'i61' }).waitFor();
    await page.goto('/inventory?warehouse=%E8%A5%BF%E7%9B%B4%E9%97%A8');
    await page.locator('.ant-table-row', { hasText: '北京-西直门库' }).first().waitFor();
    await page.getByRole('heading', { level: 1, name: 'Inventory lookup' }).waitFor();
    await settled(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(unexpectedProblems(page)).toEqual([]);
  }, 180_000);
});
