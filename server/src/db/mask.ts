import { sql, type SQL } from 'drizzle-orm';

/**
 * docs/organisation.md#customer-pool, rule 2: a phone number as `138****5678` — the first three and the last four
 * characters kept, the rest starred; a value of seven characters or fewer is starred whole. `unmasked` is the
 * condition under which the value is read as it is (the reader holds `pool.manage`, or the customer has a manager).
 * The one masking expression: the pool list, the customer's details and its contacts all read their phones through it.
 */
export function maskedPhone(column: SQL, unmasked: boolean | SQL): SQL {
  const shown = typeof unmasked === 'boolean' ? sql.raw(String(unmasked)) : unmasked;
  return sql`case when ${shown} or ${column} is null then ${column}
    when char_length(${column}) <= 7 then repeat('*', char_length(${column}))
    else left(${column}, 3) || repeat('*', char_length(${column}) - 7) || right(${column}, 4) end`;
}
