import { sql, type SQL } from 'drizzle-orm';
import { parseTimestamp, TIMESTAMPTZ, type DbOrTx } from './client.ts';

type RawResult<T> = { rows: T[]; fields?: { name: string; dataTypeID: number }[] };

/**
 * Runs raw SQL through Drizzle and gives its rows, the same on PGlite and on `pg`: timestamps as ISO strings
 * (`parseTimestamp`), dates as `yyyy-MM-dd`, counts as numbers. `T` is asserted, not checked: prefer Drizzle's typed
 * builder where it says the same.
 */
export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as RawResult<Record<string, unknown>>;
  const stamps = (result.fields ?? []).filter((f) => f.dataTypeID === TIMESTAMPTZ).map((f) => f.name);
  if (stamps.length)
    for (const row of result.rows)
      for (const name of stamps) if (row[name] != null) row[name] = parseTimestamp(row[name] as string);
  return result.rows as T[];
}

/**
 * `read` in a transaction of its own, planned for a scoped count over many rows (docs/PERFORMANCE.md, "Plain plans for
 * scoped counts"): without JIT, whose compilation of the scope's many expressions took longer than the statements ran
 * (a regional director's service list 111–193 against 85 ms, the workbench's figures 305 of 342 ms), and without
 * parallel workers, whose start costs more than the few milliseconds of an index they would share.
 */
export function withPlainPlans<T>(db: DbOrTx, read: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return read(tx);
  });
}

/** A count per user: `query` answers `user_id` and `n` (a handover's "who holds what"); users without rows are 0. */
export async function countsByUser(db: DbOrTx, query: SQL): Promise<Map<number, number>> {
  return new Map((await rows<{ user_id: number; n: number }>(db, query)).map((r) => [r.user_id, r.n]));
}
/**
 * The order of a dictionary type's entries by their `value` (docs/pipeline.md#stages, rule 1: the stages' order):
 * whole numbers numerically, then any other value as text, then by id.
 */
export const byDictionaryValue = (alias: string) =>
  sql.raw(
    `(case when ${alias}.value ~ '^[0-9]{1,9}$' then ${alias}.value::int end) nulls last, ${alias}.value, ${alias}.id`,
  );

/** `column` inside [from, to): instants compared as timestamps. */
export const within = (column: SQL, range: { from: Date; to: Date }) =>
  sql`${column} >= ${range.from.toISOString()} and ${column} < ${range.to.toISOString()}`;

/** `where` and the conditions joined by `and`, less the falsy ones (filters not asked for); without any, nothing. */
export const whereOf = (conditions: (SQL | undefined | null | false | 0 | '')[]) => {
  const present = conditions.filter((c): c is SQL => Boolean(c));
  return present.length ? sql`where ${sql.join(present, sql` and `)}` : sql``;
};
