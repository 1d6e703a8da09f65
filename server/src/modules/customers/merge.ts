import { MERGE_FIELDS, type MergeAnswer, type MergeBody } from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidState, notFound, validationFailed } from '../../platform/errors.ts';
import { foldIntoSurvivor, lockCopy } from '../../sales/aliases.ts';
import { moveChurnWarningsToCustomer } from '../churn/index.ts';
import { moveOpportunitiesToCustomer } from '../opportunities/index.ts';
import { moveServicesToCustomer } from '../services/index.ts';
import { emit } from '../webhooks/index.ts';
import * as repo from './merge-repo.ts';
import { findCustomer } from './repo.ts';
import { getCustomer } from './service.ts';

/**
 * POST /customers/:id/merge (docs/duplicates-and-merge.md, rules 3–9): merges `sourceIds` into the survivor `:id` in one
 * transaction — the fields chosen, every dependent record moved, the merged numbers made aliases of the survivor, the
 * derived sales figures folded into its own and its risk scored again, audited, and `customer.merged` emitted.
 */
export async function mergeCustomers(deps: Deps, ctx: Ctx, survivorId: number, body: MergeBody): Promise<MergeAnswer> {
  const sourceIds = body.sourceIds;
  const fields = body.fields ?? {};
  if (new Set(sourceIds).size !== sourceIds.length) throw validationFailed('sourceIds', 'A customer is named twice');
  if (sourceIds.includes(survivorId)) throw validationFailed('sourceIds', 'A customer cannot be merged into itself');
  const involved = [survivorId, ...sourceIds];
  for (const field of MERGE_FIELDS) {
    const from = fields[field];
    if (from !== undefined && !involved.includes(from))
      throw validationFailed(`fields.${field}`, 'Not one of the customers being merged');
  }
  const answer = await deps.db.transaction(async (tx) => {
    // the derived copy's lock first, before any customer row: the fold below writes figures, and a transfer of one of
    // these customers, holding the lock shared while it waits for their rows, would otherwise wait on us in a circle
    await lockCopy(tx);
    const locked = await repo.lockForMerge(tx, involved, ctx.actor);
    const byId = new Map(locked.map((c) => [c.id, c]));
    // unknown and out of scope alike: 404, as for any other record the reader may not see
    if (involved.some((id) => !byId.get(id)?.visible)) throw notFound('Customer');
    const survivor = byId.get(survivorId)!;
    if (survivor.status !== 'normal') throw invalidState(`Customer ${survivor.number} is ${survivor.status}`);
    const sources = sourceIds.map((id) => byId.get(id)!);
    const closed = sources.find((s) => s.status !== 'normal');
    if (closed) throw invalidState(`Customer ${closed.number} is ${closed.status}`);
    const before = await findCustomer(tx, survivorId, null);
    const merged = await Promise.all(sourceIds.map((id) => findCustomer(tx, id, null)));
    const creditCodes = await repo.creditCodesOf(tx, involved);
    await repo.markMerged(tx, sourceIds, survivorId, ctx.now);
    await repo.takeFields(tx, survivorId, fields, creditCodes, ctx.now);
    const after = (await findCustomer(tx, survivorId, null))!;
    const records = await repo.moveRecords(tx, sourceIds, survivorId);
    const moved = {
      ...records,
      services: await moveServicesToCustomer(tx, sourceIds, survivorId),
      opportunities: await moveOpportunitiesToCustomer(tx, sourceIds, { id: survivorId, name: after.name }),
      churnWarnings: await moveChurnWarningsToCustomer(tx, sourceIds, survivorId, ctx.now),
    };
    await repo.writeAliases(tx, sources, survivorId, sourceIds);
    await repo.leaveDuplicateGroups(tx, sourceIds);
    const mergedNumbers = sources.map((s) => s.number);
    await foldIntoSurvivor(tx, after.number, mergedNumbers, ctx.now, deps.config.churnMonths);
    await audit(tx, ctx, {
      action: 'merge',
      entity: 'customer',
      entityId: survivorId,
      before: { survivor: before, merged },
      after: { survivor: after, mergedNumbers, fields, moved },
    });
    await emit(tx, ctx, 'customer.merged', { customer: after, mergedNumbers, mergedIds: sourceIds, moved });
    return { mergedNumbers, moved };
  });
  return { customer: await getCustomer(deps.db, survivorId, ctx.actor), ...answer };
}
