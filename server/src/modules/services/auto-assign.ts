import type { DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { chooseAssignee } from '../assignment/index.ts';
import { notify } from '../notifications/index.ts';
import { emitServiceEvent } from './events.ts';
import * as repo from './repo.ts';

/**
 * docs/assignment-rules.md#assigning: inside the transaction that created the `new` service (staff's or the
 * portal's), the first matching rule assigns it — status, assignee, time and the rule on the service, an `assigned`
 * event naming the rule (by whoever filed it), an audit entry, the assignee told and the webhooks' event. Answers the rule and
 * assignee, or null when no rule applies (it stays `new`).
 */
export async function assignByRules(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'requestId' | 'now'> & { actor: { id: number } | null },
  serviceId: number,
) {
  const choice = await chooseAssignee(tx, serviceId);
  if (!choice) return null;
  const before = await repo.findServiceState(tx, serviceId);
  if (!(await repo.assignNewService(tx, serviceId, choice.assigneeId, ctx.now, choice.rule))) return null;
  const s = await repo.serviceFacts(tx, serviceId);
  await repo.insertServiceEvent(tx, {
    serviceId,
    kind: 'assigned',
    // in the name of whoever filed it: its creator, or the contact who asked on the portal
    userId: s.createdById,
    contactId: s.requestedByContactId,
    contactName: s.requestedByName,
    assigneeId: choice.assigneeId,
    rule: choice.rule,
    at: ctx.now,
  });
  await audit(tx, ctx, {
    action: 'assign',
    entity: 'service',
    entityId: serviceId,
    before,
    after: { status: 'assigned', assigneeId: choice.assigneeId, assignedByRule: choice.rule },
  });
  // docs/notifications.md#kinds: the assignee is told, as of a director's assignment
  await notify(tx, ctx, [
    {
      userId: choice.assigneeId,
      kind: 'service.assigned',
      params: { serviceId, number: s.number, customerName: s.customerName, summary: s.summary, rule: choice.rule.name },
      ref: { type: 'service', id: serviceId },
    },
  ]);
  await emitServiceEvent(tx, ctx.now, 'service.assigned', serviceId); // docs/webhooks.md#events
  return choice;
}
