import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { button, completeCustomerOf, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Issue 14, item 4: phones, mobiles, postcodes and websites are checked by their format, in the forms with the same
 * words as the API; a success rate of 150 is refused with a message, not turned into 100; interaction records cannot
 * be dated after today.
 */
const newPage = useBrowser();

/** The error text under a form field (ids are unique on the page), once it shows. */
const fieldError = (page: Page, id: string) =>
  page.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error');

describe('formats', () => {
  it('the customer form refuses a phone, postcode and website that are not one, and saves good ones (zh-CN)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    const id = (await completeCustomerOf(page)).id;
    const before = await (await page.request.get(`/api/v1/customers/${id}`)).json();
    await page.goto(`/customers/${id}?tab=details`);
    await button(page, '编辑客户信息').click();
    await page.locator('#customer_phone').fill('abc');
    await page.locator('#customer_postcode').fill('abcdefgh');
    await page.locator('#customer_website').fill('not a url');
    await button(page, '保存').click();
    await expect.poll(() => fieldError(page, 'customer_phone').textContent()).toContain('请输入正确的电话号码');
    expect(await fieldError(page, 'customer_postcode').textContent()).toBe('邮政编码应为 6 位数字');
    expect(await fieldError(page, 'customer_website').textContent()).toContain('请输入正确的网址');
    expect((await (await page.request.get(`/api/v1/customers/${id}`)).json()).version).toBe(before.version);

    await page.locator('#customer_phone').fill('010-68512345 转 8001');
    await page.locator('#customer_postcode').fill('100080');
    await page.locator('#customer_website').fill('www.example.com.cn');
    await button(page, '保存').click();
    await toast(page, '保存成功').waitFor();
    // the scheme is added by the server, and the website opens as a link
    await page.getByTestId('customer-details').getByRole('link', { name: 'http://www.example.com.cn' }).waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('the contact dialog refuses an office phone and a mobile that are not one (en)', async () => {
    const page = await newPage('en');
    await signIn(page, 'manager1');
    await page.goto(`/customers/${(await completeCustomerOf(page)).id}?tab=contacts`);
    await button(page, 'New contact').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#contact_name').fill('Format Test');
    await dialog.getByText('Female', { exact: true }).click();
    await dialog.locator('#contact_position').fill('Buyer');
    await dialog.locator('#contact_officePhone').fill('电话号码xyz');
    await dialog.locator('#contact_mobile').fill('123');
    await button(dialog, 'Save').click();
    await expect.poll(() => fieldError(page, 'contact_officePhone').textContent()).toContain('Enter a phone number');
    expect(await fieldError(page, 'contact_mobile').textContent()).toContain('Enter a mobile number');
    await dialog.locator('#contact_officePhone').fill('+86 (10) 6600-1122');
    await dialog.locator('#contact_mobile').fill('+86 13912345678');
    await button(dialog, 'Save').click();
    await toast(page, 'Saved successfully').waitFor();
    await page.locator('.ant-table-row', { hasText: 'Format Test' }).waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('the opportunity form refuses a phone that is not one and a success rate of 150, without changing it (zh-CN)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    await page.goto('/opportunities');
    await button(page, '新建销售机会').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#opportunity_customerName').fill(`格式检查公司${Date.now().toString(36)}`);
    await dialog.locator('#opportunity_successRate').fill('150');
    await dialog.locator('#opportunity_summary').fill('格式检查');
    await dialog.locator('#opportunity_contactPhone').fill('abc-phone!!');
    await dialog.locator('#opportunity_description').fill('格式检查');
    await button(dialog, '保存').click();
    await expect
      .poll(() => fieldError(page, 'opportunity_successRate').textContent())
      .toBe('成功机率须为 0 到 100 之间的整数');
    expect(await dialog.locator('#opportunity_successRate').inputValue()).toBe('150');
    expect(await fieldError(page, 'opportunity_contactPhone').textContent()).toContain('请输入正确的电话号码');
    expect(await dialog.isVisible()).toBe(true);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('an interaction record cannot be dated after today (zh-CN)', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    await page.goto(`/customers/${(await completeCustomerOf(page)).id}?tab=activities`);
    await button(page, '新建交往记录').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#activity_date').click();
    const day = (offset: number) => {
      const d = new Date(Date.now() + offset * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const panel = page.locator('.ant-picker-dropdown:visible');
    await panel.locator(`td[title="${day(0)}"]`).waitFor();
    expect(await panel.locator(`td[title="${day(0)}"]`).getAttribute('class')).not.toContain('disabled');
    // tomorrow may be on the next month's page of the calendar
    if (!(await panel.locator(`td[title="${day(1)}"]`).count()))
      await panel.locator('.ant-picker-header-next-btn').click();
    expect(await panel.locator(`td[title="${day(1)}"]`).getAttribute('class')).toContain('ant-picker-cell-disabled');
    expect(unexpectedProblems(page)).toEqual([]);
  });
});
