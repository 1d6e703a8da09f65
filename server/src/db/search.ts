import { sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../platform/pagination.ts';

/**
 * `column ilike '%text%'`. Texts of three characters or more are served by the column's trigram index (pg_trgm). A
 * one- or two-character text has no complete trigram: for a column with a short-gram column (`grams`, every 1- and
 * 2-character piece of the lower-cased text; migration 0004, so far customers.name_grams) it adds the equivalent
 * condition `grams @> {lower(text)}`, which its GIN index answers. ILIKE compares lower-cased texts, so a match
 * always contains `lower(text)` as a piece: the extra condition never drops a row, and the ILIKE stays the exact test.
 */
export function containsText(column: SQL, text: string, grams?: SQL): SQL {
  const like = sql`${column} ilike ${containsPattern(text)}`;
  return grams && [...text].length <= 2 ? sql`(${like} and ${grams} @> array[lower(${text}::text)])` : like;
}

/** Part of a customer's name (the customers table as `c`), through the trigram or the short-gram index. */
export const customerNameContains = (text: string) => containsText(sql`c.name`, text, sql`c.name_grams`);
