import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

/** docs/duplicates-and-merge.md, rule 4: a merge moves the merged customers' services to the survivor. */
export async function moveServicesToCustomer(tx: DbOrTx, fromIds: number[], toId: number): Promise<number> {
  const moved = await rows<{ id: number }>(
    tx,
    sql`update services set customer_id = ${toId} where customer_id = any(${sql.param(fromIds)}::int[]) returning id`,
  );
  return moved.length;
}
