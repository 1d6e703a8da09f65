import { sql, type SQL } from 'drizzle-orm';
import { parseTimestamp, type DbOrTx } from './client.ts';
import { rows } from './sql.ts';

/** The tables whose exact row count `row_counts` keeps (statement triggers, migrations 0007 and 0029). */
type CountedTable = 'customers' | 'services' | 'opportunities';

/**
 * The number of rows of a counted table, exact and read from one row: an unfiltered list's total, which otherwise
 * costs a scan of every row on each request (20–30 ms at 100,000 customers, more than the page itself).
 */
export const rowCount = (table: CountedTable): SQL => sql`select n from row_counts where table_name = ${table}`;

/**
 * A list page and its total in one statement — one round trip instead of two, which on a busy server is most of a
 * short request's cost. The page's rows come back as one JSON array (`order`: the page's order over its output
 * columns, as `p.id desc`); numbers stay numbers. JSON writes timestamps in the session's time zone, so the
 * columns named in `timestamps` are read with the one timestamp parser (`parseTimestamp`), like `rows()`'s.
 */
export async function pageWithTotal<T>(
  db: DbOrTx,
  q: { page: SQL; order: SQL; total: SQL; timestamps?: (keyof T & string)[] },
): Promise<{ items: T[]; total: number }> {
  const [row] = await rows<{ items: T[]; total: number }>(
    db,
    sql`select (${q.total})::int as total,
               coalesce((select json_agg(p order by ${q.order}) from (${q.page}) p), '[]'::json) as items`,
  );
  const items = row?.items ?? [];
  for (const item of items as Record<string, unknown>[])
    for (const name of q.timestamps ?? []) if (item[name] != null) item[name] = parseTimestamp(item[name] as string);
  return { items, total: row?.total ?? 0 };
}
