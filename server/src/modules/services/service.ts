import {
  SERVICE_SATISFIED_FROM,
  type AssignServiceBody,
  type CreateServiceBody,
  type HandleServiceBody,
  type Permission,
  type Service,
  type ServiceAbilities,
  type ServiceDetail,
  type ServiceFeedbackBody,
  type ServiceQuery,
  type ServiceStatus,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidState, notFound, validationFailed } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import { isActiveManager } from '../access/index.ts';
import { isEntryOfType } from '../dictionary/index.ts';
import { notify } from '../notifications/index.ts';
import { startOfDay } from '../../platform/calendar.ts';
import { assignByRules } from './auto-assign.ts';
import * as repo from './repo.ts';
import { emitServiceEvent, withOverdue } from './events.ts';

/**
 * docs/product.md#customer-service, rule 5: managers and directors search every service; `assignee=me` narrows to one's
 * own work.
 */
export async function listServices(db: Db, ctx: Ctx, q: ServiceQuery) {
  if (q.createdFrom && q.createdTo && q.createdFrom > q.createdTo) {
    throw validationFailed('createdTo', 'The end of the date range is before its start');
  }
  const { items, total } = await repo.listServices(db, ctx.actor, {
    status: q.status,
    typeId: q.typeId,
    customerName: q.customerName,
    summary: q.summary,
    createdFrom: q.createdFrom ? startOfDay(q.createdFrom) : undefined,
    createdBefore: q.createdTo ? startOfDay(q.createdTo, 1) : undefined,
    assigneeId: q.assignee === 'me' ? ctx.actor.id : undefined,
    overdue: q.overdue ? { is: q.overdue === 'true', now: ctx.now } : undefined,
    ...limitOffset(q),
  });
  return pageOf(
    items.map((s) => withOverdue(s, ctx.now)),
    total,
    q,
  );
}

/** A service outside the reader's scope answers 404, like one that does not exist (docs/organisation.md#data-scope). */
async function loadService(db: DbOrTx, ctx: Ctx, id: number) {
  const found = await repo.findService(db, id, ctx.actor);
  if (!found) throw notFound('Service');
  return withOverdue(found, ctx.now);
}

/** The service locked for a write, if it is inside the actor's scope (docs/organisation.md#data-scope, rule 5). */
async function lockInScope(tx: DbOrTx, ctx: Ctx, id: number) {
  if (!(await repo.lockService(tx, id, ctx.actor))) throw notFound('Service');
  return loadService(tx, ctx, id);
}

/** The detail: the whole history, and what the actor may do (docs/product.md#customer-service, rules 5, 8 and 9). */
export async function getService(db: DbOrTx, ctx: Ctx, id: number): Promise<ServiceDetail> {
  const found = await loadService(db, ctx, id);
  return { ...found, history: await repo.listServiceEvents(db, id, ctx.actor), abilities: abilitiesOf(ctx, found) };
}

/**
 * What the actor may do with the service (docs/product.md#customer-service, rule 9): each step's permission (its
 * route's access), the status it moves on from, and for handling and feedback the assignee rule that `refusal` and
 * the writes check. abilities.test.ts holds each ability against the write it announces.
 */
function abilitiesOf(ctx: Ctx, s: Pick<Service, 'status' | 'assignee'>): ServiceAbilities {
  const can = (t: Transition, permission: Permission) =>
    s.status === t.expected && ctx.actor.can(permission) && (!t.assigneeOnly || s.assignee?.id === ctx.actor.id);
  return {
    assign: can(ASSIGN, 'service.assign'),
    reassign: can(REASSIGN, 'service.assign'),
    handle: can(HANDLE, 'service.handle'),
    feedback: can(FEEDBACK, 'service.feedback'),
  };
}

/**
 * docs/product.md#customer-service, rule 1: a manager records the request; number, creator, time and status `new` come
 * from the server, its deadlines from its type's limits (docs/service-sla.md#deadlines).
 */
