import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { type DataScope, type Role, SCOPE_FAMILIES, type ScopeFamily, type User } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { rolePermissions, roles, roleScopes, userRoles, users } from '../../db/schema/index.ts';
import { rows, whereOf } from '../../db/sql.ts';
import { containsPattern } from '../../platform/pagination.ts';
import { userInScope, type Reader } from '../../platform/scope.ts';

const userColumns = sql`u.id, u.username, u.display_name as "displayName", u.active,
  u.department_id as "departmentId", u.email, u.created_at as "createdAt",
  coalesce((select array_agg(r.code order by r.code) from user_roles ur join roles r on r.id = ur.role_id
            where ur.user_id = u.id), '{}') as roles`;

export async function listUsers(
  db: DbOrTx,
  f: { q?: string; active?: boolean; departmentId?: number; limit: number; offset: number; scope?: ScopeOf },
) {
  const where = whereOf([
    f.scope && userInScope(f.scope.reader, f.scope.family, sql`u.id`),
    f.q && sql`(u.username ilike ${containsPattern(f.q)} or u.display_name ilike ${containsPattern(f.q)})`,
    f.active !== undefined && sql`u.active = ${f.active}`,
    f.departmentId !== undefined && sql`u.department_id = ${f.departmentId}`,
  ]);
  const items = await rows<User>(
    db,
    sql`select ${userColumns} from users u ${where} order by u.username limit ${f.limit} offset ${f.offset}`,
  );
  const [total] = await rows<{ n: number }>(db, sql`select count(*)::int as n from users u ${where}`);
  return { items, total: total?.n ?? 0 };
}

export async function findUser(db: DbOrTx, id: number): Promise<User | undefined> {
  const [u] = await rows<User>(db, sql`select ${userColumns} from users u where u.id = ${id}`);
  return u;
}

export async function findUserForLogin(db: DbOrTx, username: string) {
  const [u] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return u;
}

export const findPasswordHash = async (db: DbOrTx, id: number) =>
  (await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id)))[0]?.passwordHash;

export async function insertUser(
  db: DbOrTx,
  v: { username: string; displayName: string; passwordHash: string; departmentId: number | null; email: string | null },
) {
  const [row] = await db.insert(users).values(v).returning({ id: users.id });
  return row!.id;
}

export const updateUser = (
  db: DbOrTx,
  id: number,
  v: Partial<{
    displayName: string;
    passwordHash: string;
    active: boolean;
    departmentId: number | null;
    email: string | null;
  }>,
  now: Date,
) =>
  db
    .update(users)
    .set({ ...v, updatedAt: now })
    .where(eq(users.id, id));

export async function setUserRoles(db: DbOrTx, userId: number, roleIds: number[]) {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roleIds.length) await db.insert(userRoles).values(roleIds.map((roleId) => ({ userId, roleId })));
}

export const findRolesByCodes = (db: DbOrTx, codes: string[]) =>
  db.select({ id: roles.id, code: roles.code }).from(roles).where(inArray(roles.code, codes));

const roleColumns = sql`r.id, r.code, r.name, r.description, r.require_two_factor as "requireTwoFactor",
  coalesce((select array_agg(p.permission order by p.permission) from role_permissions p where p.role_id = r.id), '{}') as permissions,
  (select json_build_object(${sql.raw(
    SCOPE_FAMILIES.map((f) => `'${f}', coalesce(max(s.scope) filter (where s.family = '${f}'), 'self')`).join(', '),
  )}) from role_scopes s where s.role_id = r.id) as "dataScope",
  (select count(*)::int from user_roles ur where ur.role_id = r.id) as "userCount"`;

export const listRoles = (db: DbOrTx) => rows<Role>(db, sql`select ${roleColumns} from roles r order by r.id`);

export async function findRole(db: DbOrTx, id: number): Promise<Role | undefined> {
  const [r] = await rows<Role>(db, sql`select ${roleColumns} from roles r where r.id = ${id}`);
  return r;
}

export async function insertRole(
  db: DbOrTx,
  v: { code: string; name: string; description: string; requireTwoFactor: boolean },
) {
  const [row] = await db.insert(roles).values(v).returning({ id: roles.id });
  return row!.id;
}

