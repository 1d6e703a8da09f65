import { z } from 'zod';
import { id, isoDate, pageQuery, personRef, requiredText, stars, textFilter } from './common.ts';
import { SERVICE_STATUSES } from './values.ts';

export const serviceStatus = z.enum(SERVICE_STATUSES);
export type ServiceStatus = z.infer<typeof serviceStatus>;

/** Where a service came from (docs/portal.md#into-the-crm, rule 1). */
export const SERVICE_SOURCES = ['staff', 'portal'] as const;
export const serviceSource = z.enum(SERVICE_SOURCES);
export type ServiceSource = z.infer<typeof serviceSource>;

/** A contact who acted in the customer portal (`contactId` null once the contact is deleted). */
export const portalRequester = z.object({ contactId: z.number().int().nullable(), name: z.string() });
export type PortalRequester = z.infer<typeof portalRequester>;

/** The steps kept in a service's history (table `service_events`). */
export const SERVICE_EVENT_KINDS = ['created', 'assigned', 'handled', 'feedback'] as const;
export const serviceEventKind = z.enum(SERVICE_EVENT_KINDS);
export type ServiceEventKind = z.infer<typeof serviceEventKind>;

/**
 * A service (服务单), docs/product.md#customer-service, rules 6 and 8 "Customer service". The row's handling, result and
 * satisfaction are the latest ones; earlier rounds of a dissatisfied customer live in `history`.
 */
export const service = z.object({
  id: z.number().int(),
  /** `FW` + the creation day `yyyyMMdd` + the record's id, at least 5 digits: unique, set by the server. */
  number: z.string(),
  typeId: z.number().int(),
  type: z.string(),
  summary: z.string(),
  customer: z.object({ id: z.number().int(), name: z.string() }),
  status: serviceStatus,
  request: z.string(),
  /** Null for a request filed in the customer portal (docs/portal.md#into-the-crm, rule 1): see `requestedBy`. */
  createdBy: personRef.nullable(),
  createdAt: z.string(),
  /** `portal`: filed by a contact of the customer in the customer portal; `staff` otherwise. */
  source: serviceSource,
  /** The contact who filed it in the portal; null for a request recorded by staff. */
  requestedBy: portalRequester.nullable(),
  assignee: personRef.nullable(),
  assignedAt: z.string().nullable(),
  handling: z.string().nullable(),
  handledBy: personRef.nullable(),
  handledAt: z.string().nullable(),
  result: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  /** The assignment rule that assigned it on creation (docs/assignment-rules.md); null once a director moves it. */
  assignedByRule: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** The time limits of its type when it was created (docs/service-sla.md#deadlines); null without a limit. */
  assignDueAt: z.string().nullable(),
  handleDueAt: z.string().nullable(),
  /** `new` past assignDueAt or `assigned` past handleDueAt (docs/service-sla.md#deadlines, rule 3). */
  overdue: z.boolean(),
});
export type Service = z.infer<typeof service>;

/** One step of the history: the request, the assignment (with its assignee), each handling, each feedback. */
export const serviceEvent = z.object({
  kind: serviceEventKind,
  text: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  /** The staff member who took the step; null for a step a contact took in the customer portal (see `contact`). */
  user: personRef.nullable(),
  /** The customer's contact who took the step in the portal (the request, a feedback); null for staff steps. */
  contact: portalRequester.nullable(),
  assignee: personRef.nullable(),
  /** For an assignment made by an assignment rule: the rule (its name as it was then). */
  rule: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  at: z.string(),
});
export type ServiceEvent = z.infer<typeof serviceEvent>;

/**
 * What the user asking may do with the service now — the actions that would succeed (its permission, the status the
 * step needs, and for handling and feedback being its assignee), so that a screen offers only those.
 */
export const serviceAbilities = z.object({
  assign: z.boolean(),
  reassign: z.boolean(),
  handle: z.boolean(),
  feedback: z.boolean(),
});
export type ServiceAbilities = z.infer<typeof serviceAbilities>;

export const serviceDetail = service.extend({ history: z.array(serviceEvent), abilities: serviceAbilities });
export type ServiceDetail = z.infer<typeof serviceDetail>;

export const serviceQuery = pageQuery.extend({
  status: serviceStatus.optional(),
  typeId: id.optional(),
  customerName: textFilter,
  summary: textFilter,
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  /** `me`: only services assigned to the signed-in user (the handle and feedback pages). */
  assignee: z.literal('me').optional(),
  /** `true`: only overdue services (docs/service-sla.md#deadlines, rule 3). */
  overdue: z.enum(['true', 'false']).optional(),
});
export type ServiceQuery = z.infer<typeof serviceQuery>;

export const createServiceBody = z
  .object({ typeId: id, summary: requiredText(200), customerId: id, request: requiredText(4000) })
  .strict();
export type CreateServiceBody = z.infer<typeof createServiceBody>;

export const assignServiceBody = z.object({ assigneeId: id }).strict();
export type AssignServiceBody = z.infer<typeof assignServiceBody>;

export const handleServiceBody = z.object({ handling: requiredText(4000) }).strict();
export type HandleServiceBody = z.infer<typeof handleServiceBody>;

export const serviceFeedbackBody = z.object({ result: requiredText(4000), satisfaction: stars }).strict();
export type ServiceFeedbackBody = z.infer<typeof serviceFeedbackBody>;
