import { sql } from 'drizzle-orm';
import { pinyinForms, type PinyinForms } from '../platform/pinyin.ts';
import type { DbOrTx } from './client.ts';
import { rows } from './sql.ts';
import type { ExtraColumn } from './unnest.ts';

/**
 * The stored pinyin of customer and contact names (docs/search.md#pinyin; columns name_pinyin and name_initials of
 * migration 0016, outside the Drizzle schema). A company name is read as a company, a contact's as a person's name
 * (surname reading first).
 */
export type NamedTable = 'customers' | 'contacts';

const KIND = { customers: 'company', contacts: 'person' } as const;

/** The pinyin forms of a name as `table` stores them. */
export const namePinyin = (table: NamedTable, name: string) => pinyinForms(name, KIND[table]);

/** The pinyin columns of new rows with these forms, for `insertUnnest` (written with the rows, not after them). */
export function namePinyinColumns(forms: PinyinForms[]): ExtraColumn[] {
  return [
    { name: 'name_pinyin', type: 'text', values: forms.map((f) => f.pinyin) },
    { name: 'name_initials', type: 'text', values: forms.map((f) => f.initials) },
  ];
}

/**
 * Writes the pinyin of these rows' names, one statement. A row whose name is no longer the one given (changed
 * meanwhile) is left alone: its change made its pinyin null, and the fill computes it again.
 */
export async function writeNamePinyin(db: DbOrTx, table: NamedTable, named: { id: number; name: string }[]) {
  if (named.length === 0) return 0;
  const forms = named.map((r) => pinyinForms(r.name, KIND[table]));
  const result = await rows<{ id: number }>(
    db,
    sql`update ${sql.raw(table)} t set name_pinyin = v.p, name_initials = v.i
        from unnest(${sql.param(named.map((r) => r.id))}::int[], ${sql.param(named.map((r) => r.name))}::text[],
                    ${sql.param(forms.map((f) => f.pinyin))}::text[], ${sql.param(forms.map((f) => f.initials))}::text[])
             as v(id, n, p, i)
        where t.id = v.id and t.name = v.n
        returning t.id`,
  );
  return result.length;
}

const BATCH = 2000;

/**
 * docs/search.md#pinyin, rule 4: computes every missing pinyin (new rows written without it, rows whose name changed,
 * every row after the migration that added the columns) in batches of BATCH rows, read through the partial index of
 * the missing ones, each batch one read and one write — no connection held between batches. Answers the rows written.
 */
export async function fillMissingPinyin(db: DbOrTx, stillMine: () => Promise<boolean> = async () => true) {
  let written = 0;
  for (const table of ['customers', 'contacts'] as const) {
    let after = 0;
    for (;;) {
      if (!(await stillMine())) return written;
      const batch = await rows<{ id: number; name: string }>(
        db,
        sql`select id, name from ${sql.raw(table)} where name_pinyin is null and id > ${after} order by id limit ${BATCH}`,
      );
      if (batch.length === 0) break;
      written += await writeNamePinyin(db, table, batch);
      after = batch.at(-1)!.id;
    }
  }
  return written;
}
