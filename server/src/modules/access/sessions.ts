import { createHash, randomBytes } from 'node:crypto';
import {
  type DataScope,
  type DataScopeValue,
  isPermission,
  type Permission,
  SCOPE_FAMILIES,
  widestScope,
} from '@crm/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionResolver } from '../../platform/guard.ts';
import * as repo from './session-repo.ts';

const SESSION_COOKIE = 'crm_session';
/** The browser's remembered sign-in (throttle.ts): sent only to the sign-in routes, kept for half a year. */
export const DEVICE_COOKIE = 'crm_device';
export const DEVICE_COOKIE_MAX_MS = 180 * 24 * 3_600_000;

export const accountDisabled = () => new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
/** Writing last-seen on every request would turn every read into a write; a minute's slack is enough. */
const TOUCH_AFTER_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 256 random bits. */
export const newToken = () => randomBytes(32).toString('base64url');

/** Per family the widest scope of the user's roles; a family no role grants is `self`. */
export function effectiveScope(scopes: string[]): DataScope {
  const granted = scopes.map((s) => s.split(':') as [string, DataScopeValue]);
  const widest = (family: string) => widestScope(granted.filter(([f]) => f === family).map(([, scope]) => scope));
  return Object.fromEntries(SCOPE_FAMILIES.map((family) => [family, widest(family)])) as DataScope;
}

export function toActor(row: repo.SessionRow): Actor {
  const granted = new Set(row.permissions.filter(isPermission));
  return {
    id: row.userId,
    username: row.username,
    displayName: row.displayName,
    roles: [...row.roles].sort(),
    permissions: [...granted].sort(),
    departmentId: row.departmentId,
    dataScope: effectiveScope(row.scopes),
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
      now - Date.parse(row.createdAt) > config.sessionMaxMs || now - Date.parse(row.lastSeenAt) > config.sessionIdleMs;
    if (expired) {
      await repo.deleteSession(db, tokenHash);
      return undefined;
    }
    // The session of a user disabled since: it no longer works, and says why (the web explains it on sign-in).
    // It is not deleted here, so that every request still under way gets the same answer; enabling the user again
    // deletes it (service.ts updateUser), and housekeeping removes it once idle.
    if (!row.active) throw accountDisabled();
    if (now - Date.parse(row.lastSeenAt) > TOUCH_AFTER_MS) await repo.touchSession(db, tokenHash, new Date(now));
    return toActor(row);
  };
}

const secureFor = (request: FastifyRequest, config: Config) =>
  config.secureCookie === 'always' || (config.secureCookie === 'auto' && request.protocol === 'https');

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureFor(request, config),
    path: '/',
    maxAge: Math.floor(config.sessionMaxMs / 1000),
  });
}

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secureFor(request, config),
    path: '/api/v1/auth',
    maxAge: Math.floor(DEVICE_COOKIE_MAX_MS / 1000),
  });
}

export const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
