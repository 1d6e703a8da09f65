import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { countsByUser, rows } from '../../db/sql.ts';

/**
 * Every `assigned` opportunity of `fromUserId` goes to `toUserId` (locked in id order first, as a single reassignment
 * locks its row); answers their ids.
 */
export async function moveAssignedOpportunities(tx: DbOrTx, fromUserId: number, toUserId: number, at: Date) {
  const moved = await rows<{ id: number }>(
    tx,
    sql`with locked as (
          select o.id from opportunities o where o.assignee_id = ${fromUserId} and o.status = 'assigned'
          order by o.id for update
        )
        update opportunities o set assignee_id = ${toUserId}, assigned_at = ${at.toISOString()}::timestamptz,
          version = o.version + 1
        from locked where o.id = locked.id and o.status = 'assigned' and o.assignee_id = ${fromUserId}
        returning o.id`,
  );
  return moved.map((r) => r.id).sort((a, b) => a - b);
}

/** How many `assigned` opportunities each of these users holds (docs/organisation.md#transfer-and-handover, rule 4). */
export const opportunitiesHeldBy = (db: DbOrTx, userIds: number[]) =>
  countsByUser(
    db,
    sql`select o.assignee_id as user_id, count(*)::int as n from opportunities o
        where o.assignee_id = any(${sql.param(userIds)}::int[]) and o.status = 'assigned' group by o.assignee_id`,
  );
