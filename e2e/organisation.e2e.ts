import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, button, navigate, signIn, toast, unexpectedProblems, useBrowser } from './browser.ts';

/**
 * Departments and data scope (docs/organisation.md#departments, #data-scope, rule 7): an administrator creates a
 * department under an existing one, puts a user in it, and narrows a role's customer scope in the role dialog —
 * and that user's customer list shrinks to what the narrower scope allows.
 */
const newPage = useBrowser();

/** Picks a tree select's department by its exact name, then waits until the dropdown has closed. */
async function pickDepartment(page: Page, control: Locator, name: string) {
  await control.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title')
    .filter({ hasText: new RegExp(`^${name}$`) })
    .click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** Saves a dialog and waits for 「保存成功」 and for it to close. */
async function save(page: Page, dialog: Locator) {
  await button(dialog, '保存').click();
  await toast(page, '保存成功').waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

describe('departments and data scope (部门管理、数据权限)', () => {
  it('an administrator creates a department under another, puts a user in it and narrows a role’s scope', async () => {
    const page = await newPage('zh-CN');
    await signIn(page, 'admin');
    const stamp = Date.now().toString(36);
    const parent = await api(page, 'POST', '/departments', { name: `销售部${stamp}` });
    const role = await api(page, 'POST', '/roles', {
      code: `r${stamp}`,
      name: `区域角色${stamp}`,
      permissions: ['customer.read'],
    });
    expect(role.dataScope.customers).toBe('all');
    const user = await api(page, 'POST', '/users', {
      username: `dept${stamp}`,
      displayName: `部门成员${stamp}`,
      password: 'secret-pass-1',
      roles: [role.code],
    });

    // the user, holding only that role, sees a customer of someone else's in their list
    const userPage = await newPage('zh-CN');
    await signIn(userPage, user.username, 'secret-pass-1');
    const owned = (await api(userPage, 'GET', '/customers?pool=false&pageSize=1')).items[0] as { name: string };
    const customerList = `/customers?name=${encodeURIComponent(owned.name)}`;
    await userPage.goto(customerList);
    await userPage.locator('.ant-table-row', { hasText: owned.name }).first().waitFor();

    // 部门管理: a new department under the existing one, its parent chosen in the tree select
    await navigate(page, '部门管理');
    await page.waitForURL('**/admin/departments');
    await page.locator('.department-tree').getByText(parent.name, { exact: true }).waitFor();
    await button(page, '新建部门').click();
    const dialog = page.getByRole('dialog');
    const childName = `华北销售部${stamp}`;
    await dialog.locator('#department_name').fill(childName);
    await pickDepartment(page, dialog.locator('#department_parentId'), parent.name);
    await save(page, dialog);
    await page.locator('.department-tree').getByText(childName, { exact: true }).waitFor();
    const child = ((await api(page, 'GET', '/departments')) as { id: number; name: string; parentId: number }[]).find(
      (d) => d.name === childName,
    )!;
    expect(child.parentId).toBe(parent.id);

    // 用户管理: the user's department, chosen in the user form
    await navigate(page, '用户管理');
    await page.waitForURL('**/admin/users');
    await page.locator('#filters_q').fill(user.username);
    await button(page, '查询').click();
    const row = page.locator('.ant-table-row', { hasText: user.username });
    await row.waitFor();
    await button(row, '编辑').click();
    const userDialog = page.getByRole('dialog');
    await pickDepartment(page, userDialog.locator('#departmentId'), childName);
    await userDialog.locator('#email').fill(`dept${stamp}@example.com`);
    await save(page, userDialog);

    // 角色管理: the role's customers narrowed to 本部门
    await navigate(page, '角色管理');
    await page.waitForURL('**/admin/roles');
    const roleRow = page.locator('.ant-table-row', { hasText: role.name });
    await button(roleRow, '编辑').click();
    const roleDialog = page.getByRole('dialog');
    await roleDialog.locator('#dataScope_customers').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="本部门"]').click();
    await save(page, roleDialog);

    // what the server now holds
    const departments = (await api(page, 'GET', '/departments')) as { id: number; userCount: number }[];
    expect(departments.find((d) => d.id === child.id)!.userCount).toBe(1);
    const members = await api(page, 'GET', `/users?departmentId=${child.id}`);
    expect(members.items.map((u: { id: number }) => u.id)).toEqual([user.id]);
    expect(members.items[0].email).toBe(`dept${stamp}@example.com`);
    const after = await api(page, 'GET', `/roles/${role.id}`);
    expect(after.dataScope).toEqual({ ...role.dataScope, customers: 'department' });
    expect(unexpectedProblems(page)).toEqual([]);

    // the user's list shrinks at once: their department has no manager, so only pool customers remain
    await userPage.goto(customerList);
    await userPage.locator('.ant-table .ant-empty').waitFor();
    expect(await userPage.locator('.ant-table-row', { hasText: owned.name }).count()).toBe(0);
    const visible = await api(userPage, 'GET', '/customers?pageSize=100');
    expect(visible.items.every((c: { managerId: number | null }) => c.managerId === null)).toBe(true);
    expect(unexpectedProblems(userPage)).toEqual([]);
    // the other journeys find the demo's four roles
    await api(page, 'PATCH', `/users/${user.id}`, { roles: ['executive'], active: false });
    const removed = await page.request.delete(`/api/v1/roles/${role.id}`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(removed.status()).toBe(204);
  });
});
