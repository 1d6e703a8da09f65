import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

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