export async function createService(db: Db, ctx: Ctx, body: CreateServiceBody) {
  const id = await db.transaction(async (tx) => {
    if (!(await isEntryOfType(tx, body.typeId, 'serviceType')))
      throw validationFailed('typeId', 'Choose a service type');
    const customerStatus = await repo.customerStatus(tx, body.customerId, ctx.actor);
    if (!customerStatus) throw validationFailed('customerId', 'No such customer');
    // docs/duplicates-and-merge.md, rule 5: a merged customer is read-only
    if (customerStatus === 'merged') throw invalidState('A merged customer is read-only');
    const serviceId = await repo.insertService(tx, { ...body, createdById: ctx.actor.id, now: ctx.now });
    await repo.insertServiceEvent(tx, {
      serviceId,
      kind: 'created',
      text: body.request,
      userId: ctx.actor.id,
      at: ctx.now,
    });
    const after = await loadService(tx, ctx, serviceId);
    await audit(tx, ctx, { action: 'create', entity: 'service', entityId: serviceId, after });
    await emitServiceEvent(tx, ctx.now, 'service.created', serviceId);
    // docs/assignment-rules.md#assigning: a matching rule assigns it at once
    await assignByRules(tx, ctx, serviceId);
    return serviceId;
  });
  return getService(db, ctx, id);
}

type Transition = { expected: ServiceStatus; verb: string; done: string; assigneeOnly: boolean };
const ASSIGN = { expected: 'new', verb: 'assign', done: 'assigned', assigneeOnly: false } as const;
const HANDLE: Transition = { expected: 'assigned', verb: 'handle', done: 'handled', assigneeOnly: true };
const FEEDBACK: Transition = {
  expected: 'handled',
  verb: 'record feedback on',
  done: 'given feedback',
  assigneeOnly: true,
};

/** Why a transition found no row: gone (404), someone else's (403), or the wrong status (409 INVALID_STATE). */
async function refusal(tx: DbOrTx, ctx: Ctx, id: number, t: Transition): Promise<never> {
  const state = await repo.findServiceState(tx, id);
  if (!state) throw notFound('Service');
  if (t.assigneeOnly && state.assigneeId !== null && state.assigneeId !== ctx.actor.id) {
    throw forbidden(`Only the manager the service is assigned to may ${t.verb} it`);
  }
  throw invalidState(`The service is ${state.status}; only a service that is ${t.expected} can be ${t.done}`);
}

/**
 * docs/product.md#customer-service, rule 2: a director assigns a `new` service to one active manager; the time is
 * recorded.
 */
export const assignService = (db: Db, ctx: Ctx, id: number, body: AssignServiceBody) =>
  giveTo(db, ctx, id, body, { transition: ASSIGN, update: repo.assignNewService });

/**
 * Gives a service to `body.assigneeId`, an active manager: `update` moves it where its state allows, and otherwise
 * the refusal says why. One event and one audit entry (the transition's verb) record it.
 */
async function giveTo(
  db: Db,
  ctx: Ctx,
  id: number,
  body: AssignServiceBody,
  how: { transition: Transition & { verb: 'assign' | 'reassign' }; update: typeof repo.assignNewService },
) {
  await db.transaction(async (tx) => {
    const before = await lockInScope(tx, ctx, id);
    // moving an assigned service to the manager who has it is no move
    const moving = how.transition.expected === 'assigned' && before.status === 'assigned';
    if (moving && before.assignee?.id === body.assigneeId) {
      throw validationFailed('assigneeId', 'The service is assigned to this manager already');
    }
    // docs/organisation.md#data-scope, rule 5: the new assignee inside the director's services scope
    if (!(await isActiveManager(tx, body.assigneeId, { reader: ctx.actor, family: 'services' })))
      throw validationFailed('assigneeId', 'Choose an active manager inside your data scope');
    if (!(await how.update(tx, id, body.assigneeId, ctx.now))) await refusal(tx, ctx, id, how.transition);
    await repo.insertServiceEvent(tx, {
      serviceId: id,
      kind: 'assigned',
      userId: ctx.actor.id,
      assigneeId: body.assigneeId,
      at: ctx.now,
    });
    const after = await loadService(tx, ctx, id);
    await audit(tx, ctx, { action: how.transition.verb, entity: 'service', entityId: id, before, after });
    await emitServiceEvent(tx, ctx.now, 'service.assigned', id);
    // docs/notifications.md#kinds: the new assignee is told
    await notify(tx, ctx, [
      {
        userId: body.assigneeId,
        kind: 'service.assigned',
        params: { serviceId: id, number: after.number, customerName: after.customer.name, summary: after.summary },
        ref: { type: 'service', id },
      },
    ]);
  });
  return getService(db, ctx, id);
}

