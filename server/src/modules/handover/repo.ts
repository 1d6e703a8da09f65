import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';
import { userInScope, type Reader } from '../../platform/scope.ts';

/**
 * The leaving user, if inside the reader's customer scope (docs/organisation.md#data-scope, rule 5), locked so that
 * two handovers of one user queue; disabled users included (docs/organisation.md#transfer-and-handover, rule 3).
 */
export async function lockLeavingUser(tx: DbOrTx, reader: Reader, userId: number) {
  const [row] = await rows<{ id: number; active: boolean }>(
    tx,
    sql`select u.id, u.active from users u
        where u.id = ${userId} and ${userInScope(reader, 'customers', sql`u.id`)}
        for update`,
  );
  return row;
}
