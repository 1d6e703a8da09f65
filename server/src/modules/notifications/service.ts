import {
  notificationKinds,
  type NotificationQuery,
  type NotificationSettings,
  type UpdateNotificationSettingsBody,
} from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/pagination.ts';
import * as repo from './repo.ts';

/** A user reads their own notifications only: another user's is "not found". */
export async function listNotifications(db: Db, ctx: Ctx, q: NotificationQuery) {
  const { items, total } = await repo.listNotifications(db, ctx.actor.id, q);
  return pageOf(items, total, q);
}

export const unreadCount = async (db: Db, ctx: Ctx) => ({ count: await repo.unreadCount(db, ctx.actor.id) });

/** Reading marks, it does not change business data: no audit entry (like a session's last use). */
export async function markNotificationRead(db: Db, ctx: Ctx, id: number) {
  if (!(await repo.markRead(db, ctx.actor.id, id, ctx.now))) throw notFound('Notification');
}

export const markAllNotificationsRead = async (db: Db, ctx: Ctx) => ({
  count: await repo.markAllRead(db, ctx.actor.id, ctx.now),
});

function present(email: Record<string, boolean>, address: string | null, mailEnabled: boolean): NotificationSettings {
  return {
    email: Object.fromEntries(notificationKinds.map((k) => [k, email[k] === true])) as NotificationSettings['email'],
    mailEnabled,
    address,
  };
}

export async function getNotificationSettings(db: Db, ctx: Ctx, mailEnabled: boolean) {
  const { email, address } = await repo.readEmailSettings(db, ctx.actor.id);
  return present(email, address, mailEnabled);
}

/** docs/notifications.md#email, rule 2: the kinds named change, the others stay. */
export async function updateNotificationSettings(
  db: Db,
  ctx: Ctx,
  body: UpdateNotificationSettingsBody,
  mailEnabled: boolean,
) {
  return db.transaction(async (tx) => {
    const before = await repo.readEmailSettings(tx, ctx.actor.id);
    const email = { ...present(before.email, null, mailEnabled).email, ...body.email };
    await repo.writeEmailSettings(tx, ctx.actor.id, email, ctx.now);
    await audit(tx, ctx, {
      action: 'update',
      entity: 'notificationSettings',
      entityId: ctx.actor.id,
      before: before.email,
      after: email,
    });
    return present(email, before.address, mailEnabled);
  });
}
