import { type BoardQuery, type BulkAssignAnswer, type BulkAssignBody, type MoveStageBody } from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { validationFailed } from '../../platform/errors.ts';
import { isEntryOfType } from '../dictionary/index.ts';
import * as pipelineRepo from './pipeline-repo.ts';
import {
  answer,
  findVisible,
  lockVisible,
  lostRace,
  requireAssigneeInScope,
  requireAssigneeOrDirector,
  requireStatus,
} from './service.ts';
import { emit } from '../webhooks/index.ts';

/**
 * The pipeline (docs/pipeline.md): stage moves and their history, the board, bulk assignment. The opportunity's other
 * rules are service.ts's, whose checks these reuse.
 */

/**
 * docs/pipeline.md#stages, rule 3: the assignee or a director moves an assigned opportunity to another stage of the
 * `opportunityStage` type; the move is kept (time, author) and audited. Moving to the stage it is at changes nothing.
 */
export async function moveStage(db: Db, ctx: Ctx, id: number, body: MoveStageBody) {
  return db.transaction(async (tx) => {
    const locked = await lockVisible(tx, ctx, id);
    requireAssigneeOrDirector(ctx, locked);
    requireStatus(locked, 'assigned', 'change stage');
    if (!(await isEntryOfType(tx, body.stageId, pipelineRepo.STAGE_TYPE))) {
      throw validationFailed('stageId', 'Choose a stage of the sales pipeline (dictionary type opportunityStage)');
    }
    const before = await findVisible(tx, ctx, id);
    if (locked.stageId === body.stageId) return answer(ctx, before);
    if (!(await pipelineRepo.setStageWhileAssigned(tx, id, body.stageId))) throw lostRace();
    await pipelineRepo.insertMoves(tx, [
      { opportunityId: id, fromStageId: locked.stageId, toStageId: body.stageId, at: ctx.now, byId: ctx.actor.id },
    ]);
    const after = await findVisible(tx, ctx, id);
    await audit(tx, ctx, { action: 'stage', entity: 'opportunity', entityId: id, before, after });
    return answer(ctx, after);
  });
}

/** docs/pipeline.md#stages, rule 4: every move, oldest first, to whoever may see the opportunity. */
export async function listStageHistory(db: Db, ctx: Ctx, id: number) {
  await findVisible(db, ctx, id);
  return pipelineRepo.stageHistory(db, id, ctx.actor);
}

/** The first day of `YYYY-MM` and of the month after it. */
function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { closeFrom: `${month}-01`, closeTo: `${next}-01` };
}

/**
 * docs/pipeline.md#board: the assigned opportunities inside the reader's scope, one column per stage in the stages'
 * order, each with its exact count and amount and its first `limit` cards (soonest close date first).
 */
export async function loadBoard(db: Db, ctx: Ctx, q: BoardQuery) {
  const filter = { assigneeId: q.assigneeId, ...(q.closeMonth ? monthRange(q.closeMonth) : {}) };
  // three reads at once, each on its own connection of the pool: the board waits for the slowest, not for the sum
  const [stages, totals, cards] = await Promise.all([
    pipelineRepo.listStages(db),
    pipelineRepo.boardTotals(db, ctx.actor, filter),
    pipelineRepo.boardCards(db, ctx.actor, filter, q.limit),
  ]);
  return {
    columns: stages.map((stage) => {
      const total = totals.find((t) => t.stageId === stage.id);
      return {
        stage,
        count: total?.count ?? 0,
        amount: total?.amount ?? 0,
        items: cards.filter((c) => c.stage?.id === stage.id).map((c) => answer(ctx, c)),
      };
    }),
  };
}

/**
 * docs/pipeline.md#bulk-assignment: in one transaction, each listed opportunity that is unassigned and inside the
 * director's scope is assigned to the one manager (first stage, move kept, audited one by one); the others are
 * listed with why. The rows are locked in id order, so a single `/assign` racing for one of them either wins before
 * (then it is refused here as INVALID_STATE) or waits and is refused itself: one winner, as ever.
 */
export async function assignBulk(db: Db, ctx: Ctx, body: BulkAssignBody): Promise<BulkAssignAnswer> {
  return db.transaction(async (tx) => {
    await requireAssigneeInScope(tx, ctx, body.assigneeId);
    const locked = new Map((await pipelineRepo.lockMany(tx, body.ids, ctx.actor)).map((r) => [r.id, r.status]));
    const refused: BulkAssignAnswer['refused'] = [];
    const free: number[] = [];
    for (const id of body.ids) {
      const status = locked.get(id);
      if (status === undefined) refused.push({ id, code: 'NOT_FOUND', message: 'Opportunity not found' });
      else if (status !== 'unassigned')
        refused.push({ id, code: 'INVALID_STATE', message: `The opportunity is ${status}; only unassigned ones` });
      else free.push(id);
    }
    const befores = await pipelineRepo.findMany(tx, free, ctx.actor);
    const stageId = await pipelineRepo.firstStage(tx);
    const assigned = await pipelineRepo.assignMany(tx, free, body.assigneeId, ctx.now, stageId);
    if (assigned.length !== free.length) throw lostRace();
    if (stageId !== null) {
      await pipelineRepo.insertMoves(
        tx,
        assigned.map((id) => ({
          opportunityId: id,
          fromStageId: null,
          toStageId: stageId,
          at: ctx.now,
          byId: ctx.actor.id,
        })),
      );
    }
    const afters = await pipelineRepo.findMany(tx, assigned, ctx.actor);
    for (const id of free) {
      await audit(tx, ctx, {
        action: 'assign',
        entity: 'opportunity',
        entityId: id,
        before: befores.get(id),
        after: afters.get(id),
      });
    }
    await emit(
      tx,
      ctx,
      'opportunity.assigned',
      free.map((id) => ({ opportunity: afters.get(id) })),
    ); // docs/webhooks.md#events
    return { assigned: free, refused };
  });
}
