import { z } from 'zod';

/** Text of a whole number in canonical decimal: digits only — no sign, leading zero or space, no `0x1` or `1e0`. */
const decimalText = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,15})$/, 'a whole number in decimal digits')
  .transform(Number);
/** A whole number from a path or a query (text, canonical decimal) or a body (a JSON number, or such text). */
export const wholeNumber = z.union([z.number(), decimalText]);

/** A whole-number id in a path or a body. */
export const id = wholeNumber.pipe(z.number().int().positive().max(2147483647));
export const idParams = z.object({ id }).strict();

/** Trimmed text that must not be empty; `max` guards the database and the screen. */
export const requiredText = (max = 200) => z.string().trim().min(1).max(max);
/** Optional text: absent, null or empty all mean "none", stored as null. */
export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** `YYYY-MM-DD`, a real calendar date. */
export const isoDate = z.iso.date();

/** Query-string text filter: empty means "no filter". */
export const textFilter = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));

export const pageQuery = z.object({
  page: wholeNumber.pipe(z.number().int().min(1).max(100000)).default(1),
  pageSize: wholeNumber.pipe(z.number().int().min(1).max(100)).default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const personRef = z.object({ id: z.number().int(), displayName: z.string() });
export type PersonRef = z.infer<typeof personRef>;

/** Satisfaction and credit: 1–5 stars. */
export const stars = z.number().int().min(1).max(5);
