import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

/** Rows per round trip of an export. */
const EXPORT_BATCH = 5_000;

const dialect = new PgDialect();

/** A report's rows in their order: `page(limit, offset)` for one screen page, `page()` for all of them. */
export type Paged = (limit?: number, offset?: number) => SQL;

/**
 * The rows of `page()` in batches of `size`, never all at once, each from one consistent snapshot:
 * - PostgreSQL: a server-side cursor in a read-only, repeatable-read transaction on its own pooled connection — the
 *   query runs once, `fetch size` at a time;
 * - PGlite (one connection for the whole app, no transaction may stay open while a download is slow): the query runs
 *   once into a temporary table numbered in the report's order, read back `size` rows per short query, dropped at the
 *   end. (Keyset pages would repeat the aggregation of the whole report once per batch.)
 * Stopping early (`break`, a failed download) ends the cursor or drops the table.
 */
export async function* batches<T>(database: Database, page: Paged, size = EXPORT_BATCH): AsyncGenerator<T[]> {
  if (database.kind === 'postgres' && database.pool) yield* cursorBatches<T>(database, page, size);
  else yield* snapshotBatches<T>(database, page, size);
}

async function* cursorBatches<T>(database: Database, page: Paged, size: number): AsyncGenerator<T[]> {
  const client = await database.pool!.connect();
  let open = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    open = true;
    // every row will be read: plan for all of them, not for the first 10 % (the default for cursors)
    await client.query('set local cursor_tuple_fraction = 1.0');
    const query = dialect.sqlToQuery(page());
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

async function* snapshotBatches<T>(database: Database, page: Paged, size: number): AsyncGenerator<T[]> {
  const table = sql.raw(`report_export_${randomBytes(8).toString('hex')}`);
  // row_number() over the ordered subquery numbers the rows in that order (the window reads its input as it comes)
  await database.db.execute(
    sql`create temporary table ${table} as select row_number() over () as export_rn, q.* from (${page()}) q`,
  );
  try {
    await database.db.execute(sql`create index on ${table} (export_rn)`);
    for (let from = 0; ; from += size) {
      const batch = await rows<T>(
        database.db,
        sql`select * from ${table} where export_rn > ${from} and export_rn <= ${from + size} order by export_rn`,
      );
      if (batch.length) yield batch;
      if (batch.length < size) break;
    }
  } finally {
    await database.db.execute(sql`drop table if exists ${table}`);
  }
}
