import { and, desc, eq, lt, ne } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client.ts';
import { sessions } from '../../db/schema/index.ts';

/** The signed-in user as every request needs them: the same for a session and for an API token. */
export type PrincipalRow = {
  userId: number;
  username: string;
  displayName: string;
  active: boolean;
  roles: string[];
  permissions: string[];
  departmentId: number | null;
  /** `family:scope` of every role the user holds. */
  scopes: string[];
  twoFactorEnabled: boolean;
  /** Some role of the user requires two-step verification. */
  twoFactorRequired: boolean;
};

export type SessionRow = PrincipalRow & { tokenHash: string; createdAt: string; lastSeenAt: string };

/** The user's columns of PrincipalRow, from `users u`. */
export const PRINCIPAL_COLUMNS = `
         u.id as "userId", u.username, u.display_name as "displayName", u.active,
         array(select distinct r.code from user_roles ur join roles r on r.id = ur.role_id
               where ur.user_id = u.id order by 1) as roles,
         array(select distinct rp.permission from user_roles ur join role_permissions rp on rp.role_id = ur.role_id
               where ur.user_id = u.id order by 1) as permissions,
         u.department_id as "departmentId",
         array(select distinct rs.family || ':' || rs.scope from user_roles ur join role_scopes rs on rs.role_id = ur.role_id
               where ur.user_id = u.id order by 1) as scopes,
         u.totp_enabled_at is not null as "twoFactorEnabled",
         exists(select 1 from user_roles ur join roles r on r.id = ur.role_id
                where ur.user_id = u.id and r.require_two_factor) as "twoFactorRequired"`;

const FIND_SESSION = `
  select s.token_hash as "tokenHash", s.created_at as "createdAt", s.last_seen_at as "lastSeenAt",
         ${PRINCIPAL_COLUMNS}
  from sessions s
  join users u on u.id = s.user_id
  where s.token_hash = $1`;

/**
 * The session with its user, roles and permissions, in one query: it runs on every request, so it is a prepared
 * statement (planned once per connection). Roles and permissions are two small sorted array subqueries rather than a
 * five-table join grouped by session, which took longer to plan (2-40 ms under load) than to run.
 */
export async function findSession(
  database: Pick<Database, 'prepared'>,
  tokenHash: string,
): Promise<SessionRow | undefined> {
  const [row] = await database.prepared<SessionRow>('crm_find_session', FIND_SESSION, [tokenHash]);
  return row;
}

export async function insertSession(
  db: DbOrTx,
  values: { tokenHash: string; userId: number; now: Date; ip: string; userAgent: string | null },
) {
  await db.insert(sessions).values({
    tokenHash: values.tokenHash,
    userId: values.userId,
    createdAt: values.now,
    lastSeenAt: values.now,
    ip: values.ip,
    userAgent: values.userAgent,
  });
}

export const touchSession = (db: DbOrTx, tokenHash: string, now: Date) =>
  db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));

export const deleteSession = (db: DbOrTx, tokenHash: string) =>
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));

/** Ends every session of a user, except `keep` (the one changing its own password). */
export const deleteSessionsOfUser = (db: DbOrTx, userId: number, keep?: string) =>
  db
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)) : eq(sessions.userId, userId));

export const pruneSessions = (db: DbOrTx, idleBefore: Date) =>
  db.delete(sessions).where(lt(sessions.lastSeenAt, idleBefore));

/** A user's sessions, the latest seen first (`GET /me/sessions`). */
export const listSessionsOfUser = (db: DbOrTx, userId: number) =>
  db
    .select({
      id: sessions.id,
      tokenHash: sessions.tokenHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
      address: sessions.ip,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.id));

/** Ends one session of a user; answers whether there was one. */
export async function deleteSessionOfUser(db: DbOrTx, userId: number, id: number) {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, id)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}
