import type {
  AssignOpportunityBody,
  OpportunityAbilities,
  OpportunityRecord,
  CreateOpportunityBody,
  CreatePlanItemBody,
  OpportunityQuery,
  OpportunityStatus,
  UpdateOpportunityBody,
  UpdatePlanItemBody,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidState, notFound, validationFailed, versionConflict } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import { isActiveManager } from '../access/index.ts';
import { getCustomer, insertCustomer } from '../customers/index.ts';
import { notify } from '../notifications/index.ts';
import { localDay } from '../../platform/calendar.ts';
import * as pipelineRepo from './pipeline-repo.ts';
import * as repo from './repo.ts';
import { emit } from '../webhooks/index.ts';

const STATUS_TEXT: Record<OpportunityStatus, string> = {
  unassigned: 'unassigned',
  assigned: 'assigned (in development)',
  succeeded: 'succeeded',
  failed: 'failed',
};

export type Locked = NonNullable<Awaited<ReturnType<typeof repo.lockOpportunity>>>;

/**
 * docs/organisation.md#data-scope, rule 4: an opportunity outside the reader's scope answers 404, like one that does
 * not exist — the lock's own query carries the scope condition.
 */
export async function lockVisible(tx: DbOrTx, ctx: Ctx, id: number): Promise<Locked> {
  const row = await repo.lockOpportunity(tx, id, ctx.actor);
  if (!row) throw notFound('Opportunity');
  return row;
}

/** The facts about an opportunity that its record rules look at. */
export type Facts = Pick<Locked, 'status' | 'createdById' | 'assigneeId'>;

/**
 * docs/product.md#opportunities, rule 3: a director edits or deletes any unassigned opportunity, a manager only those
 * they created. `opportunity.all` reaches any opportunity inside the scope (docs/organisation.md#data-scope, rule 5):
 * the others are not found before this is asked.
 */
const isCreatorOrDirector = (ctx: Ctx, row: Facts) =>
  ctx.actor.can('opportunity.all') || row.createdById === ctx.actor.id;

/** docs/product.md#development-plans, rules 2 and 7: the assigned manager (or a director) plans and closes. */
const isAssigneeOrDirector = (ctx: Ctx, row: Facts) =>
  ctx.actor.can('opportunity.all') || row.assigneeId === ctx.actor.id;

function requireCreatorOrDirector(ctx: Ctx, row: Locked) {
  if (!isCreatorOrDirector(ctx, row)) throw forbidden('Only its creator or a director may change this opportunity');
}

export function requireAssigneeOrDirector(ctx: Ctx, row: Locked) {
  if (!isAssigneeOrDirector(ctx, row)) throw forbidden('Only the assigned manager or a director may do this');
}

/**
 * What the actor may do with the opportunity (docs/product.md#opportunities, rule 8: the screen shows only the actions
 * that would succeed): each write's permission (its route's `config.access`), status and record rule, the same
 * functions the writes below check. abilities.test.ts holds each ability against the write it announces.
 */
export function abilitiesOf(ctx: Ctx, row: Facts): OpportunityAbilities {
  const unassigned = row.status === 'unassigned';
  const assigned = row.status === 'assigned';
  const edit = unassigned && ctx.actor.can('opportunity.edit') && isCreatorOrDirector(ctx, row);
  return {
    edit,
    delete: edit,
    assign: unassigned && ctx.actor.can('opportunity.assign'),
    reassign: assigned && ctx.actor.can('opportunity.assign'),
    plan: assigned && ctx.actor.can('plan.manage') && isAssigneeOrDirector(ctx, row),
    close: assigned && ctx.actor.can('opportunity.close') && isAssigneeOrDirector(ctx, row),
    pipeline: assigned && ctx.actor.can('plan.manage') && isAssigneeOrDirector(ctx, row),
  };
}

/** An opportunity as answered: the record and what the actor may do with it. */
export const answer = (ctx: Ctx, o: OpportunityRecord) => ({
  ...o,
  abilities: abilitiesOf(ctx, { status: o.status, createdById: o.createdBy.id, assigneeId: o.assignee?.id ?? null }),
});

export function requireStatus(row: Locked, status: OpportunityStatus, action: string) {
  if (row.status !== status) {
    throw invalidState(
      `The opportunity is ${STATUS_TEXT[row.status]}; only ${STATUS_TEXT[status]} opportunities can ${action}`,
    );
  }
}

/** The conditional write found nothing although the checks passed: the row cannot have moved (it is locked). */
export const lostRace = () => invalidState('The opportunity changed meanwhile; reload it');

