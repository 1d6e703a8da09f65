import type { PoolQuery } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import { instantDaysBefore, localDay, startOfDay } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalidState, notFound, validationFailed } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import { isActiveManager } from '../access/index.ts';
import { getCustomer } from '../customers/index.ts';
import { notify } from '../notifications/index.ts';
import * as repo from './repo.ts';
import { readLimits } from './settings-repo.ts';
import { emit } from '../webhooks/index.ts';

/** docs/organisation.md#customer-pool, rules 1 and 2: every customer reader sees the pool; phones masked without pool.manage. */
export async function listPool(db: Db, ctx: Ctx, q: PoolQuery) {
  const poolPhones = ctx.actor.can('pool.manage');
  const { items, total } = await repo.listPool(db, { ...q, ...limitOffset(q), poolPhones });
  return pageOf(items, total, q);
}

const limitReached = (path: 'dailyClaimLimit' | 'maxOwned' | 'reclaimWaitDays', message: string) =>
  new AppError('LIMIT_REACHED', message, [{ path, message }]);

/** Why a customer could not leave the pool: unseen (404), not in the pool, or (claims) lost. */
async function explainNotInPool(tx: DbOrTx, ctx: Ctx, customerId: number): Promise<never> {
  const facts = await repo.findPoolFacts(tx, customerId, ctx.actor);
  if (!facts?.visible) throw notFound('Customer');
  if (facts.managerId !== null) throw invalidState('The customer is not in the pool: it has a manager');
  throw invalidState(`A ${facts.status} customer cannot be claimed`);
}

/**
 * POST /customers/:id/claim (docs/organisation.md#customer-pool, rule 3). The manager's row is locked first, so that
 * their simultaneous claims are counted one after another; then the limits; then the conditional update, which only
 * one of several simultaneous claims of the customer wins (the others: 409 INVALID_STATE). Only a `normal` customer
 * can be claimed: a lost one stays in the pool until a director assigns it.
 */
export async function claimCustomer(db: Db, ctx: Ctx, customerId: number) {
  const me = ctx.actor.id;
  await db.transaction(async (tx) => {
    const facts = await repo.findPoolFacts(tx, customerId, ctx.actor);
    if (!facts?.visible) throw notFound('Customer');
    if (facts.managerId !== null || facts.status !== 'normal') await explainNotInPool(tx, ctx, customerId);
    await repo.lockClaimant(tx, me);
    const limits = await readLimits(tx);
    const today = localDay(ctx.now);
    const counts = await repo.claimCounts(tx, {
      managerId: me,
      customerId,
      dayStart: startOfDay(today),
      dayEnd: startOfDay(today, 1),
      lostSince: instantDaysBefore(ctx.now, limits.reclaimWaitDays),
    });
    if (counts.claimedToday >= limits.dailyClaimLimit)
      throw limitReached('dailyClaimLimit', `At most ${limits.dailyClaimLimit} claims a day`);
    if (limits.maxOwned > 0 && counts.owned >= limits.maxOwned)
      throw limitReached('maxOwned', `At most ${limits.maxOwned} customers owned`);
    if (limits.reclaimWaitDays > 0 && counts.lostLately)
      throw limitReached(
        'reclaimWaitDays',
        `A customer one lost can be claimed again after ${limits.reclaimWaitDays} days`,
      );
    const taken = await repo.takeFromPool(tx, { customerId, managerId: me, now: ctx.now, normalOnly: true });
    if (!taken) return explainNotInPool(tx, ctx, customerId);
    await repo.insertPoolEvent(tx, { customerId, at: ctx.now, action: 'claimed', byId: me, managerId: me });
    await audit(tx, ctx, {
      action: 'claim',
      entity: 'customer',
      entityId: customerId,
      before: { managerId: null, poolReason: taken.reason, previousManagerId: taken.previousManagerId },
      after: { managerId: me },
    });
    const claimed = {
      fromPool: true,
      toManagerId: me,
      customers: [{ id: customerId, name: facts.name, fromManagerId: null }],
    };
    await emit(tx, ctx, 'customer.transferred', claimed); // docs/webhooks.md#events
  });
  return getCustomer(db, customerId, ctx.actor);
}

