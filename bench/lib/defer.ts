import type { Query } from './sql-params.ts';

export type Deferred = { drop: string; create: string };

/**
 * Bulk loads go faster without per-row foreign-key triggers and index maintenance. This drops the secondary
 * indexes and foreign keys of the given tables and answers how to recreate them from their own definitions
 * (`pg_get_indexdef`, `pg_get_constraintdef`): the end state is the same schema (same names, every key validated
 * once, in one pass, when it is added back). Primary keys and indexes that back a constraint stay.
 */
export async function deferIndexesAndKeys(q: Query, tables: string[]): Promise<Deferred[]> {
  const fks = await q<{ tbl: string; name: string; def: string }>(
    `select conrelid::regclass::text as tbl, quote_ident(conname) as name, pg_get_constraintdef(oid) as def
     from pg_constraint where contype = 'f' and conrelid = any($1::regclass[]) order by 1, 2`,
    [tables],
  );
  const indexes = await q<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i
     where i.indrelid = any($1::regclass[]) and not i.indisprimary
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
     order by 1`,
    [tables],
  );
  const deferred = [
    ...fks.map((f) => ({
      drop: `alter table ${f.tbl} drop constraint ${f.name}`,
      create: `alter table ${f.tbl} add constraint ${f.name} ${f.def}`,
    })),
    ...indexes.map((i) => ({ drop: `drop index ${i.name}`, create: i.def })),
  ];
  for (const d of deferred) await q(d.drop);
  return deferred;
}

/**
 * Recreates what was deferred: indexes first (a foreign key's check then may use them), `parallel` statements at a
 * time.
 */
export async function restore(q: Query, deferred: Deferred[], parallel: number) {
  const indexes = deferred.filter((d) => !d.create.startsWith('alter'));
  const keys = deferred.filter((d) => d.create.startsWith('alter'));
  // foreign keys one at a time: adding one locks both tables, and side by side they would only queue (or deadlock)
  for (const [group, width] of [
    [indexes, parallel],
    [keys, 1],
  ] as const) {
    const queue = [...group];
    const worker = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) await q(d.create);
    };
    await Promise.all(Array.from({ length: Math.max(1, width) }, worker));
  }
}
