import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, format, parseISO, subMonths } from 'date-fns';

// One place for calendar arithmetic. "Server days" are calendar days in the process time zone (`TZ`): customer and
// service numbers, "not in the future" checks, date filters and report years. Instants stay `Date`s.

/** The server's calendar day of an instant, `yyyy-MM-dd`. */
export const localDay = (at: Date) => format(at, 'yyyy-MM-dd');

/** The UTC calendar day of an instant, `yyyy-MM-dd`. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** An instant (or its ISO string) as the server's local `yyyy-MM-dd HH:mm:ss`, like the date filters. */
export const localDateTime = (at: Date | string) => format(at, 'yyyy-MM-dd HH:mm:ss');

/** The UTC calendar day `days` days before an instant. */
export const utcDayBefore = (at: Date, days: number) => utcDay(addDays(at, -days));

/** Midnight (server time) at the start of a `yyyy-MM-dd` day, `plusDays` later (the exclusive end of a range). */
export const startOfDay = (day: string, plusDays = 0) => addDays(parseISO(day), plusDays);

/** A calendar year's range on the server's calendar: `[1 January, next 1 January)`. */
export const yearRange = (year: number) => ({ from: new Date(year, 0, 1), to: new Date(year + 1, 0, 1) });

/** One calendar month (1–12) of the server's time zone, as [from, to). */
export const monthRange = (year: number, month: number) => ({
  from: new Date(year, month - 1, 1),
  to: new Date(year, month, 1),
});

/** The `yyyy-MM-dd` day `months` calendar months before `day`, clamped to the month's end (as `date - interval`). */
export const monthsBeforeDay = (day: string, months: number) => localDay(subMonths(parseISO(day), months));

/** The instant `months` months before `at` on the UTC calendar, the day clamped to the month's end. */
export const monthsBeforeUtc = (at: Date, months: number) => new Date(subMonths(new UTCDate(at), months).getTime());

/** The instant `days` × 24 hours before `at` (a waiting period counted from an instant). */
export const instantDaysBefore = (at: Date, days: number) => addDays(at, -days);

/** The process time zone (`TZ`) by name, for SQL that counts days as the server does (`set_config('TimeZone', …)`). */
export const serverTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The server month (`YYYY-MM`) of an instant. */
export const localMonth = (at: Date) => format(at, 'yyyy-MM');

/** `YYYY-MM` shifted by whole months. */
export const shiftMonth = (month: string, months: number) =>
  format(addMonths(parseISO(`${month}-01`), months), 'yyyy-MM');

/** Whole months from `from` to `to` (`YYYY-MM`); negative when `to` is earlier. */
export const monthsBetween = (from: string, to: string) => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
};

/** The first instant of the UTC month nearest to `at` (its own month's start or the next one's). */
const nearestUtcMonthStart = (at: Date) => {
  const start = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
  const next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
  return new Date(at.getTime() - start <= next - at.getTime() ? start : next);
};

/**
 * [from, to) as whole UTC months and two edges, for counts kept per UTC month: the months from the month start nearest
 * to `from` to the one nearest to `to` (`firstMonth` inclusive, `lastMonth` exclusive, `yyyy-MM-dd`), and between each
 * end of the range and its month start the instants to add (`sign` 1: the end lies outside the months) or to take
 * away (-1) — at most fourteen hours each for a year or a month of any time zone.
 */
export function utcMonthsOf(range: { from: Date; to: Date }) {
  const first = nearestUtcMonthStart(range.from);
  const last = new Date(Math.max(first.getTime(), nearestUtcMonthStart(range.to).getTime()));
  const edge = (x: Date, y: Date) => (x <= y ? { from: x, to: y, sign: 1 } : { from: y, to: x, sign: -1 });
  return { firstMonth: utcDay(first), lastMonth: utcDay(last), edges: [edge(range.from, first), edge(last, range.to)] };
}
