import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

/** Rows per round trip of an export. */
export const EXPORT_BATCH = 5_000;

const dialect = new PgDialect();

/**
 * A query an export reads in batches. `page(after, limit)` is the query ordered by a unique key, starting after the
 * row `after` (keyset), at most `limit` rows; `page(undefined, undefined)` is the whole ordered query (a screen's
 * page uses `offset` instead of `after`).
 */
export type Paged<T> = (after: T | undefined, limit: number | undefined, offset?: number) => SQL;

/**
 * The rows of `page` in batches of `size`, never all at once:
 * - PostgreSQL: one server-side cursor in a read-only, repeatable-read transaction on its own pooled connection (one
 *   consistent snapshot, the query runs once), `fetch size` at a time;
 * - PGlite (one connection for the whole app): keyset pages, each its own short query, so that a slow download never
 *   holds the database.
 * Stopping early (`break`, a failed download) closes the cursor and gives the connection back.
 */
export async function* batches<T>(database: Database, page: Paged<T>, size = EXPORT_BATCH): AsyncGenerator<T[]> {
  if (database.kind === 'postgres' && database.pool) {
    yield* cursorBatches(database, page, size);
    return;
  }
  let after: T | undefined;
  for (;;) {
    const batch = await rows<T>(database.db, page(after, size));
    if (batch.length) yield batch;
    if (batch.length < size) return;
    after = batch[batch.length - 1];
  }
}

async function* cursorBatches<T>(database: Database, page: Paged<T>, size: number): AsyncGenerator<T[]> {
  const client = await database.pool!.connect();
  let open = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    open = true;
    // every row will be read: plan for all of them, not for the first 10 % (the default for cursors)
    await client.query('set local cursor_tuple_fraction = 1.0');
    const query = dialect.sqlToQuery(page(undefined, undefined));
    await client.query(`declare report_export no scroll cursor for ${query.sql}`, query.params);
    for (;;) {
      const { rows: batch } = await client.query<T & object>(`fetch ${Math.trunc(size)} from report_export`);
      if (batch.length) yield batch;
      if (batch.length < size) break;
    }
  } finally {
    // also on an early stop (no error): ending the transaction closes the cursor before the connection goes back
    if (open) await client.query('rollback').catch(() => undefined);
    client.release();
  }
}
