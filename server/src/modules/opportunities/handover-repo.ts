import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

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
