import { describe, expect, it } from 'vitest';
import {
  button,
  DEMO_PASSWORD,
  navigate,
  openMenu,
  seriousA11yViolations,
  signIn,
  toast,
  unexpectedProblems,
  useBrowser,
  pickOption,
} from './browser.ts';

const newPage = useBrowser();

describe('the foundation journey', () => {
  it('signs in as admin, creates a user, adds a dictionary entry, switches the language and signs out', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'admin');
    await expect.poll(() => page.locator('h1').textContent()).toBe('工作台');

    // Users: create one through the dialog
    const username = `e2e${Date.now().toString(36)}`;
    await navigate(page, '用户管理');
    await page.waitForURL('**/admin/users');
    await button(page, '新建用户').click();
    const userDialog = page.getByRole('dialog');
    await userDialog.locator('#username').fill(username);
    await userDialog.locator('#displayName').fill('端到端测试');
    await userDialog.locator('#password').fill('secret-pass-1');
    await userDialog.locator('#roles').click();
    // a multi-select's list stays open after a pick: clicking elsewhere closes it
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '客户经理' }).first().click();
    await userDialog.locator('#displayName').click();
    await button(userDialog, '保存').click();
    await toast(page, '保存成功').waitFor();
    await userDialog.waitFor({ state: 'hidden' });
    await page.getByLabel('用户名或姓名').fill(username);
    await button(page, '查询').click();
    await page.locator('.ant-table-row', { hasText: username }).waitFor();
    expect(await page.locator('.ant-table-row', { hasText: username }).textContent()).toContain('客户经理');

    // Data dictionary: an entry of a new type (free text in the type field), found by filtering on that type.
    // (A new type, not serviceType: the other journeys count the service types.)
    const type = `e2eType${Date.now() % 100000}`;
    await navigate(page, '数据字典');
    await page.waitForURL('**/dictionary');
    await expect.poll(() => page.locator('h1').textContent()).toBe('数据字典');
    // customerLevel entries come first, shown by the type's name
    await expect.poll(() => page.locator('.ant-table-row').first().textContent()).toContain('企业客户等级');
    await button(page, '新建条目').click();
    const entryDialog = page.getByRole('dialog');
    await entryDialog.locator('#type').fill(type);
    await entryDialog.locator('#item').click();
    await entryDialog.locator('#item').fill('回访');
    await entryDialog.locator('#value').fill('e2e');
    await button(entryDialog, '保存').click();
    await toast(page, '保存成功').waitFor();
    await entryDialog.waitFor({ state: 'hidden' });
    await page.getByLabel('类别').click();
    await pickOption(page, type);
    await button(page, '查询').click();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    const row = page.locator('.ant-table-row', { hasText: '回访' });
    expect(await row.textContent()).toContain(type);

    // The language switch: the same page in English, and the choice is remembered
    await page.locator('.app-header').getByText('English', { exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Data dictionary');
    await page.getByRole('columnheader', { name: 'Item' }).waitFor();
    await (await openMenu(page)).getByRole('menuitem', { name: 'Users' }).waitFor();
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Data dictionary');

    // Sign out: back on the sign-in page, and the pages need a new sign-in
    await page.getByRole('button', { name: /^User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.goto('/admin/users');
    await page.waitForURL('**/login');

    expect(unexpectedProblems(page)).toEqual([]);
  });

  // Each language's texts load when first needed (web/src/app/i18n.ts): the sign-in page has only the common texts,
  // the signed-in app brings the modules', a switch loads the other language's.
  it('switches the language on the sign-in page, keeps it after signing in and switches back there', async () => {
    const page = await newPage('zh-CN');
    await page.goto('/login');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.locator('#password').press('Enter');
    await page.getByRole('alert').filter({ hasText: '请输入用户名' }).waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
      'en',
      'Customer Relationship Management',
    ]);
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('#password').press('Enter');
    await page.locator('.app-layout').waitFor();
    await (await openMenu(page)).getByRole('menuitem', { name: 'Users' }).waitFor();
    if (await page.locator('.ant-drawer-open').count()) await page.keyboard.press('Escape');
    await page.locator('.app-header').getByText('中文', { exact: true }).click();
    await (await openMenu(page)).getByRole('menuitem', { name: '用户管理' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('refuses a wrong password with a clear message and keeps the user on the sign-in page', async () => {
    const page = await newPage('en');
    await page.goto('/login');
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('wrong-password');
    await page.locator('#password').press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Wrong username or password' }).waitFor();
    expect(page.url()).toContain('/login');
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('shows a manager only the menu entries their permissions allow, and 403 for an admin page', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'manager1');
    const menu = await openMenu(page);
    await menu.getByRole('menuitem', { name: '数据字典' }).waitFor();
    expect(await menu.getByRole('menuitem', { name: '用户管理' }).count()).toBe(0);
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('returns to the sign-in page saying the session expired when the session ends', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'admin');
    await navigate(page, '用户管理');
    await page.locator('.ant-table-row').first().waitFor();
    await page.context().clearCookies();
    // the audit log asks the API (nothing cached yet), which now answers 401
    await navigate(page, '操作日志');
    await page.waitForURL('**/login');
    await page.getByText('会话已过期，请重新登录').waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });
});

describe('accessibility (axe-core: no critical or serious violations)', () => {
  it('the sign-in page', async () => {
    const page = await newPage('zh-CN');
    await page.goto('/login');
    await page.locator('#username').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('the shell with the users list', async () => {
    const page = await newPage('en');
    await signIn(page, 'admin');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto('/admin/users');
    await page.locator('.ant-table-row').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
