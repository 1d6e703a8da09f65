import { z } from 'zod';
import { wholeNumber } from './common.ts';

/** A customer's timeline (docs/timeline.md): one feed of everything that happened with it, newest first. */
export const TIMELINE_KINDS = [
  'activity',
  'order',
  'service',
  'churn',
  'opportunity',
  'pool',
  'merge',
  'change',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
/** `before`: a `nextBefore` of a previous page, or an instant (everything strictly earlier). */
export const TIMELINE_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z(~[a-z]+:[a-z]*:\d{12})?$/;
export const timelineQuery = z.object({
  before: z.string().max(80).regex(TIMELINE_CURSOR, 'a nextBefore of the previous page, or an ISO instant').optional(),
  limit: wholeNumber.pipe(z.number().int().min(1).max(100)).default(20),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;
export const timelineItem = z.object({
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  /** What happened, as a stable code the web translates: `service.handled`, `churn.confirmed`, `change.update`, … */
  event: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  ref: z.object({ type: z.string(), id: z.number().int() }),
  /** Who did it, when known. */
  by: z.string().nullable(),
  /** A change of the customer's record: the fields that changed (API names). */
  fields: z.array(z.string()).optional(),
});
export type TimelineItem = z.infer<typeof timelineItem>;
export const timelineAnswer = z.object({
  items: z.array(timelineItem),
  nextBefore: z.string().nullable(),
  salesUnavailable: z.boolean(),
});
export type TimelineAnswer = z.infer<typeof timelineAnswer>;