/**
 * POST /customers/:id/release (docs/organisation.md#customer-pool, rule 4): the responsible manager, or a holder of
 * customer.all inside their scope, puts a `normal` customer into the pool with a reason. An open churn warning of the
 * customer stays as it is (it still names the manager it was raised for).
 */
export async function releaseCustomer(db: Db, ctx: Ctx, customerId: number, reason: string) {
  await db.transaction(async (tx) => {
    const anyInScope = ctx.actor.can('customer.all');
    const released = await repo.releaseToPool(tx, { customerId, reader: ctx.actor, anyInScope, now: ctx.now });
    if (!released) {
      const facts = await repo.findPoolFacts(tx, customerId, ctx.actor);
      if (!facts?.visible) throw notFound('Customer');
      if (facts.managerId === null) throw invalidState('The customer is already in the pool');
      if (!anyInScope && facts.managerId !== ctx.actor.id)
        throw forbidden('Only the responsible manager or a director may release this customer');
      if (facts.status !== 'normal') throw invalidState('A lost customer is read-only');
      throw notFound('Customer'); // a director's customer outside their scope
    }
    await repo.insertPoolEvent(tx, {
      customerId,
      at: ctx.now,
      action: 'released',
      byId: ctx.actor.id,
      managerId: released.managerId,
      reason,
    });
    await audit(tx, ctx, {
      action: 'release',
      entity: 'customer',
      entityId: customerId,
      before: { managerId: released.managerId },
      after: { managerId: null, poolReason: 'released', reason },
    });
  });
  return getCustomer(db, customerId, ctx.actor);
}

/**
 * POST /customers/:id/assign (docs/organisation.md#customer-pool, rule 4): a holder of pool.manage gives a pool
 * customer to an active manager inside their customer scope. Only pool customers: one that has a manager is
 * transferred, not assigned (409 INVALID_STATE).
 */
export async function assignPoolCustomer(db: Db, ctx: Ctx, customerId: number, managerId: number) {
  await db.transaction(async (tx) => {
    const facts = await repo.findPoolFacts(tx, customerId, ctx.actor);
    if (!facts?.visible) throw notFound('Customer');
    if (!(await isActiveManager(tx, managerId, { reader: ctx.actor, family: 'customers' })))
      throw validationFailed('managerId', 'Not an active customer manager inside your scope');
    const taken = await repo.takeFromPool(tx, { customerId, managerId, now: ctx.now, normalOnly: false });
    if (!taken) throw invalidState('The customer is not in the pool: it has a manager');
    await repo.insertPoolEvent(tx, { customerId, at: ctx.now, action: 'assigned', byId: ctx.actor.id, managerId });
    await audit(tx, ctx, {
      action: 'assign',
      entity: 'customer',
      entityId: customerId,
      before: { managerId: null, poolReason: taken.reason, previousManagerId: taken.previousManagerId },
      after: { managerId },
    });
    const assigned = {
      fromPool: true,
      toManagerId: managerId,
      customers: [{ id: customerId, name: facts.name, fromManagerId: null }],
    };
    await emit(tx, ctx, 'customer.transferred', assigned); // docs/webhooks.md#events
    // docs/notifications.md#kinds: a customer given to a manager from the pool is told like a transfer
    await notify(tx, ctx, [
      {
        userId: managerId,
        kind: 'customer.transferred',
        params: { count: 1, customerId, customerName: facts.name, fromPool: true },
        ref: { type: 'customer', id: customerId },
      },
    ]);
  });
  return getCustomer(db, customerId, ctx.actor);
}

/** GET /customers/:id/pool-history (docs/organisation.md#customer-pool, rule 6): for a customer the reader sees. */
export async function poolHistory(db: Db, ctx: Ctx, customerId: number) {
  const facts = await repo.findPoolFacts(db, customerId, ctx.actor);
  if (!facts?.visible) throw notFound('Customer');
  return repo.poolHistory(db, customerId);
}
