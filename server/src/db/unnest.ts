import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** A column outside the Drizzle schema (e.g. the stored pinyin of a name), with its value for each row. */
export type ExtraColumn = { name: string; type: string; values: unknown[] };

/**
 * `insert into <table> (…) select … from unnest(…)` of `list`: one array parameter per column, whatever the number of
 * rows — the set-based form of a multi-row insert (a Drizzle `values([...])` makes one parameter per cell). Values go
 * through the columns' own Drizzle mapping (a date as ISO text, JSON as text). A column that no row sets is left to
 * its default; one that some rows set and others do not is null where it is not set, so a column with a default
 * must be set by every row or by none.
 */
export function insertUnnest<T extends PgTable>(
  table: T,
  list: Partial<T['$inferInsert']>[],
  extra: ExtraColumn[] = [],
): SQL {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) =>
    list.some((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
  const arrays = columns.map(([key, column]) => {
    const values = list.map((row) => {
      const v = (row as Record<string, unknown>)[key];
      if (v === undefined && column.hasDefault) throw new Error(`${getTableName(table)}.${key}: set in some rows only`);
      return v === undefined || v === null ? null : column.mapToDriverValue(v);
    });
    return { name: column.name, type: column.getSQLType(), values };
  });
  const all = [...arrays, ...extra];
  return sql`insert into ${table} (${sql.join(
    all.map((a) => sql.identifier(a.name)),
    sql`, `,
  )}) select * from unnest(${sql.join(
    all.map((a) => sql`${sql.param(a.values)}::${sql.raw(a.type)}[]`),
    sql`, `,
  )})`;
}

/** `returning` every column of `table` under its Drizzle key; `fromDriver` maps such a row as Drizzle would. */
export function returningAll(table: PgTable): SQL {
  return sql`returning ${sql.join(
    Object.entries(getTableColumns(table)).map(
      ([key, column]) => sql`${sql.identifier(column.name)} as ${sql.identifier(key)}`,
    ),
    sql`, `,
  )}`;
}

export function fromDriver<T extends PgTable>(table: T, row: Record<string, unknown>): T['$inferSelect'] {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => {
      const v = row[key];
      return [key, v === null || v === undefined ? null : column.mapFromDriverValue(v)];
    }),
  ) as T['$inferSelect'];
}
