import type {
  CreateActivityBody,
  CreateContactBody,
  PageQuery,
  UpdateActivityBody,
  UpdateContactBody,
} from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, validationFailed } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import { localDay } from '../../platform/calendar.ts';
import * as repo from './records-repo.ts';
import { explainCustomerRefusal, getCustomer } from './service.ts';

const nothingToChange = (body: object) => {
  if (!Object.values(body).some((v) => v !== undefined)) throw validationFailed('body', 'Nothing to change');
};

/** An interaction record tells what happened: dated today at the latest, by the server's day (issue 14, item 4). */
function refuseFutureDate(ctx: Ctx, date: string | undefined) {
  if (date && date > localDay(ctx.now))
    throw validationFailed('date', 'An interaction record cannot be dated after today');
}

/**
 * docs/product.md#contacts, rule 2 and #interaction-records, rule 2: contacts and interaction records belong to a
 * customer; its responsible manager keeps them.
 */
const writer = (ctx: Ctx, customerId: number): repo.Writer => ({
  customerId,
  actor: ctx.actor,
  anyManager: ctx.actor.can('customer.all'),
});

export async function listContacts(db: Db, ctx: Ctx, customerId: number, q: PageQuery) {
  await getCustomer(db, customerId, ctx.actor);
  const { limit, offset } = limitOffset(q);
  const { items, total } = await repo.listContacts(db, customerId, limit, offset, ctx.actor.can('pool.manage'));
  return pageOf(items, total, q);
}

export async function addContact(db: Db, ctx: Ctx, customerId: number, body: CreateContactBody) {
  return db.transaction(async (tx) => {
    const created = await repo.insertContact(tx, writer(ctx, customerId), body, ctx.now);
    if (!created) return explainCustomerRefusal(tx, ctx, customerId);
    await audit(tx, ctx, {
      action: 'create',
      entity: 'contact',
      entityId: created.id,
      after: { ...created, customerId },
    });
    return created;
  });
}

export async function editContact(db: Db, ctx: Ctx, customerId: number, contactId: number, body: UpdateContactBody) {
  nothingToChange(body);
  return db.transaction(async (tx) => {
    const before = await repo.findContact(tx, customerId, contactId);
    if (!before) throw notFound('Contact'); // another customer's contact is not there for this one
    const after = await repo.updateContact(tx, writer(ctx, customerId), contactId, body);
    if (!after) return explainCustomerRefusal(tx, ctx, customerId);
    await audit(tx, ctx, { action: 'update', entity: 'contact', entityId: contactId, before, after });
    return after;
  });
}

export async function removeContact(db: Db, ctx: Ctx, customerId: number, contactId: number) {
  await db.transaction(async (tx) => {
    if (!(await repo.findContact(tx, customerId, contactId))) throw notFound('Contact');
    const before = await repo.deleteContact(tx, writer(ctx, customerId), contactId);
    if (!before) return explainCustomerRefusal(tx, ctx, customerId);
    await audit(tx, ctx, {
      action: 'delete',
      entity: 'contact',
      entityId: contactId,
      before: { ...before, customerId },
    });
  });
}

export async function listActivities(db: Db, ctx: Ctx, customerId: number, q: PageQuery) {
  await getCustomer(db, customerId, ctx.actor);
  const { limit, offset } = limitOffset(q);
  const { items, total } = await repo.listActivities(db, customerId, limit, offset);
  return pageOf(items, total, q);
}

export async function recordActivity(db: Db, ctx: Ctx, customerId: number, body: CreateActivityBody) {
  refuseFutureDate(ctx, body.date);
  return db.transaction(async (tx) => {
    const created = await repo.insertActivity(tx, writer(ctx, customerId), body, ctx.now);
    if (!created) return explainCustomerRefusal(tx, ctx, customerId);
    await audit(tx, ctx, {
      action: 'create',
      entity: 'activity',
      entityId: created.id,
      after: { ...created, customerId },
    });
    return created;
  });
}

export async function editActivity(db: Db, ctx: Ctx, customerId: number, activityId: number, body: UpdateActivityBody) {
  nothingToChange(body);
  refuseFutureDate(ctx, body.date);
  return db.transaction(async (tx) => {
    const before = await repo.findActivity(tx, customerId, activityId);
    if (!before) throw notFound('Interaction record');
    const after = await repo.updateActivity(tx, writer(ctx, customerId), activityId, body);
    if (!after) return explainCustomerRefusal(tx, ctx, customerId);
    await audit(tx, ctx, { action: 'update', entity: 'activity', entityId: activityId, before, after });
    return after;
  });
}

export async function removeActivity(db: Db, ctx: Ctx, customerId: number, activityId: number) {
  await db.transaction(async (tx) => {
    if (!(await repo.findActivity(tx, customerId, activityId))) throw notFound('Interaction record');
    const before = await repo.deleteActivity(tx, writer(ctx, customerId), activityId);
    if (!before) return explainCustomerRefusal(tx, ctx, customerId);
    await audit(tx, ctx, {
      action: 'delete',
      entity: 'activity',
      entityId: activityId,
      before: { ...before, customerId },
    });
  });
}
