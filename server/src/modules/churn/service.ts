import {
  OPEN_CHURN_STATUSES,
  type AppendMeasureBody,
  type ChurnWarning,
  type ChurnWarningQuery,
  type ConfirmChurnBody,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import * as repo from './repo.ts';
import { emit } from '../webhooks/index.ts';

export async function listChurnWarnings(db: Db, ctx: Ctx, q: ChurnWarningQuery) {
  const { items, total } = await repo.listWarnings(db, { ...q, ...limitOffset(q) }, ctx.actor);
  return pageOf(items, total, q);
}

/**
 * A warning outside the user's churn scope answers 404, exactly like one that does not exist
 * (docs/organisation.md#data-scope, rule 4).
 */
async function loadWarning(db: DbOrTx, ctx: Ctx, id: number): Promise<ChurnWarning> {
  const summary = await repo.findWarning(db, id, ctx.actor);
  if (!summary) throw notFound('Churn warning');
  return { ...summary, measures: await repo.listMeasures(db, id, ctx.actor) };
}
export { loadWarning as getChurnWarning };

/**
 * Locks the warning and its customer, then checks the record rules inside the transaction that writes:
 * invisible → 404, not the customer's responsible manager → 403, status not in `allowed` → 409.
 */
async function lockForAction(tx: DbOrTx, ctx: Ctx, id: number) {
  const row = await repo.lockWarning(tx, id, ctx.actor);
  if (!row) throw notFound('Churn warning');
  // docs/product.md#churn, rule 7: "the responsible manager" — the customer's manager now, whoever the warning recorded
  if (row.responsibleId !== ctx.actor.id)
    throw forbidden('Only the customer\u2019s responsible manager may act on its churn warning');
  return row;
}

/**
 * 暂缓流失 (docs/product.md#churn, rule 8): the responsible manager appends a measure to an open warning; every measure is
 * kept with its time and author, and the first one moves the warning from `warning` to `delayed`.
 */
export async function appendDelayMeasure(db: Db, ctx: Ctx, id: number, body: AppendMeasureBody) {
  return db.transaction(async (tx) => {
    const row = await lockForAction(tx, ctx, id);
    if (!OPEN_CHURN_STATUSES.includes(row.status)) {
      throw invalidState(`Measures can only be added to an open warning; this one is ${row.status}`);
    }
    const measureId = await repo.insertMeasure(tx, {
      warningId: id,
      text: body.text,
      userId: ctx.actor.id,
      at: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'create',
      entity: 'churnMeasure',
      entityId: measureId,
      after: { warningId: id, text: body.text },
    });
    if (row.status === 'warning') {
      await repo.setStatus(tx, id, ['warning'], { status: 'delayed' });
      await audit(tx, ctx, {
        action: 'delay',
        entity: 'churnWarning',
        entityId: id,
        before: { status: 'warning' },
        after: { status: 'delayed' },
      });
    }
    const warning = await loadWarning(tx, ctx, id);
    return { ...warning.measures.find((m) => m.id === measureId)!, warning };
  });
}

/**
 * 确认流失 (docs/product.md#churn, rule 9): only after at least one delay measure, with a reason; the warning becomes
 * `lost` with the confirmation time and the customer `lost`, in one transaction.
 */
export async function confirmChurn(db: Db, ctx: Ctx, id: number, body: ConfirmChurnBody) {
  return db.transaction(async (tx) => {
    const row = await lockForAction(tx, ctx, id);
    if (row.status === 'warning' || (row.status === 'delayed' && (await repo.countMeasures(tx, id)) === 0)) {
      throw invalidState('Record at least one delay measure before confirming the loss');
    }
    if (row.status !== 'delayed')
      throw invalidState(`Only a delayed warning can be confirmed; this one is ${row.status}`);
    await repo.setStatus(tx, id, ['delayed'], { status: 'lost', reason: body.reason, confirmedAt: ctx.now });
    await audit(tx, ctx, {
      action: 'confirm',
      entity: 'churnWarning',
      entityId: id,
      before: { status: 'delayed' },
      after: { status: 'lost', reason: body.reason, confirmedAt: ctx.now },
    });
    if (await repo.markCustomerLost(tx, row.customerId, ctx.now)) {
      await audit(tx, ctx, {
        action: 'lose',
        entity: 'customer',
        entityId: row.customerId,
        before: { status: row.customerStatus },
        after: { status: 'lost' },
      });
    }
    await emit(tx, ctx, 'churn.confirmed', { warning: await loadWarning(tx, ctx, id) }); // docs/webhooks.md#events
    return loadWarning(tx, ctx, id);
  });
}
