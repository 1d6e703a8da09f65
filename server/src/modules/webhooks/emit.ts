import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { insertDeliveries } from './repo.ts';

/**
 * Tells the receivers of `event` (docs/webhooks.md#events, rule 1): writes one delivery per active receiver
 * subscribed to it, inside the caller's transaction — so a delivery exists exactly when the change does, and is sent
 * after the commit by the delivery worker. `data` is the event's `data` (an array: one event per item, each with its
 * own id). Call it next to the change's audit entry.
 */
export async function emit(
  tx: DbOrTx,
  ctx: { now: Date },
  event: WebhookEvent,
  data: Record<string, unknown> | Record<string, unknown>[],
): Promise<void> {
  const items = Array.isArray(data) ? data : [data];
  if (!items.length) return;
  await insertDeliveries(
    tx,
    event,
    items.map((d) => ({ eventId: randomUUID(), data: d })),
    ctx.now,
  );
}
