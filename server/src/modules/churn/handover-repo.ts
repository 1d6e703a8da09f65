import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { countsByUser, rows } from '../../db/sql.ts';

const OPEN = sql`w.status in ('warning', 'delayed')`;

/** The open warnings of these customers go to `toManagerId`; answers their ids. */
export async function moveOpenWarningsOfCustomers(tx: DbOrTx, customerIds: number[], toManagerId: number) {
  if (!customerIds.length) return [];
  const moved = await rows<{ id: number }>(
    tx,
    sql`update churn_warnings w set manager_id = ${toManagerId}
        where w.customer_id = any(${sql.param(customerIds)}::int[]) and ${OPEN} and w.manager_id <> ${toManagerId}
        returning w.id`,
  );
  return moved.map((r) => r.id).sort((a, b) => a - b);
}

/** The open warnings raised for `fromUserId` go to `toUserId`; answers their ids. */
export async function moveOpenWarningsOfManager(tx: DbOrTx, fromUserId: number, toUserId: number) {
  const moved = await rows<{ id: number }>(
    tx,
    sql`update churn_warnings w set manager_id = ${toUserId}
        where w.manager_id = ${fromUserId} and ${OPEN}
        returning w.id`,
  );
  return moved.map((r) => r.id).sort((a, b) => a - b);
}

/** How many open churn warnings each of these users has (docs/organisation.md#transfer-and-handover, rule 4). */
export const warningsHeldBy = (db: DbOrTx, userIds: number[]) =>
  countsByUser(
    db,
    sql`select w.manager_id as user_id, count(*)::int as n from churn_warnings w
        where w.manager_id = any(${sql.param(userIds)}::int[]) and ${OPEN} group by w.manager_id`,
  );
