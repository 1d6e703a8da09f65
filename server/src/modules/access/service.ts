import {
  type AssigneeFamily,
  DATA_SCOPES,
  type DataScope,
  defaultDataScope,
  PERMISSIONS,
  SCOPE_FAMILIES,
  permissionDescription,
  permissionModule,
  type Permission,
  type CreateRoleBody,
  type CreateUserBody,
  type UpdateRoleBody,
  type UpdateUserBody,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import { pgErrorCode } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import type { PageQuery } from '@crm/contracts';
import { hashPassword } from '../../platform/passwords.ts';
import * as repo from './repo.ts';
import { deleteSessionsOfUser } from './session-repo.ts';
import { departmentExists } from '../organisation/index.ts';

export async function listUsers(
  db: Db,
  q: PageQuery & { q?: string; active?: 'true' | 'false'; departmentId?: number },
  scope?: repo.ScopeOf,
) {
  const active = q.active === undefined ? undefined : q.active === 'true';
  const { items, total } = await repo.listUsers(db, {
    q: q.q,
    active,
    departmentId: q.departmentId,
    scope,
    ...limitOffset(q),
  });
  return pageOf(items, total, q);
}

export async function getUser(db: Db, id: number) {
  const user = await repo.findUser(db, id);
  if (!user) throw notFound('User');
  return user;
}

async function roleIds(tx: DbOrTx, codes: string[]) {
  const unique = [...new Set(codes)];
  const found = await repo.findRolesByCodes(tx, unique);
  const missing = unique.filter((c) => !found.some((r) => r.code === c));
  if (missing.length) throw validationFailed('roles', `Unknown role: ${missing.join(', ')}`);
  return found.map((r) => r.id);
}

/** docs/organisation.md#departments, rule 3: an unknown department names the field. */
async function requireDepartment(tx: DbOrTx, departmentId: number | null | undefined) {
  if (departmentId != null && !(await departmentExists(tx, departmentId)))
    throw validationFailed('departmentId', 'No such department');
}

/** The two permissions that manage access itself. */
const KEEPER_PERMISSIONS: Permission[] = ['user.manage', 'role.manage'];

/**
 * The permissions among `permissions` that the actor does not hold. Holding both `user.manage` and `role.manage` is
 * the administrator's authority and counts as holding every permission: whoever holds both can put any permission
 * into a role of their own and take that role, so nothing is gained by making them do it first.
 */
function notHeld(ctx: Ctx, permissions: string[]) {
  if (KEEPER_PERMISSIONS.every((p) => ctx.actor.can(p))) return [];
  return [...new Set(permissions)].filter((p) => !ctx.actor.can(p as Permission)).sort();
}

/**
 * Nobody hands out more than they hold: a role given to a user, or a permission put into a role, must hold only
 * permissions the actor holds too, and a user (or role) holding more than the actor is out of their reach —
 * otherwise `user.manage` alone would reach every other permission by giving its holder the administrator's role.
 */
function requireHeld(ctx: Ctx, permissions: string[], path: string, what: string) {
  const missing = notHeld(ctx, permissions);
  if (missing.length) {
    const message = `${what} permissions you do not hold yourself: ${missing.join(', ')}`;
    throw new AppError('FORBIDDEN', message, [{ path, message }]);
  }
}

/** Nor may a role see further than its editor: no family's scope wider than the actor's own. */
function requireScopeHeld(ctx: Ctx, scope: DataScope) {
  const wider = SCOPE_FAMILIES.filter(
    (f) => DATA_SCOPES.indexOf(scope[f]) > DATA_SCOPES.indexOf(ctx.actor.dataScope[f]),
  );
  if (wider.length) {
    const message = `A role cannot see further than you do: ${wider.join(', ')}`;
    throw new AppError('FORBIDDEN', message, [{ path: `dataScope.${wider[0]}`, message }]);
  }
}

/** Changes of who may manage users and roles are made one at a time, so that the check below holds across them. */
const ACCESS_ADMINISTRATION_LOCK = 4_711_020;
const lockAccessAdministration = (tx: DbOrTx) => repo.advisoryXactLock(tx, ACCESS_ADMINISTRATION_LOCK);

/** A change may not leave the system without any active user who can manage users and roles (checked before commit). */
async function requireAccessAdministrator(tx: DbOrTx, path: string) {
  if (!(await repo.someActiveUserHolds(tx, KEEPER_PERMISSIONS))) {
    const message =
      'At least one active user must keep the permissions to manage users and roles (user.manage and role.manage)';
    throw new AppError('INVALID_STATE', message, [{ path, message }]);
  }
}

const duplicateUsername = (error: unknown) => {
  if (pgErrorCode(error) === '23505') throw validationFailed('username', 'This username is taken');
  throw error;
};

export async function createUser(db: Db, ctx: Ctx, body: CreateUserBody) {
  const passwordHash = await hashPassword(body.password);
  const id = await db
    .transaction(async (tx) => {
      const ids = await roleIds(tx, body.roles);
      requireHeld(ctx, await repo.permissionsOfRoles(tx, ids), 'roles', 'These roles hold');
      await requireDepartment(tx, body.departmentId);
      const userId = await repo.insertUser(tx, {
        username: body.username,
        displayName: body.displayName,
        passwordHash,
        departmentId: body.departmentId ?? null,
        email: body.email ?? null,
      });
      await repo.setUserRoles(tx, userId, ids);
      await audit(tx, ctx, {
        action: 'create',
        entity: 'user',
        entityId: userId,
        after: { ...body, password: undefined },
      });
      return userId;
    })
    .catch(duplicateUsername);
  return getUser(db, id);
}

/**
 * Disabling a user or resetting their password ends their sessions at once (docs/product.md#access-control, rule 4): a
 * disabled user's session answers 403 ACCOUNT_DISABLED from then on, and enabling the user again ends it for good. Only
 * a user whose permissions the actor holds all of may have their password, roles or status changed.
 */
export async function updateUser(db: Db, ctx: Ctx, id: number, body: UpdateUserBody) {
  if (id === ctx.actor.id && body.active === false) {
    throw validationFailed('active', 'You cannot disable your own account');
  }
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  await db.transaction(async (tx) => {
    await lockAccessAdministration(tx);
    const before = await repo.findUser(tx, id);
    if (!before) throw notFound('User');
    // a department widens what the user sees under a department scope (docs/organisation.md#data-scope, rule 3)
    if (passwordHash || body.roles || body.active !== undefined || body.departmentId !== undefined) {
      requireHeld(ctx, await repo.permissionsOfUser(tx, id), 'id', 'This user holds');
    }
    const ids = body.roles ? await roleIds(tx, body.roles) : undefined;
    if (ids) {
      const granted = await repo.permissionsOfRoles(tx, ids);
      requireHeld(ctx, granted, 'roles', 'These roles hold');
      const kept = KEEPER_PERMISSIONS.filter((p) => !ctx.actor.can(p) || granted.includes(p));
      if (id === ctx.actor.id && kept.length < KEEPER_PERMISSIONS.length) {
        throw validationFailed('roles', 'You cannot take away your own permission to manage users or roles');
      }
    }
    await requireDepartment(tx, body.departmentId);
    await repo.updateUser(
      tx,
      id,
      {
        displayName: body.displayName,
        active: body.active,
        passwordHash,
        departmentId: body.departmentId,
        email: body.email,
      },
      ctx.now,
    );
    if (ids) await repo.setUserRoles(tx, id, ids);
    // a session that answered "disabled" must not come back to life when the user is enabled again
    if (passwordHash || (body.active === true && !before.active)) await deleteSessionsOfUser(tx, id);
    if (ids || body.active === false) await requireAccessAdministrator(tx, ids ? 'roles' : 'active');
    const after = await repo.findUser(tx, id);
    await audit(tx, ctx, {
      action: 'update',
      entity: 'user',
      entityId: id,
      before,
      after: { ...after, passwordReset: Boolean(passwordHash) },
    });
  });
  return getUser(db, id);
}

export const listRoles = (db: Db) => repo.listRoles(db);

export async function getRole(db: DbOrTx, id: number) {
  const role = await repo.findRole(db, id);
  if (!role) throw notFound('Role');
  return role;
}

export async function createRole(db: Db, ctx: Ctx, body: CreateRoleBody) {
  requireHeld(ctx, body.permissions, 'permissions', 'A role cannot get');
  const dataScope = body.dataScope ?? defaultDataScope(body.permissions);
  requireScopeHeld(ctx, dataScope);
  const id = await db
    .transaction(async (tx) => {
      const roleId = await repo.insertRole(tx, {
        code: body.code,
        name: body.name,
        description: body.description,
        requireTwoFactor: body.requireTwoFactor,
      });
      await repo.setRolePermissions(tx, roleId, [...new Set(body.permissions)]);
      await repo.setRoleScopes(tx, roleId, dataScope);
      await audit(tx, ctx, { action: 'create', entity: 'role', entityId: roleId, after: body });
      return roleId;
    })
    .catch((error: unknown) => {
      if (pgErrorCode(error) === '23505') throw validationFailed('code', 'A role with this code exists');
      throw error;
    });
  return getRole(db, id);
}

/** Only a role within the actor's own permissions may be edited, and it stays within them. */
export async function updateRole(db: Db, ctx: Ctx, id: number, body: UpdateRoleBody) {
  return db.transaction(async (tx) => {
    await lockAccessAdministration(tx);
    const before = await getRole(tx, id);
    requireHeld(ctx, before.permissions, 'permissions', 'This role holds');
    if (body.permissions) requireHeld(ctx, body.permissions, 'permissions', 'A role cannot get');
    if (body.dataScope) requireScopeHeld(ctx, body.dataScope);
    await repo.updateRole(tx, id, {
      name: body.name,
      description: body.description,
      requireTwoFactor: body.requireTwoFactor,
    });
    if (body.dataScope) await repo.setRoleScopes(tx, id, body.dataScope);
    if (body.permissions) {
      await repo.setRolePermissions(tx, id, [...new Set(body.permissions)]);
      await requireAccessAdministrator(tx, 'permissions');
    }
    const after = await getRole(tx, id);
    await audit(tx, ctx, { action: 'update', entity: 'role', entityId: id, before, after });
    return after;
  });
}

export async function deleteRole(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    const before = await getRole(tx, id);
    requireHeld(ctx, before.permissions, 'id', 'This role holds');
    if (!(await repo.deleteUnusedRole(tx, id))) throw new AppError('IN_USE', 'Users still hold this role');
    await audit(tx, ctx, { action: 'delete', entity: 'role', entityId: id, before });
  });
}

export const listPermissions = () =>
  PERMISSIONS.map((code) => ({ code, module: permissionModule(code), description: permissionDescription(code) }));

/** The pickers' managers, inside the reader's scope for `family` (docs/organisation.md#data-scope, rule 5). */
export const listAssignees = (db: Db, ctx: Ctx, family: AssigneeFamily) =>
  repo.listAssignees(db, { reader: ctx.actor, family });
