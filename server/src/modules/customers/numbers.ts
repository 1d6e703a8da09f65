import type { DbOrTx } from '../../db/client.ts';
import { localDay } from '../../platform/calendar.ts';
import * as repo from './repo.ts';

/**
 * docs/product.md#customers, rule 2: `KH` + `yyyyMMdd` (the server's calendar) + a daily sequence of at least three
 * digits.
 */
export async function nextCustomerNumber(tx: DbOrTx, at: Date): Promise<string> {
  const day = localDay(at);
  const sequence = await repo.nextDaySequence(tx, day);
  return `KH${day.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
}
