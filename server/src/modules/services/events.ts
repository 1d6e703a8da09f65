import type { Service, WebhookEvent } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { SYSTEM_READER } from '../../platform/scope.ts';
import { emit } from '../webhooks/index.ts';
import * as repo from './repo.ts';

/** docs/service-sla.md#deadlines, rule 3: the same test as the list's filter (repo.overdueAt), at `now`. */
export function withOverdue(s: repo.ServiceRow, now: Date): Service {
  const past = (at: string | null) => at !== null && new Date(at) < now;
  const overdue =
    (s.status === 'new' && past(s.assignDueAt)) ||
    ((s.status === 'new' || s.status === 'assigned') && past(s.handleDueAt));
  return { ...s, overdue };
}

/**
 * docs/webhooks.md#events: a service's event to the webhooks, in the transaction of the change, with the service as
 * the staff API answers it — whoever made the change: a manager or director, a contact on the portal, an assignment
 * rule or the breach job.
 */
export async function emitServiceEvent(
  tx: DbOrTx,
  now: Date,
  event: Extract<WebhookEvent, `service.${string}`>,
  serviceId: number,
  more: Record<string, unknown> = {},
) {
  const found = await repo.findService(tx, serviceId, SYSTEM_READER);
  if (found) await emit(tx, { now }, event, { service: withOverdue(found, now), ...more });
}
