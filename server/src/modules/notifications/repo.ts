import type { Notification, NotificationKind, NotificationQuery } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { pageWithTotal } from '../../db/page.ts';
import { rows } from '../../db/sql.ts';
import { limitOffset } from '../../platform/pagination.ts';

export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  params: Record<string, unknown>;
  ref: Notification['ref'];
  /** One per user and key: a second write with the same key adds nothing. */
  key?: string;
};

/** The API's shape, straight from SQL (`params` is the `payload` column). */
const columns = sql`n.id, n.kind, n.payload as params,
  case when n.ref_type is null then null else json_build_object('type', n.ref_type, 'id', n.ref_id) end as ref,
  n.created_at as "createdAt", n.read_at as "readAt"`;

export async function insertNotifications(tx: DbOrTx, items: NewNotification[], at: Date): Promise<number[]> {
  if (!items.length) return [];
  const values = items.map(
    (n) =>
      sql`(${n.userId}::int, ${n.kind}, ${n.key ?? null}::text, ${JSON.stringify(n.params)}::jsonb,
           ${n.ref?.type ?? null}::text, ${n.ref?.id ?? null}::int, ${at.toISOString()}::timestamptz)`,
  );
  const inserted = await rows<{ id: number }>(
    tx,
    sql`insert into notifications (user_id, kind, key, payload, ref_type, ref_id, created_at)
        values ${sql.join(values, sql`, `)}
        on conflict (user_id, key) do nothing
        returning id`,
  );
  return inserted.map((r) => r.id);
}

export function listNotifications(db: DbOrTx, userId: number, q: NotificationQuery) {
  const where = sql`n.user_id = ${userId}${q.unread === 'true' ? sql` and n.read_at is null` : q.unread === 'false' ? sql` and n.read_at is not null` : sql``}`;
  const { limit, offset } = limitOffset(q);
  return pageWithTotal<Notification>(db, {
    page: sql`select ${columns} from notifications n where ${where} order by n.id desc limit ${limit} offset ${offset}`,
    order: sql`p.id desc`,
    total: sql`select count(*) from notifications n where ${where}`,
    timestamps: ['createdAt', 'readAt'],
  });
}

export async function unreadCount(db: DbOrTx, userId: number): Promise<number> {
  const [row] = await rows<{ count: number }>(
    db,
    sql`select count(*)::int as count from notifications where user_id = ${userId} and read_at is null`,
  );
  return row?.count ?? 0;
}

/** True when the notification is the user's (read already or now). */
export async function markRead(db: DbOrTx, userId: number, id: number, at: Date): Promise<boolean> {
  const [row] = await rows<{ id: number }>(
    db,
    sql`update notifications set read_at = coalesce(read_at, ${at.toISOString()}::timestamptz)
        where id = ${id} and user_id = ${userId} returning id`,
  );
  return row !== undefined;
}

export async function markAllRead(db: DbOrTx, userId: number, at: Date): Promise<number> {
  const updated = await rows<{ id: number }>(
    db,
    sql`update notifications set read_at = ${at.toISOString()}::timestamptz
        where user_id = ${userId} and read_at is null returning id`,
  );
  return updated.length;
}

/** The user's notifications after `afterId` (a reconnecting stream's `Last-Event-ID`), oldest first. */
export function notificationsAfter(db: DbOrTx, userId: number, afterId: number, limit = 200) {
  return rows<Notification>(
    db,
    sql`select ${columns} from notifications n where n.user_id = ${userId} and n.id > ${afterId}
        order by n.id limit ${limit}`,
  );
}

/** Notifications by id (the ones just announced), with their users. */
export function notificationsByIds(db: DbOrTx, ids: number[]) {
  return rows<Notification & { userId: number }>(
    db,
    sql`select ${columns}, n.user_id as "userId" from notifications n
        where n.id = any(${`{${ids.join(',')}}`}::bigint[]) order by n.id`,
  );
}

/** docs/notifications.md#kinds: kept 180 days. */
export async function pruneNotifications(db: DbOrTx, before: Date): Promise<number> {
  const deleted = await rows<{ id: number }>(
    db,
    sql`delete from notifications where created_at < ${before.toISOString()}::timestamptz returning id`,
  );
  return deleted.length;
}

export async function readEmailSettings(db: DbOrTx, userId: number) {
  const [row] = await rows<{ email: Record<string, boolean> | null; address: string | null }>(
    db,
    sql`select s.email, nullif(u.email, '') as address from users u
        left join notification_settings s on s.user_id = u.id where u.id = ${userId}`,
  );
  return { email: row?.email ?? {}, address: row?.address ?? null };
}

export async function writeEmailSettings(db: DbOrTx, userId: number, email: Record<string, boolean>, at: Date) {
  await db.execute(
    sql`insert into notification_settings (user_id, email, updated_at)
        values (${userId}, ${JSON.stringify(email)}::jsonb, ${at.toISOString()}::timestamptz)
        on conflict (user_id) do update set email = excluded.email, updated_at = excluded.updated_at`,
  );
}
