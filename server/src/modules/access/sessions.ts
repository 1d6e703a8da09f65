import { createHash, randomBytes } from 'node:crypto';
import { isPermission, type Permission } from '@crm/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import type { SessionResolver } from '../../platform/guard.ts';
import * as repo from './session-repo.ts';

export const SESSION_COOKIE = 'crm_session';
/** Writing last-seen on every request would turn every read into a write; a minute's slack is enough. */
const TOUCH_AFTER_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 256 random bits. */
export const newToken = () => randomBytes(32).toString('base64url');

export function toActor(row: repo.SessionRow): Actor {
  const granted = new Set(row.permissions.filter(isPermission));
  return {
    id: row.userId,
    username: row.username,
    displayName: row.displayName,
    roles: [...row.roles].sort(),
    permissions: [...granted].sort(),
    can: (permission: Permission) => granted.has(permission),
    sessionHash: row.tokenHash,
  };
}

export function sessionResolver(database: Database, config: Config): SessionResolver {
  const { db } = database;
  return async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return undefined;
    const tokenHash = hashToken(token);
    const row = await repo.findSession(database, tokenHash);
    if (!row) return undefined;
    const now = request.server.clock().getTime();
    const expired =
      !row.active ||
      now - row.createdAt.getTime() > config.sessionMaxMs ||
      now - row.lastSeenAt.getTime() > config.sessionIdleMs;
    if (expired) {
      await repo.deleteSession(db, tokenHash);
      return undefined;
    }
    if (now - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) await repo.touchSession(db, tokenHash, new Date(now));
    return toActor(row);
  };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, config: Config, token: string) {
  const secure = config.secureCookie === 'always' || (config.secureCookie === 'auto' && request.protocol === 'https');
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.floor(config.sessionMaxMs / 1000),
  });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
