import {
  PERMISSIONS,
  permissionDescription,
  permissionModule,
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

export async function listUsers(db: Db, q: PageQuery & { q?: string; active?: 'true' | 'false' }) {
  const active = q.active === undefined ? undefined : q.active === 'true';
  const { items, total } = await repo.listUsers(db, { q: q.q, active, ...limitOffset(q) });
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

const duplicateUsername = (error: unknown) => {
  if (pgErrorCode(error) === '23505') throw validationFailed('username', 'This username is taken');
  throw error;
};

export async function createUser(db: Db, ctx: Ctx, body: CreateUserBody) {
  const passwordHash = await hashPassword(body.password);
  const id = await db
    .transaction(async (tx) => {
      const ids = await roleIds(tx, body.roles);
      const userId = await repo.insertUser(tx, {
        username: body.username,
        displayName: body.displayName,
        passwordHash,
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

/** Disabling a user or resetting their password ends their sessions at once (SPEC §8). */
export async function updateUser(db: Db, ctx: Ctx, id: number, body: UpdateUserBody) {
  if (
    id === ctx.actor.id &&
    (body.active === false || (body.roles && !body.roles.includes('admin') && ctx.actor.roles.includes('admin')))
  ) {
    throw new AppError('INVALID_STATE', 'You cannot disable yourself or take away your own administrator role');
  }
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  await db.transaction(async (tx) => {
    const before = await repo.findUser(tx, id);
    if (!before) throw notFound('User');
    const ids = body.roles ? await roleIds(tx, body.roles) : undefined;
    await repo.updateUser(tx, id, { displayName: body.displayName, active: body.active, passwordHash }, ctx.now);
    if (ids) await repo.setUserRoles(tx, id, ids);
    if (body.active === false || passwordHash) await deleteSessionsOfUser(tx, id);
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
  const id = await db
    .transaction(async (tx) => {
      const roleId = await repo.insertRole(tx, { code: body.code, name: body.name, description: body.description });
      await repo.setRolePermissions(tx, roleId, [...new Set(body.permissions)]);
      await audit(tx, ctx, { action: 'create', entity: 'role', entityId: roleId, after: body });
      return roleId;
    })
    .catch((error: unknown) => {
      if (pgErrorCode(error) === '23505') throw validationFailed('code', 'A role with this code exists');
      throw error;
    });
  return getRole(db, id);
}

export async function updateRole(db: Db, ctx: Ctx, id: number, body: UpdateRoleBody) {
  return db.transaction(async (tx) => {
    const before = await getRole(tx, id);
    await repo.updateRole(tx, id, { name: body.name, description: body.description });
    if (body.permissions) await repo.setRolePermissions(tx, id, [...new Set(body.permissions)]);
    const after = await getRole(tx, id);
    await audit(tx, ctx, { action: 'update', entity: 'role', entityId: id, before, after });
    return after;
  });
}

export async function deleteRole(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    const before = await getRole(tx, id);
    if (!(await repo.deleteUnusedRole(tx, id))) throw new AppError('IN_USE', 'Users still hold this role');
    await audit(tx, ctx, { action: 'delete', entity: 'role', entityId: id, before });
  });
}

export const listPermissions = () =>
  PERMISSIONS.map((code) => ({ code, module: permissionModule(code), description: permissionDescription(code) }));

export const listAssignees = (db: Db) => repo.listAssignees(db);
