import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';
import { rows } from './sql.ts';

/** The tables whose exact row count `row_counts` keeps (statement triggers, migration 0007). */
export type CountedTable = 'customers' | 'services';

/**
 * The number of rows of a counted table, exact and read from one row: an unfiltered list's total, which otherwise
 * costs a scan of every row on each request (20–30 ms at 100,000 customers, more than the page itself).
 */
export async function countRows(db: DbOrTx, table: CountedTable): Promise<number> {
  const [row] = await rows<{ n: number }>(db, sql`select n::int as n from row_counts where table_name = ${table}`);
  return row?.n ?? 0;
}