export async function listOpportunities(db: Db, ctx: Ctx, q: OpportunityQuery) {
  const { page: _page, pageSize: _size, ...filter } = q;
  const { items, total } = await repo.listOpportunities(db, ctx.actor, { ...filter, ...limitOffset(q) });
  return pageOf(
    items.map((o) => answer(ctx, o)),
    total,
    q,
  );
}

/** The record as the audit log keeps it (no abilities: they are the reader's, not the record's). */
export async function findVisible(db: DbOrTx, ctx: Ctx, id: number) {
  const found = await repo.findOpportunity(db, id, ctx.actor);
  if (!found) throw notFound('Opportunity');
  return found;
}

export async function getOpportunity(db: DbOrTx, ctx: Ctx, id: number) {
  return answer(ctx, await findVisible(db, ctx, id));
}

/** docs/pipeline.md#fields, rule 2: the expected close date is not before the day the opportunity was created. */
function requireCloseDateFrom(day: string, closeDate: string | null | undefined) {
  if (closeDate && closeDate < day) {
    throw validationFailed('expectedCloseDate', `The expected close date cannot be before the creation date (${day})`);
  }
}

/** docs/product.md#opportunities, rule 1: creator and time come from the server; a new opportunity is unassigned. */
export async function createOpportunity(db: Db, ctx: Ctx, body: CreateOpportunityBody) {
  requireCloseDateFrom(localDay(ctx.now), body.expectedCloseDate);
  return db.transaction(async (tx) => {
    const id = await repo.insertOpportunity(tx, {
      ...(body as repo.OpportunityFields),
      createdById: ctx.actor.id,
      createdAt: ctx.now,
    });
    const after = await findVisible(tx, ctx, id);
    await audit(tx, ctx, { action: 'create', entity: 'opportunity', entityId: id, after });
    return answer(ctx, after);
  });
}

/**
 * docs/product.md#opportunities, rule 3 and #api-conventions, rule 7 (optimistic locking): only unassigned, only at the
 * version the editor saw.
 */
export async function updateOpportunity(db: Db, ctx: Ctx, id: number, body: UpdateOpportunityBody) {
  const { version, ...fields } = body as UpdateOpportunityBody & Partial<repo.OpportunityFields>;
  return db.transaction(async (tx) => {
    const locked = await lockVisible(tx, ctx, id);
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const assigned = locked.status === 'assigned';
    if (assigned) requirePipelineEdit(ctx, locked, changes);
    else {
      requireCreatorOrDirector(ctx, locked);
      requireStatus(locked, 'unassigned', 'be edited');
    }
    if (locked.version !== version) throw versionConflict();
    requireCloseDateFrom(localDay(locked.createdAt), changes.expectedCloseDate as string | null | undefined);
    const before = await findVisible(tx, ctx, id);
    const status = assigned ? 'assigned' : 'unassigned';
    if (!(await repo.updateUnassignedOpportunity(tx, id, version, changes, status))) throw lostRace();
    const after = await findVisible(tx, ctx, id);
    await audit(tx, ctx, { action: 'update', entity: 'opportunity', entityId: id, before, after });
    return answer(ctx, after);
  });
}

/** What an assigned opportunity's edit may change (docs/pipeline.md#fields, rule 3). */
const PIPELINE_FIELDS = new Set(['expectedAmount', 'expectedCloseDate']);

/**
 * docs/pipeline.md#fields, rule 3: while assigned, only the expected amount and close date change, by the assignee or
 * a director (who may plan: `plan.manage`).
 */
function requirePipelineEdit(ctx: Ctx, locked: Locked, changes: Record<string, unknown>) {
  const other = Object.keys(changes).filter((k) => !PIPELINE_FIELDS.has(k));
  if (other.length) {
    // the other fields: as before the pipeline, the creator or a director hears that the status forbids it
    requireCreatorOrDirector(ctx, locked);
    requireStatus(locked, 'unassigned', 'be edited');
  }
  if (!ctx.actor.can('plan.manage')) throw forbidden('Only the assigned manager or a director may do this');
  requireAssigneeOrDirector(ctx, locked);
}

export async function deleteOpportunity(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    const locked = await lockVisible(tx, ctx, id);
    requireCreatorOrDirector(ctx, locked);
    requireStatus(locked, 'unassigned', 'be deleted');
    const before = await findVisible(tx, ctx, id);
    if (!(await repo.deleteUnassignedOpportunity(tx, id))) throw lostRace();
    await audit(tx, ctx, { action: 'delete', entity: 'opportunity', entityId: id, before });
  });
}

/**
 * The new assignee: an active manager inside the director's opportunities scope (docs/organisation.md#data-scope,
 * rule 5), else 400 on `assigneeId`.
 */
