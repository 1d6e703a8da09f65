import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { RoleCode } from '@crm/contracts';
import { hashPassword } from '../../platform/passwords.ts';
import type { DbOrTx } from '../client.ts';
import { roles, userRoles, users } from '../schema/index.ts';

/** Creates a user with roles; shared by the first start, the demo company and the tests' factories. */
export async function insertUserWithRoles(
  tx: DbOrTx,
  u: { username: string; displayName: string; password: string; roles: RoleCode[] | string[]; active?: boolean },
) {
  const [row] = await tx
    .insert(users)
    .values({
      username: u.username,
      displayName: u.displayName,
      passwordHash: await hashPassword(u.password),
      active: u.active ?? true,
    })
    .returning({ id: users.id });
  const found = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(inArray(roles.code, u.roles as string[]));
  if (found.length) await tx.insert(userRoles).values(found.map((r) => ({ userId: row!.id, roleId: r.id })));
  return row!.id;
}

export const DEMO_PASSWORD = 'demo1234';

/** docs/product.md#api-conventions, rule 12, first start: the demo accounts. */
export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
  { username: 'director', displayName: '王主管', roles: ['director'] },
  { username: 'manager1', displayName: '李经理', roles: ['manager'] },
  { username: 'manager2', displayName: '张经理', roles: ['manager'] },
  { username: 'executive', displayName: '赵总', roles: ['executive'] },
] as const;

export async function seedDemoUsers(tx: DbOrTx) {
  const ids: Record<string, number> = {};
  for (const u of DEMO_USERS)
    ids[u.username] = await insertUserWithRoles(tx, { ...u, roles: [...u.roles], password: DEMO_PASSWORD });
  return ids;
}

/** Without the demo, only `admin`: with CRM_ADMIN_PASSWORD, or a random password the caller prints once. */
export async function seedAdmin(tx: DbOrTx, password: string | undefined) {
  const chosen = password ?? randomBytes(12).toString('base64url');
  await insertUserWithRoles(tx, { username: 'admin', displayName: '系统管理员', password: chosen, roles: ['admin'] });
  return password ? undefined : chosen;
}

export const userIdByName = async (tx: DbOrTx, username: string) =>
  (await tx.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id;
