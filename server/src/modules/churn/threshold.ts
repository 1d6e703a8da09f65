import { localDay, monthsBeforeDay, monthsBeforeUtc } from '../../platform/calendar.ts';

/**
 * The cut-offs of the churn check at `now` (docs/product.md#churn, rule 1, "more than N months"): a last order strictly
 * before `lastOrderBefore` is old enough (an order exactly N months ago is not yet more than N months old), and a
 * customer that never ordered must have been created strictly before `createdBefore`. Days are the server's calendar
 * days, like the customer numbers; creation times are instants, shifted on the UTC calendar.
 */
export function churnCutoffs(now: Date, months: number) {
  return { lastOrderBefore: monthsBeforeDay(localDay(now), months), createdBefore: monthsBeforeUtc(now, months) };
}
