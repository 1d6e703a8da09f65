import { z } from 'zod';
import { personRef, wholeNumber } from './common.ts';
import { opportunityStatus } from './opportunities.ts';
import { serviceStatus } from './services.ts';

/** Global search (docs/search.md): `q` is what the user typed, `limit` the most results of each kind. */
export const SEARCH_MAX_LENGTH = 100;
export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'type at least 1 character')
    .max(SEARCH_MAX_LENGTH, `at most ${SEARCH_MAX_LENGTH} characters`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'no control characters'),
  limit: wholeNumber.pipe(z.number().int().min(1).max(20)).default(5),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchAnswer = z.object({
  customers: z.array(
    z.object({ id: z.number().int(), number: z.string(), name: z.string(), manager: personRef.nullable() }),
  ),
  contacts: z.array(
    z.object({
      id: z.number().int(),
      customerId: z.number().int(),
      customerName: z.string(),
      name: z.string(),
      mobile: z.string().nullable(),
      officePhone: z.string().nullable(),
    }),
  ),
  opportunities: z.array(
    z.object({
      id: z.number().int(),
      customerName: z.string(),
      summary: z.string(),
      status: opportunityStatus,
    }),
  ),
  services: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      summary: z.string(),
      customerName: z.string(),
      status: serviceStatus,
    }),
  ),
});
export type SearchAnswer = z.infer<typeof searchAnswer>;
export type SearchKind = keyof SearchAnswer;
