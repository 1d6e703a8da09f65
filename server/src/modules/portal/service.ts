import type { CreatePortalServiceBody, PageQuery, PortalFeedbackBody, PortalServiceQuery } from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import type { PortalUser } from '../../platform/context.ts';
import { getOrderOfCustomerNumber, listOrdersOfCustomerNumber } from '../customers/index.ts';
import { entriesOfType } from '../dictionary/index.ts';
import {
  createPortalService,
  getPortalService,
  listPortalServices,
  recordPortalFeedback,
  type PortalCtx,
} from '../services/index.ts';

/**
 * What a portal user sees and does (docs/portal.md#requests and #orders): always their own company's records — the
 * customer comes from their session, never from the request.
 */
export type RequestAt = { requestId: string; now: Date };

const ctxOf = (user: PortalUser, at: RequestAt): PortalCtx => ({
  ...at,
  contact: { id: user.contact.id, name: user.contact.name, customerId: user.customer.id },
});

export const serviceTypes = (db: Db) => entriesOfType(db, 'serviceType');

export const listServices = (db: Db, user: PortalUser, q: PortalServiceQuery) =>
  listPortalServices(db, user.customer.id, q);

export const getService = (db: Db, user: PortalUser, id: number) => getPortalService(db, user.customer.id, id);

export const fileService = (db: Db, user: PortalUser, at: RequestAt, body: CreatePortalServiceBody) =>
  createPortalService(db, ctxOf(user, at), body);

export const giveFeedback = (db: Db, user: PortalUser, at: RequestAt, id: number, body: PortalFeedbackBody) =>
  recordPortalFeedback(db, ctxOf(user, at), id, body);

export const listOrders = (deps: Deps, user: PortalUser, q: PageQuery) =>
  listOrdersOfCustomerNumber(deps, user.customer, q);

export const getOrder = (deps: Deps, user: PortalUser, id: number) => getOrderOfCustomerNumber(deps, user.customer, id);