export async function requireAssigneeInScope(tx: DbOrTx, ctx: Ctx, assigneeId: number) {
  if (!(await isActiveManager(tx, assigneeId, { reader: ctx.actor, family: 'opportunities' }))) {
    throw validationFailed('assigneeId', 'Choose an active user who holds the manager role, inside your data scope');
  }
}

/**
 * docs/product.md#opportunities, rule 4: to exactly one active manager; the server records the time; status becomes
 * assigned.
 */
export async function assignOpportunity(db: Db, ctx: Ctx, id: number, body: AssignOpportunityBody) {
  return db.transaction(async (tx) => {
    const locked = await lockVisible(tx, ctx, id);
    requireStatus(locked, 'unassigned', 'be assigned');
    await requireAssigneeInScope(tx, ctx, body.assigneeId);
    const before = await findVisible(tx, ctx, id);
    const stageId = await pipelineRepo.firstStage(tx);
    if (!(await repo.assignUnassignedOpportunity(tx, id, body.assigneeId, ctx.now, stageId))) throw lostRace();
    if (stageId !== null) {
      await pipelineRepo.insertMoves(tx, [
        { opportunityId: id, fromStageId: null, toStageId: stageId, at: ctx.now, byId: ctx.actor.id },
      ]);
    }
    const after = await findVisible(tx, ctx, id);
    await audit(tx, ctx, { action: 'assign', entity: 'opportunity', entityId: id, before, after });
    await emit(tx, ctx, 'opportunity.assigned', { opportunity: after }); // docs/webhooks.md#events
    await tellAssignee(tx, ctx, after);
    return answer(ctx, after);
  });
}

/** docs/notifications.md#kinds: the manager an opportunity is (re)assigned to is told. */
const tellAssignee = (
  tx: DbOrTx,
  ctx: Ctx,
  o: { id: number; assignee: { id: number } | null; customerName: string; summary: string },
) =>
  notify(tx, ctx, [
    {
      userId: o.assignee?.id,
      kind: 'opportunity.assigned',
      params: { opportunityId: o.id, customerName: o.customerName, summary: o.summary },
      ref: { type: 'opportunity', id: o.id },
    },
  ]);

// ---- development plan (docs/product.md#development-plans) ----

export async function listPlanItems(db: Db, ctx: Ctx, id: number) {
  await findVisible(db, ctx, id);
  return repo.listPlanItems(db, id, ctx.actor);
}

/** Plan items change only while the opportunity is assigned, and only by its manager or a director. */
async function lockForPlanning(tx: DbOrTx, ctx: Ctx, id: number, action: string) {
  const locked = await lockVisible(tx, ctx, id);
  requireAssigneeOrDirector(ctx, locked);
  requireStatus(locked, 'assigned', action);
  return locked;
}

async function getPlanItem(tx: DbOrTx, opportunityId: number, itemId: number) {
  const item = await repo.findPlanItem(tx, opportunityId, itemId);
  if (!item) throw notFound('Plan item');
  return item;
}

export async function addPlanItem(db: Db, ctx: Ctx, id: number, body: CreatePlanItemBody) {
  return db.transaction(async (tx) => {
    await lockForPlanning(tx, ctx, id, 'be planned');
    const itemId = await repo.insertPlanItem(tx, id, { ...body, createdAt: ctx.now });
    if (!itemId) throw lostRace();
    const after = await getPlanItem(tx, id, itemId);
    await audit(tx, ctx, {
      action: 'create',
      entity: 'planItem',
      entityId: itemId,
      after: { opportunityId: id, ...after },
    });
    return after;
  });
}

/** Content and result (执行效果) change; the date never does (docs/product.md#development-plans, rule 3). */
export async function updatePlanItem(db: Db, ctx: Ctx, id: number, itemId: number, body: UpdatePlanItemBody) {
  return db.transaction(async (tx) => {
    await lockForPlanning(tx, ctx, id, 'have their plan changed');
    const before = await getPlanItem(tx, id, itemId);
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length && !(await repo.updatePlanItemWhileAssigned(tx, id, itemId, changes)))
      throw lostRace();
    const after = await getPlanItem(tx, id, itemId);
    await audit(tx, ctx, {
      action: 'update',
      entity: 'planItem',
      entityId: itemId,
      before: { opportunityId: id, ...before },
      after,
    });
    return after;
  });
}

