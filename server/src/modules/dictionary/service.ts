import type { CreateDictionaryBody, PageQuery, UpdateDictionaryBody } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalidState, notFound, pgErrorCode, validationFailed } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import * as repo from './repo.ts';

export async function listDictionary(db: Db, q: PageQuery & { type?: string; item?: string }) {
  const { items, total } = await repo.listEntries(db, { type: q.type, item: q.item, ...limitOffset(q) });
  return pageOf(items, total, q);
}

export const listDictionaryTypes = (db: Db) => repo.listTypes(db);

async function getEntry(db: DbOrTx, id: number) {
  const entry = await repo.findEntry(db, id);
  if (!entry) throw notFound('Dictionary entry');
  return entry;
}
export { getEntry as getDictionaryEntry };

const duplicateItem = (error: unknown): never => {
  if (pgErrorCode(error) === '23505') throw validationFailed('item', 'This type already has an entry with this item');
  throw error;
};

export async function createDictionaryEntry(db: Db, ctx: Ctx, body: CreateDictionaryBody) {
  return db
    .transaction(async (tx) => {
      const id = await repo.insertEntry(tx, body);
      const after = await getEntry(tx, id);
      await audit(tx, ctx, { action: 'create', entity: 'dictionary', entityId: id, after });
      return after;
    })
    .catch(duplicateItem);
}

/** docs/product.md#data-dictionary, rule 4: only editable entries change; `editable` can be turned off, never on. */
export async function updateDictionaryEntry(db: Db, ctx: Ctx, id: number, body: UpdateDictionaryBody) {
  return db
    .transaction(async (tx) => {
      const before = await getEntry(tx, id);
      if (body.type !== undefined && body.type !== before.type && before.inUse) {
        throw new AppError('IN_USE', 'Data uses this entry, so its type cannot change');
      }
      if (!(await repo.updateEditableEntry(tx, id, body))) throw invalidState('This entry is not editable');
      const after = await getEntry(tx, id);
      await audit(tx, ctx, { action: 'update', entity: 'dictionary', entityId: id, before, after });
      return after;
    })
    .catch(duplicateItem);
}

/** An entry that data still uses cannot be deleted: the foreign keys refuse, and the answer is 409 IN_USE. */
export async function deleteDictionaryEntry(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    const before = await getEntry(tx, id);
    if (before.inUse) throw new AppError('IN_USE', 'Data still uses this entry');
    if (!(await repo.deleteEditableEntry(tx, id))) throw invalidState('This entry is not editable');
    await audit(tx, ctx, { action: 'delete', entity: 'dictionary', entityId: id, before });
  });
}
