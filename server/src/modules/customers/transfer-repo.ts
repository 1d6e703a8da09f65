import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { countsByUser, rows } from '../../db/sql.ts';
import { customerInScope, type Reader } from '../../platform/scope.ts';

export type LockedOwner = { id: number; name: string; managerId: number | null; version: number; status: string };

/**
 * Locks, in id order (so that two transfers, or a transfer and a handover, of overlapping customers queue instead of
 * deadlocking), the customers of `ids` that are inside the reader's customer scope; an id outside it or unknown is
 * simply not among the answers.
 */
export async function lockCustomersInScope(tx: DbOrTx, reader: Reader, ids: number[]): Promise<LockedOwner[]> {
  return rows<LockedOwner>(
    tx,
    sql`select c.id, c.name, c.manager_id as "managerId", c.version, c.status from customers c
        where c.id = any(${sql.param(ids)}::int[]) and ${customerInScope(reader)}
        order by c.id for update`,
  );
}

/**
 * Locks, in id order, every customer `managerId` is responsible for — but the merged ones, which are read-only and go
 * nowhere (docs/duplicates-and-merge.md, rule 5).
 */
export async function lockCustomersOf(tx: DbOrTx, managerId: number): Promise<LockedOwner[]> {
  return rows<LockedOwner>(
    tx,
    sql`select c.id, c.name, c.manager_id as "managerId", c.version, c.status from customers c
        where c.manager_id = ${managerId} and c.status <> 'merged' order by c.id for update`,
  );
}

/** The locked customers get their new manager, their version one up; answers the ids that changed. */
export async function setManager(tx: DbOrTx, ids: number[], managerId: number, now: Date): Promise<number[]> {
  if (!ids.length) return [];
  const moved = await rows<{ id: number }>(
    tx,
    sql`update customers c set manager_id = ${managerId}, version = c.version + 1,
          updated_at = ${now.toISOString()}::timestamptz
        where c.id = any(${sql.param(ids)}::int[]) and c.manager_id is not null and c.manager_id <> ${managerId}
        returning c.id`,
  );
  return moved.map((r) => r.id).sort((a, b) => a - b);
}

/** How many customers each of these users manages (docs/organisation.md#transfer-and-handover, rule 4). */
export const customersHeldBy = (db: DbOrTx, userIds: number[]) =>
  countsByUser(
    db,
    sql`select c.manager_id as user_id, count(*)::int as n from customers c
        where c.manager_id = any(${sql.param(userIds)}::int[]) and c.status <> 'merged' group by c.manager_id`,
  );
