import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The server's calendar day of an instant, `yyyy-MM-dd` (the process time zone, `TZ`). */
export const localDay = (at: Date) => `${at.getFullYear()}-${pad(at.getMonth() + 1, 2)}-${pad(at.getDate(), 2)}`;

/**
 * docs/product.md#customers, rule 2: `KH` + `yyyyMMdd` + a daily sequence of at least three digits. The counter row is locked by the
 * upsert, so concurrent creations inside their transactions get distinct numbers.
 */
export async function nextCustomerNumber(tx: DbOrTx, at: Date): Promise<string> {
  const day = localDay(at);
  const [row] = await rows<{ last: number }>(
    tx,
    sql`insert into customer_number_days (day, last) values (${day}, 1)
        on conflict (day) do update set last = customer_number_days.last + 1
        returning last`,
  );
  return `KH${day.replaceAll('-', '')}${pad(row!.last, 3)}`;
}
