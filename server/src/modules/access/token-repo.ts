import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ApiToken, ApiTokenOverview } from '@crm/contracts';
import type { Database, DbOrTx } from '../../db/client.ts';
import { apiTokens as k, users } from '../../db/schema/index.ts';
import { PRINCIPAL_COLUMNS, type PrincipalRow } from './session-repo.ts';

export type TokenRow = PrincipalRow & {
  tokenId: number;
  tokenName: string;
  tokenHash: string;
  tokenPermissions: string[] | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
};

const FIND_TOKEN = `
  select k.id as "tokenId", k.name as "tokenName", k.token_hash as "tokenHash", k.permissions as "tokenPermissions",
         k.expires_at as "expiresAt", k.last_used_at as "lastUsedAt",
         ${PRINCIPAL_COLUMNS}
  from api_tokens k
  join users u on u.id = k.user_id
  where k.token_hash = $1 and k.revoked_at is null`;

/** The token with its user, roles and permissions as they are now: one prepared query, on every bearer request. */
export async function findToken(database: Pick<Database, 'prepared'>, tokenHash: string) {
  const [row] = await database.prepared<TokenRow>('crm_find_token', FIND_TOKEN, [tokenHash]);
  return row;
}

export const touchToken = (db: DbOrTx, id: number, now: Date) =>
  db.update(k).set({ lastUsedAt: now }).where(eq(k.id, id));

const columns = {
  id: k.id,
  name: k.name,
  permissions: k.permissions,
  expiresAt: k.expiresAt,
  lastUsedAt: k.lastUsedAt,
  createdAt: k.createdAt,
};
const iso = (d: Date | null) => d?.toISOString() ?? null;
const present = (r: {
  id: number;
  name: string;
  permissions: string[] | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}): ApiToken => ({
  id: r.id,
  name: r.name,
  permissions: r.permissions,
  expiresAt: iso(r.expiresAt),
  lastUsedAt: iso(r.lastUsedAt),
  createdAt: r.createdAt.toISOString(),
});

export async function insertToken(
  db: DbOrTx,
  v: {
    userId: number;
    name: string;
    tokenHash: string;
    permissions: string[] | null;
    expiresAt: Date | null;
    now: Date;
  },
): Promise<ApiToken> {
  const [row] = await db
    .insert(k)
    .values({
      userId: v.userId,
      name: v.name,
      tokenHash: v.tokenHash,
      permissions: v.permissions,
      expiresAt: v.expiresAt,
      createdAt: v.now,
    })
    .returning(columns);
  return present(row!);
}

/** A user's tokens that are not revoked (expired ones too, so that they can see and remove them), newest first. */
export async function listTokensOfUser(db: DbOrTx, userId: number): Promise<ApiToken[]> {
  const found = await db
    .select(columns)
    .from(k)
    .where(and(eq(k.userId, userId), isNull(k.revokedAt)))
    .orderBy(desc(k.createdAt), desc(k.id));
  return found.map(present);
}

/** Every token not revoked, with its user: the administrator's overview. */
export async function listAllTokens(db: DbOrTx): Promise<ApiTokenOverview[]> {
  const found = await db
    .select({
      ...columns,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      active: users.active,
    })
    .from(k)
    .innerJoin(users, eq(users.id, k.userId))
    .where(isNull(k.revokedAt))
    .orderBy(sql`lower(${users.username})`, desc(k.createdAt), desc(k.id));
  return found.map(({ userId, username, displayName, active, ...token }) => ({
    ...present(token),
    user: { id: userId, username, displayName, active },
  }));
}

/** Revokes a token (of `userId` when given); answers what it was, or undefined when there was none to revoke. */
export async function revokeToken(db: DbOrTx, id: number, now: Date, userId?: number) {
  const [row] = await db
    .update(k)
    .set({ revokedAt: now })
    .where(and(eq(k.id, id), isNull(k.revokedAt), userId === undefined ? undefined : eq(k.userId, userId)))
    .returning({ ...columns, userId: k.userId });
  return row && { ...present(row), userId: row.userId };
}
