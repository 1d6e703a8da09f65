import type { TransferBody } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidState, notFound, validationFailed } from '../../platform/errors.ts';
import { isActiveManager } from '../access/index.ts';
import { followTransferredCustomers } from '../churn/index.ts';
import { notify } from '../notifications/index.ts';
import * as repo from './transfer-repo.ts';
import { emit } from '../webhooks/index.ts';

/**
 * The manager who takes customers over: an active manager inside the actor's customer scope
 * (docs/organisation.md#data-scope, rule 5), else 400 naming `field`.
 */
export async function requireManagerInScope(tx: DbOrTx, ctx: Ctx, userId: number, field: string) {
  if (!(await isActiveManager(tx, userId, { reader: ctx.actor, family: 'customers' }))) {
    throw validationFailed(field, 'Choose an active manager inside your data scope');
  }
}

/**
 * POST /customers/transfer (docs/organisation.md#transfer-and-handover, rule 1). All or nothing, in one transaction:
 * every customer must be inside the director's customer scope (an unseen or unknown one answers 404) and have a
 * manager (a pool customer is assigned from the pool instead: 409 INVALID_STATE). The customers are locked in id
 * order; those the target already manages are left alone and not counted. Each customer moved gets its version one
 * up and one audit entry (`transfer`), and its open churn warnings follow it.
 */
export async function transferCustomers(db: Db, ctx: Ctx, body: TransferBody) {
  const ids = [...new Set(body.customerIds)].sort((a, b) => a - b);
  const to = body.toManagerId;
  return db.transaction(async (tx) => {
    await requireManagerInScope(tx, ctx, to, 'toManagerId');
    const locked = await repo.lockCustomersInScope(tx, ctx.actor, ids);
    if (locked.length !== ids.length) throw notFound('Customer');
    // docs/duplicates-and-merge.md, rule 5: a merged customer is read-only
    if (locked.some((c) => c.status === 'merged')) throw invalidState('A merged customer is read-only');
    if (locked.some((c) => c.managerId === null)) {
      throw invalidState('A customer in the pool has no manager to transfer from: assign it from the pool');
    }
    const moving = locked.filter((c) => c.managerId !== to);
    const moved = await repo.setManager(
      tx,
      moving.map((c) => c.id),
      to,
      ctx.now,
    );
    await followTransferredCustomers(tx, moved, to);
    for (const c of moving) {
      await audit(tx, ctx, {
        action: 'transfer',
        entity: 'customer',
        entityId: c.id,
        before: { managerId: c.managerId, version: c.version },
        after: { managerId: to, version: c.version + 1 },
      });
    }
    const customers = moving.map((c) => ({ id: c.id, name: c.name, fromManagerId: c.managerId }));
    if (customers.length) await emit(tx, ctx, 'customer.transferred', { toManagerId: to, customers }); // docs/webhooks.md#events
    // docs/notifications.md#kinds: the new manager is told once per transfer
    const first = moving[0];
    if (first) {
      await notify(tx, ctx, [
        {
          userId: to,
          kind: 'customer.transferred',
          params: { count: moving.length, customerId: first.id, customerName: first.name },
          ref: moving.length === 1 ? { type: 'customer', id: first.id } : null,
        },
      ]);
    }
    return { transferred: moved.length };
  });
}

/**
 * docs/organisation.md#transfer-and-handover, rule 2: every customer of a leaving user (normal or lost) goes to the
 * successor, locked in id order first. Runs inside the handover's transaction, which checks the people and audits;
 * answers the ids moved.
 */
export async function handOverCustomers(tx: DbOrTx, fromUserId: number, toUserId: number, ctx: Pick<Ctx, 'now'>) {
  const locked = await repo.lockCustomersOf(tx, fromUserId);
  return repo.setManager(
    tx,
    locked.map((c) => c.id),
    toUserId,
    ctx.now,
  );
}
