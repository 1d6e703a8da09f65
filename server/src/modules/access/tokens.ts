import { timingSafeEqual } from 'node:crypto';
import { type CreateTokenBody, TOKEN_PREFIX } from '@crm/contracts';
import type { FastifyRequest } from 'fastify';
import type { Database, Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import { hashToken, newToken, TOUCH_AFTER_MS, toActor } from './principal.ts';
import * as repo from './token-repo.ts';

/** `crm_` and 43 characters of base64url: 256 random bits (docs/sign-in.md#api-tokens, rule 1). */
const TOKEN_SHAPE = /^crm_[A-Za-z0-9_-]{43}$/;
const BEARER = /^Bearer ([^\s]+)$/;

const invalid = (message: string) => new AppError('TOKEN_INVALID', message);

/**
 * The actor of a request that carries `Authorization`: only a well-formed `Bearer crm_…` header of a token that is
 * neither revoked nor expired, of an active user, gets one; every other header is refused outright (401), never
 * taken for "no credentials". The token's permissions are cut down to what its user holds at this request.
 */
export async function resolveBearer(database: Database, request: FastifyRequest): Promise<Actor> {
  const header = request.headers.authorization ?? '';
  const secret = BEARER.exec(header)?.[1];
  if (!secret || !TOKEN_SHAPE.test(secret)) {
    throw invalid('The Authorization header must be "Bearer crm_…" with an API token');
  }
  const tokenHash = hashToken(secret);
  // Looked up by its SHA-256 (the caller controls the secret, not its hash), then compared in constant time
  // (docs/sign-in.md#api-tokens, rule 4).
  const row = await repo.findToken(database, tokenHash);
  if (!row || !timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(tokenHash, 'hex'))) {
    throw invalid('This API token is unknown or revoked');
  }
  const now = request.server.clock();
  if (row.expiresAt && Date.parse(row.expiresAt) <= now.getTime()) {
    throw new AppError('TOKEN_EXPIRED', 'This API token has expired; create a new one');
  }
  if (!row.active) throw invalid('The user of this API token is disabled');
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > TOUCH_AFTER_MS) {
    await repo.touchToken(database.db, row.tokenId, now);
  }
  return toActor(row, { sessionHash: null, tokenId: row.tokenId, narrowTo: row.tokenPermissions });
}

export const listOwnTokens = (db: Db, ctx: Ctx) => repo.listTokensOfUser(db, ctx.actor.id);
export const listAllTokens = (db: Db) => repo.listAllTokens(db);

/**
 * A new token of the actor's (docs/sign-in.md#api-tokens): never with a permission the actor does not hold now, an
 * expiry in the future. Answers it with its secret — the only time the secret leaves the server.
 */
export async function createToken(db: Db, ctx: Ctx, body: CreateTokenBody) {
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= ctx.now.getTime()) {
    throw validationFailed('expiresAt', 'The expiry must be in the future');
  }
  const permissions = body.permissions ? [...new Set(body.permissions)].sort() : null;
  const notHeld = permissions?.filter((p) => !(ctx.actor.permissions as string[]).includes(p)) ?? [];
  if (notHeld.length) throw validationFailed('permissions', `You do not hold: ${notHeld.join(', ')}`);
  const secret = `${TOKEN_PREFIX}${newToken()}`;
  const token = await db.transaction(async (tx) => {
    const created = await repo.insertToken(tx, {
      userId: ctx.actor.id,
      name: body.name,
      tokenHash: hashToken(secret),
      permissions,
      expiresAt,
      now: ctx.now,
    });
    await audit(tx, ctx, { action: 'create', entity: 'apiToken', entityId: created.id, after: created });
    return created;
  });
  return { ...token, token: secret };
}

/** Revokes one of the actor's tokens, or — `anyUser`, the administrator's overview — anyone's. */
export async function revokeToken(db: Db, ctx: Ctx, id: number, anyUser = false) {
  await db.transaction(async (tx) => {
    const before = await repo.revokeToken(tx, id, ctx.now, anyUser ? undefined : ctx.actor.id);
    if (!before) throw notFound('API token');
    await audit(tx, ctx, { action: 'revoke', entity: 'apiToken', entityId: id, before });
  });
}
