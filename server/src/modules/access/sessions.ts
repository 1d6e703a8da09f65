import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { SessionResolver } from '../../platform/guard.ts';
import { accountDisabled, hashToken, TOUCH_AFTER_MS, toActor } from './principal.ts';
import * as repo from './session-repo.ts';
import { resolveBearer } from './tokens.ts';

export { accountDisabled, hashToken, newToken, toActor } from './principal.ts';

const SESSION_COOKIE = 'crm_session';
/** The browser's remembered sign-in (throttle.ts): sent only to the sign-in routes, kept for half a year. */
export const DEVICE_COOKIE = 'crm_device';
export const DEVICE_COOKIE_MAX_MS = 180 * 24 * 3_600_000;

/**
 * One resolver for both ways in (docs/sign-in.md#api-tokens, rule 2): a request with an `Authorization` header is
 * judged by that header alone — its cookies do not count —, any other by its session cookie.
 */
export function sessionResolver(database: Database, config: Config): SessionResolver {
  const { db } = database;
  return async (request) => {
    if (request.headers.authorization !== undefined) return resolveBearer(database, request);
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
    return toActor(row, { sessionHash: row.tokenHash, tokenId: null });
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

/** The pending second step of a sign-in (docs/sign-in.md#two-step-verification, rule 4): five minutes, sign-in routes only. */
export const PENDING_COOKIE = 'crm_2fa';

export function setPendingCookie(request: FastifyRequest, reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(PENDING_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secureFor(request, config),
    path: '/api/v1/auth',
    maxAge: 5 * 60,
  });
}

export const clearPendingCookie = (reply: FastifyReply) => reply.clearCookie(PENDING_COOKIE, { path: '/api/v1/auth' });

/** The browser's user agent as a session keeps it: at most 300 characters. */
export const userAgentOf = (request: FastifyRequest) => request.headers['user-agent']?.slice(0, 300) ?? null;
