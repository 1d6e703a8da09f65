import {
  SERVICE_SATISFIED_FROM,
  type CreatePortalServiceBody,
  type PortalFeedbackBody,
  type PortalService,
  type PortalServiceQuery,
  type ServiceStatus,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import { invalidState, notFound, validationFailed } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import { isEntryOfType } from '../dictionary/index.ts';
import { notify } from '../notifications/index.ts';
import * as portalRepo from './portal-repo.ts';
import * as repo from './repo.ts';
import { assignByRules } from './auto-assign.ts';
import { emitServiceEvent } from './events.ts';

/**
 * The customer portal's side of customer service (docs/portal.md#requests): the modules/portal routes call these
 * through this module's index, with the signed-in contact instead of a staff actor.
 */
export type PortalCtx = {
  requestId: string;
  now: Date;
  contact: { id: number; name: string; customerId: number };
};

/** Every write of the portal is audited without a staff user; the contact is named in the entry. */
const auditCtx = (ctx: PortalCtx) => ({ requestId: ctx.requestId, actor: null });
const by = (ctx: PortalCtx) => ({ portalContact: { id: ctx.contact.id, name: ctx.contact.name } });

export async function listPortalServices(db: Db, customerId: number, q: PortalServiceQuery) {
  const { items, total } = await portalRepo.listCustomerServices(db, customerId, {
    status: q.status,
    ...limitOffset(q),
  });
  return pageOf(items, total, q);
}

export async function getPortalService(db: DbOrTx, customerId: number, id: number): Promise<PortalService> {
  const found = await portalRepo.findCustomerService(db, customerId, id);
  if (!found) throw notFound('Service');
  return found;
}

/** docs/portal.md#requests, rule 5: a lost customer's contacts read but no longer file. */
async function mayFile(tx: DbOrTx, customerId: number) {
  const customer = await portalRepo.shareCustomer(tx, customerId);
  if (!customer) throw notFound('Customer');
  if (customer.status !== 'normal')
    throw invalidState('Your company’s account is closed: its requests can be read, not filed');
  return customer;
}

/**
 * docs/portal.md#into-the-crm, rules 1 and 2: a portal request enters as a `new` service from the portal, requested
 * by the contact, and the customer's manager is told in the same transaction.
 */
export async function createPortalService(db: Db, ctx: PortalCtx, body: CreatePortalServiceBody) {
  const id = await db.transaction(async (tx) => {
    if (!(await isEntryOfType(tx, body.typeId, 'serviceType')))
      throw validationFailed('typeId', 'Choose a service type');
    const customer = await mayFile(tx, ctx.contact.customerId);
    const serviceId = await portalRepo.insertPortalService(
      tx,
      { ...body, customerId: ctx.contact.customerId, contactId: ctx.contact.id, contactName: ctx.contact.name },
      ctx.now,
    );
    await repo.insertServiceEvent(tx, {
      serviceId,
      kind: 'created',
      text: body.request,
      userId: null,
      contactId: ctx.contact.id,
      contactName: ctx.contact.name,
      at: ctx.now,
    });
    const after = await getPortalService(tx, ctx.contact.customerId, serviceId);
    await audit(tx, auditCtx(ctx), {
      action: 'create',
      entity: 'service',
      entityId: serviceId,
      after: { ...after, ...by(ctx) },
    });
    // docs/notifications.md#kinds: the customer's manager hears of it (a customer in the pool has none)
    await notify(tx, { actor: null, now: ctx.now }, [
      {
        userId: customer.managerId,
        kind: 'portal.service',
        params: {
          serviceId,
          number: after.number,
          customerName: customer.name,
          summary: after.summary,
          contactName: ctx.contact.name,
        },
        ref: { type: 'service', id: serviceId },
      },
    ]);
    await emitServiceEvent(tx, ctx.now, 'service.created', serviceId); // its `source` says `portal`
    // docs/assignment-rules.md#assigning: the portal's requests go through the rules as staff's do
    await assignByRules(tx, { ...auditCtx(ctx), now: ctx.now }, serviceId);
    return serviceId;
  });
  return getPortalService(db, ctx.contact.customerId, id);
}

/**
 * docs/portal.md#requests, rule 3 (docs/product.md#customer-service, rule 4): the contact gives the feedback on a
 * `handled` service; below 3 stars it goes back to `assigned` for its assignee to handle again, and the handler and
 * the directors in scope are told, as when staff record it.
 */
export async function recordPortalFeedback(db: Db, ctx: PortalCtx, id: number, body: PortalFeedbackBody) {
  const nextStatus: ServiceStatus = body.satisfaction >= SERVICE_SATISFIED_FROM ? 'archived' : 'assigned';
  const customerId = ctx.contact.customerId;
  await db.transaction(async (tx) => {
    const state = await portalRepo.lockCustomerService(tx, customerId, id);
    if (!state) throw notFound('Service');
    await mayFile(tx, customerId);
    const before = await getPortalService(tx, customerId, id);
    if (!(await portalRepo.recordPortalFeedback(tx, id, { ...body, nextStatus })))
      throw invalidState(`The service is ${state.status}; only a handled service can be given feedback`);
    await repo.insertServiceEvent(tx, {
      serviceId: id,
      kind: 'feedback',
      text: body.result,
      satisfaction: body.satisfaction,
      userId: null,
      contactId: ctx.contact.id,
      contactName: ctx.contact.name,
      at: ctx.now,
    });
    const after = await getPortalService(tx, customerId, id);
    await audit(tx, auditCtx(ctx), {
      action: 'feedback',
      entity: 'service',
      entityId: id,
      before,
      after: { ...after, ...by(ctx) },
    });
    if (nextStatus === 'archived') await emitServiceEvent(tx, ctx.now, 'service.archived', id);
    if (nextStatus === 'assigned') {
      const people = await portalRepo.handlersOf(tx, id);
      const told = [people?.handledBy, people?.assigneeId, ...(await repo.directorsOfService(tx, id))];
      const customer = await portalRepo.shareCustomer(tx, customerId);
      await notify(
        tx,
        { actor: null, now: ctx.now },
        told.map((userId) => ({
          userId,
          kind: 'service.dissatisfied' as const,
          params: {
            serviceId: id,
            number: after.number,
            customerName: customer?.name ?? '',
            summary: after.summary,
            satisfaction: body.satisfaction,
          },
          ref: { type: 'service' as const, id },
        })),
      );
    }
  });
  return getPortalService(db, customerId, id);
}
