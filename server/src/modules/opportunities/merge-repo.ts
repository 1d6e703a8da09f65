import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

/**
 * docs/duplicates-and-merge.md, rule 4: a merge moves the merged customers' opportunities to the survivor; they then
 * carry its name.
 */
export async function moveOpportunitiesToCustomer(
  tx: DbOrTx,
  fromIds: number[],
  to: { id: number; name: string },
): Promise<number> {
  const moved = await rows<{ id: number }>(
    tx,
    sql`update opportunities set customer_id = ${to.id}, customer_name = ${to.name}
        where customer_id = any(${sql.param(fromIds)}::int[]) returning id`,
  );
  return moved.length;
}