export async function deletePlanItem(db: Db, ctx: Ctx, id: number, itemId: number) {
  await db.transaction(async (tx) => {
    await lockForPlanning(tx, ctx, id, 'have their plan changed');
    const before = await getPlanItem(tx, id, itemId);
    if (!(await repo.deletePlanItemWhileAssigned(tx, id, itemId))) throw lostRace();
    await audit(tx, ctx, {
      action: 'delete',
      entity: 'planItem',
      entityId: itemId,
      before: { opportunityId: id, ...before },
    });
  });
}

// ---- closing (docs/product.md#development-plans, rules 5 to 7) ----

/**
 * 开发成功: in one transaction the opportunity becomes `succeeded` and a customer is created from it — its name,
 * the assigned manager as responsible manager, the contact person and phone as first contact — and linked to it.
 * The row lock and the `status = 'assigned'` condition make the second of two concurrent successes a 409.
 */
export async function markOpportunitySucceeded(db: Db, ctx: Ctx, id: number) {
  return db.transaction(async (tx) => {
    const locked = await lockVisible(tx, ctx, id);
    requireAssigneeOrDirector(ctx, locked);
    requireStatus(locked, 'assigned', 'be closed');
    await requireActiveAssignee(tx, locked);
    const before = await findVisible(tx, ctx, id);
    const row = (await repo.findOpportunityRow(tx, id))!;
    const firstContact = row.contactName ? { name: row.contactName, officePhone: row.contactPhone } : undefined;
    const created = await insertCustomer(tx, ctx, { name: row.customerName, managerId: row.assigneeId! }, firstContact);
    const closed = await repo.closeAssignedOpportunity(tx, id, {
      status: 'succeeded',
      at: ctx.now,
      customerId: created.id,
    });
    if (!closed) throw lostRace();
    const after = await findVisible(tx, ctx, id);
    await audit(tx, ctx, { action: 'succeed', entity: 'opportunity', entityId: id, before, after });
    await emit(tx, ctx, 'opportunity.succeeded', { opportunity: after }); // docs/webhooks.md#events
    return { opportunity: answer(ctx, after), customer: await getCustomer(tx, created.id, null) };
  });
}

/** 终止开发: the opportunity ends as `failed`, with the reason given (if any); nothing else changes. */
export async function markOpportunityFailed(db: Db, ctx: Ctx, id: number, reason: string | null) {
  return db.transaction(async (tx) => {
    const locked = await lockVisible(tx, ctx, id);
    requireAssigneeOrDirector(ctx, locked);
    requireStatus(locked, 'assigned', 'be closed');
    const before = await findVisible(tx, ctx, id);
    if (!(await repo.closeAssignedOpportunity(tx, id, { status: 'failed', at: ctx.now, failReason: reason })))
      throw lostRace();
    const after = await findVisible(tx, ctx, id);
    await audit(tx, ctx, { action: 'fail', entity: 'opportunity', entityId: id, before, after });
    await emit(tx, ctx, 'opportunity.failed', { opportunity: after }); // docs/webhooks.md#events
    return { opportunity: answer(ctx, after) };
  });
}

// ---- reassignment (docs/product.md#access-control, rule 4) ----

/**
 * The new customer's manager is the assignee (docs/product.md#development-plans, rule 5): never a disabled user, nor
 * one who is no manager now.
 */
async function requireActiveAssignee(tx: DbOrTx, row: Locked) {
  if (row.assigneeId === null || !(await isActiveManager(tx, row.assigneeId))) {
    throw invalidState(
      'The assigned manager is disabled or no longer a manager; reassign the opportunity to an active manager first',
    );
  }
}

/**
 * Work stuck on a manager who left: a director hands an assigned opportunity to another active manager. `/assign`
 * still takes only unassigned opportunities, so two racing first assignments keep their one winner.
 */
export async function reassignOpportunity(db: Db, ctx: Ctx, id: number, body: AssignOpportunityBody) {
  return db.transaction(async (tx) => {
    const locked = await lockVisible(tx, ctx, id);
    requireStatus(locked, 'assigned', 'be reassigned');
    if (locked.assigneeId === body.assigneeId) {
      throw validationFailed('assigneeId', 'The opportunity is assigned to this manager already');
    }
    await requireAssigneeInScope(tx, ctx, body.assigneeId);
    const before = await findVisible(tx, ctx, id);
    if (!(await repo.reassignAssignedOpportunity(tx, id, body.assigneeId, ctx.now))) throw lostRace();
    const after = await findVisible(tx, ctx, id);
    await audit(tx, ctx, { action: 'reassign', entity: 'opportunity', entityId: id, before, after });
    await emit(tx, ctx, 'opportunity.assigned', { opportunity: after }); // docs/webhooks.md#events
    await tellAssignee(tx, ctx, after);
    return answer(ctx, after);
  });
}
