import type { NotificationKind } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { insertNotifications, type NewNotification } from './repo.ts';

export type NotificationEvent = Omit<NewNotification, 'userId'> & {
  /** The person told; none (null) tells nobody. */
  userId: number | null | undefined;
};

/**
 * Writes notifications inside the caller's transaction (docs/notifications.md#delivery, rule 1), so they exist exactly
 * when the event does; the database announces them to the app instances on commit. Nobody is told of what they did
 * themselves (a director assigning a service to themself), and one person is told of one event once. Answers how
 * many were written (a key already there writes none).
 */
export async function notify(
  tx: DbOrTx,
  ctx: { actor?: { id: number } | null; now: Date },
  events: NotificationEvent[],
): Promise<number> {
  const seen = new Set<string>();
  const items: NewNotification[] = [];
  for (const e of events) {
    if (e.userId === null || e.userId === undefined || e.userId === ctx.actor?.id) continue;
    const once = `${e.userId}:${e.kind}:${e.ref?.type}:${e.ref?.id}`;
    if (seen.has(once)) continue;
    seen.add(once);
    items.push({ ...e, userId: e.userId });
  }
  return (await insertNotifications(tx, items, ctx.now)).length;
}

export type { NotificationKind };
