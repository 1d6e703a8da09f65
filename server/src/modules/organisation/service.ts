import type { CreateDepartmentBody, UpdateDepartmentBody } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound, pgErrorCode, validationFailed } from '../../platform/errors.ts';
import * as repo from './repo.ts';

export const listDepartments = (db: Db) => repo.listDepartments(db);

async function getDepartment(db: DbOrTx, id: number) {
  const department = await repo.findDepartment(db, id);
  if (!department) throw notFound('Department');
  return department;
}

/**
 * Every change of the tree takes this lock first (docs/organisation.md#departments, rules 3 and 5): two moves at the
 * same moment (A under B, B under A) then run one after the other, and the second sees the first and is refused
 * instead of closing a cycle; a new department reads its parent's ancestors as they are after any move.
 */
const DEPARTMENT_TREE_LOCK = 4_711_030;
const lockTree = (tx: DbOrTx) => repo.advisoryXactLock(tx, DEPARTMENT_TREE_LOCK);

/** docs/organisation.md#departments, rule 1: a name is unique among its siblings, whatever its case. */
const duplicateName = (error: unknown): never => {
  if (pgErrorCode(error) === '23505') {
    const message = 'The parent already has a department of this name';
    throw new AppError('CONFLICT', message, [{ path: 'name', message }]);
  }
  throw error;
};

async function requireParent(tx: DbOrTx, parentId: number | null | undefined) {
  if (parentId != null && !(await repo.departmentExists(tx, parentId)))
    throw validationFailed('parentId', 'No such department');
}

/** docs/organisation.md#departments, rule 3: an unknown or disabled leader names the field. */
async function requireLeader(tx: DbOrTx, leaderId: number | null | undefined) {
  if (leaderId != null && !(await repo.isActiveUser(tx, leaderId)))
    throw validationFailed('leaderId', 'The leader must be an active user');
}

export async function createDepartment(db: Db, ctx: Ctx, body: CreateDepartmentBody) {
  return db
    .transaction(async (tx) => {
      await lockTree(tx);
      await requireParent(tx, body.parentId);
      await requireLeader(tx, body.leaderId);
      const id = await repo.insertDepartment(tx, {
        name: body.name,
        parentId: body.parentId ?? null,
        leaderId: body.leaderId ?? null,
      });
      const after = await getDepartment(tx, id);
      await audit(tx, ctx, { action: 'create', entity: 'department', entityId: id, after });
      return after;
    })
    .catch(duplicateName);
}

/** Rename, re-lead or move; a move never goes under the department itself or below it (rule 3). */
export async function updateDepartment(db: Db, ctx: Ctx, id: number, body: UpdateDepartmentBody) {
  return db
    .transaction(async (tx) => {
      await lockTree(tx);
      const before = await getDepartment(tx, id);
      const moving = body.parentId !== undefined && body.parentId !== before.parentId;
      if (moving) {
        await requireParent(tx, body.parentId);
        if (body.parentId !== null && (await repo.isInSubtree(tx, id, body.parentId!)))
          throw validationFailed('parentId', 'A department cannot move under itself or a department below it');
      }
      await requireLeader(tx, body.leaderId);
      await repo.updateDepartment(tx, id, { name: body.name, parentId: body.parentId, leaderId: body.leaderId });
      if (moving) await repo.moveSubtree(tx, id, body.parentId ?? null);
      const after = await getDepartment(tx, id);
      await audit(tx, ctx, { action: 'update', entity: 'department', entityId: id, before, after });
      return after;
    })
    .catch(duplicateName);
}

/** docs/organisation.md#departments, rule 4: only a department without users and sub-departments goes. */
export async function deleteDepartment(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    await lockTree(tx);
    const before = await getDepartment(tx, id);
    if (!(await repo.deleteEmptyDepartment(tx, id)))
      throw new AppError('IN_USE', 'The department still has users or sub-departments');
    await audit(tx, ctx, { action: 'delete', entity: 'department', entityId: id, before });
  });
}

/** For the users of the access module: is there such a department? */
export const departmentExists = (db: DbOrTx, id: number) => repo.departmentExists(db, id);