export async function updateRole(
  db: DbOrTx,
  id: number,
  v: Partial<{ name: string; description: string; requireTwoFactor: boolean }>,
) {
  const changes = Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length) await db.update(roles).set(changes).where(eq(roles.id, id));
}

export async function setRolePermissions(db: DbOrTx, roleId: number, permissions: string[]) {
  await db.delete(rolePermissions).where(eq(rolePermissions.roleId, roleId));
  if (permissions.length)
    await db.insert(rolePermissions).values(permissions.map((permission) => ({ roleId, permission })));
}

export async function setRoleScopes(db: DbOrTx, roleId: number, scope: DataScope) {
  await db
    .insert(roleScopes)
    .values(SCOPE_FAMILIES.map((family) => ({ roleId, family, scope: scope[family] })))
    .onConflictDoUpdate({ target: [roleScopes.roleId, roleScopes.family], set: { scope: sql`excluded.scope` } });
}

/** Deletes the role only while no user holds it; answers whether it did. */
export async function deleteUnusedRole(db: DbOrTx, id: number): Promise<boolean> {
  const deleted = await db
    .delete(roles)
    .where(and(eq(roles.id, id), sql`not exists (select 1 from user_roles ur where ur.role_id = ${id})`))
    .returning({ id: roles.id });
  return deleted.length > 0;
}

/** Whose scope a user must be inside, for one record family (docs/organisation.md#data-scope, rule 5). */
export type ScopeOf = { reader: Reader; family: ScopeFamily };

const inScope = (scope: ScopeOf | undefined) =>
  scope ? userInScope(scope.reader, scope.family, sql`${users.id}`) : sql`true`;

/**
 * Active users holding the manager role (docs/product.md#access-control, rule 7, §8), inside the reader's scope for
 * the family the work belongs to (docs/organisation.md#data-scope, rule 5: the pickers offer only users in scope).
 */
export async function listAssignees(db: DbOrTx, scope: ScopeOf) {
  return db
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(users.active, true), eq(roles.code, 'manager'), inScope(scope)))
    .orderBy(asc(users.displayName), asc(users.id));
}

/** An active manager; with `scope`, also inside that reader's scope for the family (a director's assignee). */
export async function isActiveManager(db: DbOrTx, userId: number, scope?: ScopeOf): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(users.id, userId), eq(users.active, true), eq(roles.code, 'manager'), inScope(scope)));
  return (row?.n ?? 0) > 0;
}

/** Every permission the roles hold, once each. */
export async function permissionsOfRoles(db: DbOrTx, roleIds: number[]): Promise<string[]> {
  if (!roleIds.length) return [];
  const found = await db
    .selectDistinct({ permission: rolePermissions.permission })
    .from(rolePermissions)
    .where(inArray(rolePermissions.roleId, roleIds));
  return found.map((r) => r.permission);
}

/** Every permission a user holds through their roles. */
export async function permissionsOfUser(db: DbOrTx, userId: number): Promise<string[]> {
  const found = await db
    .selectDistinct({ permission: rolePermissions.permission })
    .from(rolePermissions)
    .innerJoin(userRoles, eq(userRoles.roleId, rolePermissions.roleId))
    .where(eq(userRoles.userId, userId));
  return found.map((r) => r.permission);
}

/** Whether some active user holds every one of `permissions` (through any of their roles). */
export async function someActiveUserHolds(db: DbOrTx, permissions: string[]): Promise<boolean> {
  const [row] = await rows<{ ok: boolean }>(
    db,
    sql`select exists (
          select 1 from users u
          where u.active and (
            select count(distinct rp.permission) from user_roles ur join role_permissions rp on rp.role_id = ur.role_id
            where ur.user_id = u.id and rp.permission = any(${sql.param(permissions)}::text[])
          ) = ${permissions.length}) as ok`,
  );
  return Boolean(row?.ok);
}

/** A lock held until the transaction ends, taking turns with every other holder of `key`. */
export async function advisoryXactLock(db: DbOrTx, key: number) {
  await db.execute(sql`select pg_advisory_xact_lock(${key})`);
}
