import type { DbOrTx } from '../../db/client.ts';
import { localDay } from '../../platform/calendar.ts';
import * as repo from './repo.ts';

/**
 * docs/product.md#customers, rule 2: `KH` + `yyyyMMdd` (the server's calendar) + a daily sequence of at least three
 * digits. Takes `count` consecutive numbers of the day at once; `giveBack(n)` returns the last `n` of them unused,
 * so that the sequence keeps no gap (the counter stays locked by this transaction meanwhile).
 */
export async function nextCustomerNumbers(tx: DbOrTx, at: Date, count: number) {
  const day = localDay(at);
  const last = await repo.nextDaySequence(tx, day, count);
  const numbers = Array.from(
    { length: count },
    (_, i) => `KH${day.replaceAll('-', '')}${String(last - count + 1 + i).padStart(3, '0')}`,
  );
  return { numbers, giveBack: (n: number) => (n > 0 ? repo.returnDaySequence(tx, day, n) : Promise.resolve()) };
}
