import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { countsByUser, rows } from '../../db/sql.ts';

/**
 * Every `assigned` service of `fromUserId` goes to `toUserId`, each with an `assigned` event in its history (by
 * `actorId`, as a reassignment writes one); answers their ids.
 */
export async function moveAssignedServices(
  tx: DbOrTx,
  v: { fromUserId: number; toUserId: number; actorId: number; at: Date },
) {
  const at = v.at.toISOString();
  const moved = await rows<{ id: number }>(
    tx,
    sql`with locked as (
          select s.id from services s where s.assignee_id = ${v.fromUserId} and s.status = 'assigned'
          order by s.id for update
        ), moved as (
          update services s set assignee_id = ${v.toUserId}, assigned_at = ${at}::timestamptz
          from locked where s.id = locked.id and s.status = 'assigned' and s.assignee_id = ${v.fromUserId}
          returning s.id
        ), logged as (
          insert into service_events (service_id, kind, user_id, assignee_id, at)
          select moved.id, 'assigned', ${v.actorId}, ${v.toUserId}, ${at}::timestamptz from moved
        )
        select id from moved`,
  );
  return moved.map((r) => r.id).sort((a, b) => a - b);
}

/** How many `assigned` services each of these users holds (docs/organisation.md#transfer-and-handover, rule 4). */
export const servicesHeldBy = (db: DbOrTx, userIds: number[]) =>
  countsByUser(
    db,
    sql`select s.assignee_id as user_id, count(*)::int as n from services s
        where s.assignee_id = any(${sql.param(userIds)}::int[]) and s.status = 'assigned' group by s.assignee_id`,
  );
