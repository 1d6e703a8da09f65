import { and, asc, eq, sql } from 'drizzle-orm';
import type { DictionaryEntry } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { dictionaryEntries as d } from '../../db/schema/index.ts';
import { rows, whereOf } from '../../db/sql.ts';
import { containsPattern } from '../../platform/pagination.ts';

/**
 * Whether data uses an entry is read from the database's own foreign keys to `dictionary_entries`, so a module
 * that adds such a column is covered without registering anything.
 */
const references = new WeakMap<object, Promise<{ table: string; column: string }[]>>();

function referencesOf(db: DbOrTx) {
  let found = references.get(db);
  if (!found) {
    found = rows<{ table: string; column: string }>(
      db,
      sql`select c.conrelid::regclass::text as "table", a.attname as "column"
          from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
          where c.contype = 'f' and c.confrelid = 'dictionary_entries'::regclass
          order by 1, 2`,
    );
    references.set(db, found);
  }
  return found;
}

async function inUseExpression(db: DbOrTx) {
  const refs = await referencesOf(db);
  if (!refs.length) return sql`false`;
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return sql.raw(
    refs.map((r) => `exists (select 1 from ${quote(r.table)} where ${quote(r.column)} = e.id)`).join(' or '),
  );
}

type Row = DictionaryEntry & { inUse: boolean };

export async function listEntries(db: DbOrTx, f: { type?: string; item?: string; limit: number; offset: number }) {
  const where = whereOf([f.type && sql`e.type = ${f.type}`, f.item && sql`e.item ilike ${containsPattern(f.item)}`]);
  const items = await rows<Row>(
    db,
    sql`select e.id, e.type, e.item, e.value, e.editable, (${await inUseExpression(db)}) as "inUse"
        from dictionary_entries e ${where} order by e.type, e.id limit ${f.limit} offset ${f.offset}`,
  );
  const [total] = await rows<{ n: number }>(db, sql`select count(*)::int as n from dictionary_entries e ${where}`);
  return { items, total: total?.n ?? 0 };
}

export async function findEntry(db: DbOrTx, id: number): Promise<Row | undefined> {
  const [row] = await rows<Row>(
    db,
    sql`select e.id, e.type, e.item, e.value, e.editable, (${await inUseExpression(db)}) as "inUse"
        from dictionary_entries e where e.id = ${id}`,
  );
  return row;
}

export const listTypes = async (db: DbOrTx) =>
  (await db.selectDistinct({ type: d.type }).from(d).orderBy(asc(d.type))).map((r) => r.type);

export async function insertEntry(db: DbOrTx, v: { type: string; item: string; value: string; editable: boolean }) {
  const [row] = await db.insert(d).values(v).returning({ id: d.id });
  return row!.id;
}

/** Changes an entry only while it is editable; answers whether it did. */
export async function updateEditableEntry(
  db: DbOrTx,
  id: number,
  v: Partial<{ type: string; item: string; value: string; editable: boolean }>,
) {
  const updated = await db
    .update(d)
    .set(v)
    .where(and(eq(d.id, id), eq(d.editable, true)))
    .returning({ id: d.id });
  return updated.length > 0;
}

export async function deleteEditableEntry(db: DbOrTx, id: number) {
  const deleted = await db
    .delete(d)
    .where(and(eq(d.id, id), eq(d.editable, true)))
    .returning({ id: d.id });
  return deleted.length > 0;
}

/** For the modules that store a dictionary id: is it an entry of this type? */
export async function isEntryOfType(db: DbOrTx, id: number, type: string) {
  const [row] = await db
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.id, id), eq(d.type, type)));
  return Boolean(row);
}

/** The entries of one type as a picker offers them (`{id, item}`, in the order they were made). */
export const entriesOfType = (db: DbOrTx, type: string) =>
  db.select({ id: d.id, item: d.item }).from(d).where(eq(d.type, type)).orderBy(asc(d.id));