/**
 * docs/product.md#customer-service, rule 3: only the assigned manager handles an `assigned` service; handler and time
 * are recorded.
 */
export async function handleService(db: Db, ctx: Ctx, id: number, body: HandleServiceBody) {
  await db.transaction(async (tx) => {
    const before = await lockInScope(tx, ctx, id);
    if (!(await repo.handleAssignedService(tx, id, ctx.actor.id, body.handling, ctx.now)))
      await refusal(tx, ctx, id, HANDLE);
    await repo.insertServiceEvent(tx, {
      serviceId: id,
      kind: 'handled',
      text: body.handling,
      userId: ctx.actor.id,
      at: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'handle',
      entity: 'service',
      entityId: id,
      before,
      after: await loadService(tx, ctx, id),
    });
    await emitServiceEvent(tx, ctx.now, 'service.handled', id);
  });
  return getService(db, ctx, id);
}

/**
 * docs/product.md#customer-service, rule 4: "for a `handled` service, the manager contacts the customer and records the
 * result and the customer's satisfaction (1–5)". The manager is the assignee — the one who handled it and who must
 * handle it again if the customer is dissatisfied — so the service stays with one accountable person until it is
 * archived; the creator (who may be another manager) only recorded the request. Satisfaction 3 or more archives it;
 * less sends it back to
 * `assigned`, and the earlier handling and feedback stay in `service_events`.
 */
export async function recordServiceFeedback(db: Db, ctx: Ctx, id: number, body: ServiceFeedbackBody) {
  const nextStatus: ServiceStatus = body.satisfaction >= SERVICE_SATISFIED_FROM ? 'archived' : 'assigned';
  await db.transaction(async (tx) => {
    const before = await lockInScope(tx, ctx, id);
    const recorded = await repo.recordFeedbackOnHandledService(tx, id, ctx.actor.id, { ...body, nextStatus });
    if (!recorded) await refusal(tx, ctx, id, FEEDBACK);
    await repo.insertServiceEvent(tx, {
      serviceId: id,
      kind: 'feedback',
      text: body.result,
      satisfaction: body.satisfaction,
      userId: ctx.actor.id,
      at: ctx.now,
    });
    const after = await loadService(tx, ctx, id);
    await audit(tx, ctx, { action: 'feedback', entity: 'service', entityId: id, before, after });
    if (nextStatus === 'archived') await emitServiceEvent(tx, ctx.now, 'service.archived', id);
    if (nextStatus === 'assigned') {
      // docs/notifications.md#kinds: its handler and the directors in scope hear of a dissatisfied customer
      const told = [after.handledBy?.id, after.assignee?.id, ...(await repo.directorsOfService(tx, id))];
      await notify(
        tx,
        ctx,
        told.map((userId) => ({
          userId,
          kind: 'service.dissatisfied' as const,
          params: {
            serviceId: id,
            number: after.number,
            customerName: after.customer.name,
            summary: after.summary,
            satisfaction: body.satisfaction,
          },
          ref: { type: 'service' as const, id },
        })),
      );
    }
  });
  return getService(db, ctx, id);
}

const REASSIGN = { expected: 'assigned', verb: 'reassign', done: 'reassigned', assigneeOnly: false } as const;

/**
 * Work stuck on a manager who left (docs/product.md#access-control, rule 4): a director hands an `assigned`
 * service to another active manager, who handles it from then on. `/assign` still takes only `new` services.
 */
export const reassignService = (db: Db, ctx: Ctx, id: number, body: AssignServiceBody) =>
  giveTo(db, ctx, id, body, { transition: REASSIGN, update: repo.reassignAssignedService });
