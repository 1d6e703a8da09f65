import { z } from 'zod';
import { username } from './access.ts';
import { password } from './auth.ts';
import { id, optionalText, pageQuery, requiredText, stars, wholeNumber } from './common.ts';
import { portalRequester, serviceSource, serviceStatus } from './services.ts';

/**
 * The customer portal (客户服务门户, docs/portal.md): a customer's contacts file and follow their company's service
 * requests themselves, with their own accounts, sessions and cookie (base path `/api/portal/v1`).
 */

/** `POST /customers/:id/contacts/:contactId/portal-access` (staff): the one-time invitation, shown once. */
export const portalInvitation = z.object({ inviteUrl: z.string(), token: z.string(), expiresAt: z.string() });
export type PortalInvitation = z.infer<typeof portalInvitation>;

/** A contact's portal access as the contact list shows it; an invitation not accepted yet is `invited`. */
export const PORTAL_ACCESS_STATES = ['invited', 'active'] as const;
export const contactPortalAccess = z.object({
  status: z.enum(PORTAL_ACCESS_STATES),
  username: z.string().nullable(),
  /** The invitation's end while `invited`; null once accepted. */
  expiresAt: z.string().nullable(),
});
export type ContactPortalAccess = z.infer<typeof contactPortalAccess>;

/** Same rules as a staff username and password (docs/portal.md#accounts, rule 2). */
export const portalAcceptBody = z.object({ token: z.string().min(1).max(200), username, password }).strict();
export type PortalAcceptBody = z.infer<typeof portalAcceptBody>;
export const portalLoginBody = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) })
  .strict();
export type PortalLoginBody = z.infer<typeof portalLoginBody>;

/** The signed-in portal user: their contact and company; `canFile` false for a lost customer (read only). */
export const portalMe = z.object({
  contact: z.object({ id: z.number().int(), name: z.string() }),
  customer: z.object({ id: z.number().int(), number: z.string(), name: z.string() }),
  username: z.string(),
  canFile: z.boolean(),
});
export type PortalMe = z.infer<typeof portalMe>;

export const portalServiceType = z.object({ id: z.number().int(), item: z.string() });
export type PortalServiceType = z.infer<typeof portalServiceType>;

/** A service as the portal shows it: nothing of staff but the handler's display name. */
export const portalService = z.object({
  id: z.number().int(),
  number: z.string(),
  typeId: z.number().int(),
  type: z.string(),
  summary: z.string(),
  request: z.string(),
  status: serviceStatus,
  createdAt: z.string(),
  source: serviceSource,
  requestedBy: portalRequester.nullable(),
  handling: z.string().nullable(),
  handledBy: z.object({ displayName: z.string() }).nullable(),
  handledAt: z.string().nullable(),
  result: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
});
export type PortalService = z.infer<typeof portalService>;

export const portalServiceQuery = pageQuery.extend({ status: serviceStatus.optional() }).strict();
export type PortalServiceQuery = z.infer<typeof portalServiceQuery>;

/** docs/portal.md#requests, rule 1: type, summary and request; the same limits as a staff-recorded service. */
export const createPortalServiceBody = z
  .object({ typeId: id, summary: requiredText(200), request: requiredText(4000) })
  .strict();
export type CreatePortalServiceBody = z.infer<typeof createPortalServiceBody>;

/** docs/portal.md#requests, rule 3: 1–5 stars, a comment optional. */
export const portalFeedbackBody = z.object({ satisfaction: stars, result: optionalText(4000) }).strict();
export type PortalFeedbackBody = z.infer<typeof portalFeedbackBody>;

export const portalOrderParams = z
  .object({ id: wholeNumber.pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)) })
  .strict();
