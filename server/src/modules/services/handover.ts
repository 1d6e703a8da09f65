import type { DbOrTx } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import * as repo from './handover-repo.ts';

/**
 * docs/organisation.md#transfer-and-handover, rule 2: every `assigned` service of a leaving user goes to the
 * successor, its history noting the new assignee; new, handled and archived ones stay. Runs inside the handover's
 * transaction.
 */
export const handOverServices = (tx: DbOrTx, fromUserId: number, toUserId: number, ctx: Pick<Ctx, 'actor' | 'now'>) =>
  repo.moveAssignedServices(tx, { fromUserId, toUserId, actorId: ctx.actor.id, at: ctx.now });
