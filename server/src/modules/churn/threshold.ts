import { localDay } from '../customers/numbers.ts';

const daysIn = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/** Year, month and day `months` earlier, the day clamped to the month's end (like PostgreSQL's `date - interval`). */
function shift(year: number, month0: number, day: number, months: number) {
  const total = year * 12 + month0 - months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  return { y, m, d: Math.min(day, daysIn(y, m)) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The cut-offs of the churn check at `now` (docs/product.md#churn, rule 1, "more than N months"): a last order strictly before
 * `lastOrderBefore` is old enough (an order exactly N months ago is not yet more than N months old), and a customer
 * that never ordered must have been created strictly before `createdBefore`. Days are the server's calendar days,
 * like the customer numbers; creation times are instants, shifted on the UTC calendar.
 */
export function churnCutoffs(now: Date, months: number) {
  const [year, month, day] = localDay(now).split('-').map(Number) as [number, number, number];
  const d = shift(year, month - 1, day, months);
  const i = shift(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), months);
  const createdBefore = new Date(now);
  createdBefore.setUTCFullYear(i.y, i.m, i.d);
  return { lastOrderBefore: `${d.y}-${pad(d.m + 1)}-${pad(d.d)}`, createdBefore };
}
