import type { Permission } from '@crm/contracts';
import { expect } from 'vitest';
import type { Client, TestApp } from './harness.ts';

/**
 * Puts a user into a department, straight into the table (the user form's field belongs to the organisation module,
 * and these tests are about what a department scope lets a director do).
 */
export const inDepartment = (t: TestApp, userId: number, departmentId: number) =>
  t.database.query('update users set department_id = $2 where id = $1', [userId, departmentId]);

/** A top department with its closure row. */
export async function buildDepartment(t: TestApp, name: string) {
  const [dept] = await t.database.query<{ id: number }>('insert into departments (name) values ($1) returning id', [
    name,
  ]);
  await t.database.query('insert into department_paths (ancestor_id, descendant_id, depth) values ($1, $1, 0)', [
    dept!.id,
  ]);
  return dept!.id;
}

/**
 * A department with a manager and a director who sees only the department (every family `department`) and may
 * transfer and hand over (and whatever `more` permits): `const north = await regionalTeam(t, admin, '华北', 'north')`.
 * Usernames `<code>m`, `<code>d`, password `long-enough`.
 */
export async function regionalTeam(t: TestApp, admin: Client, name: string, code: string, more: Permission[] = []) {
  const departmentId = await buildDepartment(t, name);
  const role = await admin.post('/roles', {
    code: `regional-${code}`,
    name: `${name}主管`,
    permissions: ['customer.read', 'customer.transfer', 'user.handover', 'assignee.read', ...more],
    dataScope: { customers: 'department', opportunities: 'department', services: 'department', churn: 'department' },
  });
  expect(role.status).toBe(201);
  const user = async (username: string, roles: string[]) => {
    const res = await admin.post('/users', { username, displayName: username, password: 'long-enough', roles });
    expect(res.status).toBe(201);
    await inDepartment(t, res.body.id, departmentId);
    return res.body.id as number;
  };
  const managerId = await user(`${code}m`, ['manager']);
  const directorId = await user(`${code}d`, [role.body.code]);
  return { departmentId, managerId, directorId, director: await t.login(`${code}d`, 'long-enough') };
}

/**
 * A director who sees only one new department's customers and holds `customer.merge` (docs/duplicates-and-merge.md,
 * rule 9), with manager1 moved into that department: `const merger = await departmentMerger(t, admin, 'north')`.
 */
export async function departmentMerger(t: TestApp, admin: Client, code: string) {
  const departmentId = await buildDepartment(t, `${code}部`);
  const role = await admin.post('/roles', {
    code: `merge-${code}`,
    name: `${code}主管`,
    permissions: ['customer.read', 'customer.merge'],
    dataScope: { customers: 'department', opportunities: 'department', services: 'department', churn: 'department' },
  });
  expect(role.status).toBe(201);
  const user = await admin.post('/users', {
    username: `${code}merger`,
    displayName: code,
    password: 'long-enough',
    roles: [role.body.code],
  });
  expect(user.status).toBe(201);
  await inDepartment(t, user.body.id, departmentId);
  const [manager1] = await t.database.query<{ id: number }>("select id from users where username = 'manager1'");
  await inDepartment(t, manager1!.id, departmentId);
  return t.login(`${code}merger`, 'long-enough');
}
