import type { PortalAcceptBody, PortalLoginBody, PortalMe } from '@crm/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database, Db, Tx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { PortalUser } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { PortalResolver } from '../../platform/guard.ts';
import { hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { admitAttempt, hashToken, newToken, settleAdmission } from '../access/index.ts';
import * as repo from './repo.ts';

/** The portal's own cookie (docs/portal.md#sessions, rule 1): sent only to `/api/portal`, never to the staff API. */
export const PORTAL_COOKIE = 'crm_portal';
/** Writing last-seen on every request would turn every read into a write; a minute's slack is enough. */
const TOUCH_AFTER_MS = 60_000;

type SignInInput = { ip: string; userAgent: string | null; now: Date; requestId: string };

const meOf = (u: PortalUser): PortalMe => ({
  contact: u.contact,
  customer: { id: u.customer.id, number: u.customer.number, name: u.customer.name },
  username: u.username,
  canFile: u.customer.status === 'normal',
});

const userOf = (row: repo.PortalSessionRow, sessionHash: string): PortalUser => ({
  accountId: row.accountId,
  username: row.username,
  sessionHash,
  contact: { id: row.contactId, name: row.contactName },
  customer: { id: row.customerId, number: row.customerNumber, name: row.customerName, status: row.customerStatus },
});

export const portalMe = meOf;

/**
 * The portal's session check (docs/portal.md#sessions, rules 2 and 3): its cookie only — never the staff cookie, and a
 * request with an `Authorization` header (an API token) is no portal request; the staff time-outs apply.
 */
export function portalResolver(database: Database, config: Config): PortalResolver {
  const { db } = database;
  return async (request) => {
    if (request.headers.authorization !== undefined) return undefined;
    const token = request.cookies[PORTAL_COOKIE];
    if (!token || token.length > 100) return undefined;
    const tokenHash = hashToken(token);
    const row = await repo.findSession(db, tokenHash);
    if (!row) return undefined;
    const now = request.server.clock().getTime();
    if (
      now - Date.parse(row.createdAt) > config.sessionMaxMs ||
      now - Date.parse(row.lastSeenAt) > config.sessionIdleMs
    ) {
      await repo.deleteSession(db, tokenHash);
      return undefined;
    }
    if (now - Date.parse(row.lastSeenAt) > TOUCH_AFTER_MS) await repo.touchSession(db, tokenHash, new Date(now));
    return userOf(row, tokenHash);
  };
}

/** A new session for the account, in the caller's transaction; answers its token. */
async function startSession(tx: Tx, accountId: number, input: SignInInput) {
  const token = newToken();
  await repo.insertSession(tx, {
    tokenHash: hashToken(token),
    accountId,
    now: input.now,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await repo.markSignedIn(tx, accountId, input.now);
  return token;
}

/** The new session's user, read once its transaction has committed. */
async function signedIn(db: Db, token: string) {
  const hash = hashToken(token);
  const row = await repo.findSession(db, hash);
  return { token, me: meOf(userOf(row!, hash)) };
}

/**
 * docs/portal.md#accounts, rule 2: the contact chooses a username (unique among portal users) and a password (the
 * staff rules and hashing) with the invitation's token, which then stops working; they are signed in.
 */
export async function acceptInvitation(db: Db, body: PortalAcceptBody, input: SignInInput) {
  const tokenHash = hashToken(body.token);
  const invitation = await repo.findInvitation(db, tokenHash);
  if (!invitation) throw new AppError('INVITATION_INVALID', 'This invitation link is not valid or was used already');
  if (Date.parse(invitation.expiresAt) <= input.now.getTime())
    throw new AppError('INVITATION_EXPIRED', 'This invitation link has expired; ask for a new one');
  if (await repo.usernameTaken(db, body.username)) throw usernameTaken();
  const passwordHash = await hashPassword(body.password);
  const token = await db.transaction(async (tx) => {
    if (await repo.usernameTaken(tx, body.username)) throw usernameTaken();
    const accountId = await repo.acceptInvitation(tx, tokenHash, {
      username: body.username,
      passwordHash,
      now: input.now,
    });
    if (!accountId) throw new AppError('INVITATION_INVALID', 'This invitation link is not valid or was used already');
    await audit(
      tx,
      { requestId: input.requestId, actor: null },
      {
        action: 'accept',
        entity: 'portalAccess',
        entityId: accountId,
        after: { contactId: invitation.contactId, username: body.username },
      },
    );
    return startSession(tx, accountId, input);
  });
  return signedIn(db, token);
}

const usernameTaken = () =>
  new AppError('CONFLICT', 'This username is taken; choose another', [{ path: 'username', message: 'taken' }]);

/**
 * docs/portal.md#sessions, rule 4: signing in to the portal is limited like staff sign-in (access/throttle.ts), in
 * counters of its own; a wrong password and an unknown name get the same answer after the same work.
 */
export async function signIn(db: Db, body: PortalLoginBody, input: SignInInput) {
  const username = body.username.toLowerCase();
  const account = await repo.findAccountForLogin(db, username);
  const admission = await admitAttempt(db, {
    username,
    ip: input.ip,
    deviceHash: undefined,
    now: input.now,
    realm: 'portal',
  });
  const valid = await verifyPassword(account?.passwordHash, body.password);
  if (!account || !valid) throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password');
  const token = await db.transaction(async (tx) => {
    await settleAdmission(tx, admission);
    await audit(
      tx,
      { requestId: input.requestId, actor: null },
      { action: 'sign-in', entity: 'portalAccess', entityId: account.id },
    );
    return startSession(tx, account.id, input);
  });
  return signedIn(db, token);
}

export const signOut = (db: Db, user: PortalUser) => repo.deleteSession(db, user.sessionHash);

/** Housekeeping: portal sessions idle for longer than the idle time-out. */
export const prunePortalSessions = (db: Db, now: Date, idleMs: number) =>
  repo.pruneSessions(db, new Date(now.getTime() - idleMs));

const secureFor = (request: FastifyRequest, config: Config) =>
  config.secureCookie === 'always' || (config.secureCookie === 'auto' && request.protocol === 'https');

export function setPortalCookie(request: FastifyRequest, reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(PORTAL_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secureFor(request, config),
    path: '/api/portal',
    maxAge: Math.floor(config.sessionMaxMs / 1000),
  });
}

export const clearPortalCookie = (reply: FastifyReply) => reply.clearCookie(PORTAL_COOKIE, { path: '/api/portal' });
