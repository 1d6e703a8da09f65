import type { ChangePasswordBody, LoginBody, TwoFactorLoginBody } from '@crm/contracts';
import type { Database, Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound, validationFailed } from '../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { pruneLogins } from './oidc-repo.ts';
import * as repo from './repo.ts';
import * as sessions from './session-repo.ts';
import { admitAttempt, pruneThrottle, settleAdmission } from './throttle.ts';
import * as throttle from './throttle-repo.ts';
import * as twoFactor from './two-factor.ts';

/** How long a single sign-on may take at the identity provider (docs/sign-in.md#single-sign-on, rule 2). */
export const OIDC_LOGIN_MS = 10 * 60_000;
import { accountDisabled, DEVICE_COOKIE_MAX_MS, hashToken, newToken, toActor } from './sessions.ts';

const rejected = () => new AppError('INVALID_CREDENTIALS', 'Wrong username or password');

/**
 * Signs a user in. The limiter admits the attempt before the password is verified (throttle.ts); a browser that
 * signed in as this user before (`deviceToken`, the `crm_device` cookie) is counted on its own. A wrong password and
 * an unknown name get the same answer after the same work; a disabled account says so, but only to the right
 * password. Answers the session token, and the device token to remember this browser by.
 */
export async function signIn(
  database: Database,
  input: LoginBody & {
    ip: string;
    userAgent: string | null;
    deviceToken: string | undefined;
    now: Date;
    requestId: string;
  },
) {
  const { db } = database;
  const username = input.username.toLowerCase();
  const user = await repo.findUserForLogin(db, username);
  const device = input.deviceToken && input.deviceToken.length <= 100 ? hashToken(input.deviceToken) : undefined;
  const knownDevice = device && user && (await throttle.findDevice(db, device))?.userId === user.id;
  const admission = await admitAttempt(db, {
    username,
    ip: input.ip,
    deviceHash: knownDevice ? device : undefined,
    now: input.now,
  });
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid) throw rejected(); // the attempt stays counted
  if (!user.active) {
    await settleAdmission(db, admission);
    throw accountDisabled();
  }
  if (await twoFactor.isEnabled(db, user.id)) {
    // docs/sign-in.md#two-step-verification, rule 4: the right password opens the second step, not a session
    const pendingToken = await db.transaction(async (tx) => {
      await settleAdmission(tx, admission);
      return twoFactor.startPending(tx, user.id, knownDevice ? device! : null, input.now);
    });
    return { twoFactorRequired: true as const, pendingToken };
  }
  const created = await db.transaction((tx) =>
    startSession(tx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      deviceToken: knownDevice ? input.deviceToken! : undefined,
      now: input.now,
      requestId: input.requestId,
      settle: () => settleAdmission(tx, admission),
    }),
  );
  return withActor(database, created);
}

/**
 * A new session for a user who proved who they are (password, second step, or single sign-on), in the caller's
 * transaction: a new token at every sign-in — a token planted before sign-in (fixation) never becomes a session —,
 * the browser remembered, the sign-in audited. Answers the session's and the browser's tokens, and the actor.
 */
export async function startSession(
  tx: DbOrTx,
  v: {
    userId: number;
    ip: string;
    userAgent: string | null;
    deviceToken: string | undefined;
    now: Date;
    requestId: string;
    settle?: () => Promise<unknown>;
  },
) {
  const token = newToken();
  const deviceToken = v.deviceToken ?? newToken();
  await sessions.insertSession(tx, {
    tokenHash: hashToken(token),
    userId: v.userId,
    now: v.now,
    ip: v.ip,
    userAgent: v.userAgent,
  });
  await v.settle?.();
  await throttle.rememberDevice(tx, hashToken(deviceToken), v.userId, v.now);
  await audit(
    tx,
    { actor: { id: v.userId }, requestId: v.requestId },
    { action: 'sign-in', entity: 'session', entityId: v.userId },
  );
  return { token, deviceToken };
}

/** The new session's actor, read once its transaction has committed. */
export async function withActor(database: Database, created: { token: string; deviceToken: string }) {
  const row = await sessions.findSession(database, hashToken(created.token));
  return { ...created, actor: toActor(row!, { sessionHash: row!.tokenHash, tokenId: null }) };
}

export async function signOut(db: Db, ctx: Ctx) {
  if (ctx.actor.sessionHash) await sessions.deleteSession(db, ctx.actor.sessionHash);
}

/** Users change their own password; their other sessions end (the current one stays). */
export async function changeOwnPassword(db: Db, ctx: Ctx, body: ChangePasswordBody) {
  const stored = await repo.findPasswordHash(db, ctx.actor.id);
  if (!(await verifyPassword(stored, body.currentPassword))) {
    throw validationFailed('currentPassword', 'The current password is wrong');
  }
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await repo.updateUser(tx, ctx.actor.id, { passwordHash }, ctx.now);
    await sessions.deleteSessionsOfUser(tx, ctx.actor.id, ctx.actor.sessionHash ?? undefined);
    await audit(tx, ctx, { action: 'change-password', entity: 'user', entityId: ctx.actor.id });
  });
}

/** Housekeeping for the scheduler: old sign-in counters, forgotten browsers and long-idle sessions go. */
export async function pruneAuthData(db: Db, now: Date, idleMs: number) {
  await pruneThrottle(db, now, DEVICE_COOKIE_MAX_MS);
  await twoFactor.prunePendingSignIns(db, now);
  await pruneLogins(db, new Date(now.getTime() - OIDC_LOGIN_MS));
  await sessions.pruneSessions(db, new Date(now.getTime() - idleMs));
}

/** The user's sessions, the one making the request marked (docs/sign-in.md#sessions). */
export async function listOwnSessions(db: Db, ctx: Ctx) {
  const found = await sessions.listSessionsOfUser(db, ctx.actor.id);
  return found.map(({ tokenHash, createdAt, lastSeenAt, ...s }) => ({
    ...s,
    createdAt: createdAt.toISOString(),
    lastSeenAt: lastSeenAt.toISOString(),
    current: tokenHash === ctx.actor.sessionHash,
  }));
}

/** Ends one of the user's sessions (the current one too: that is signing out). */
export async function endOwnSession(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    if (!(await sessions.deleteSessionOfUser(tx, ctx.actor.id, id))) throw notFound('Session');
    await audit(tx, ctx, { action: 'sign-out', entity: 'session', entityId: id });
  });
}

/** Ends every session of the user but the one making the request. */
export async function endOtherSessions(db: Db, ctx: Ctx) {
  await db.transaction(async (tx) => {
    await sessions.deleteSessionsOfUser(tx, ctx.actor.id, ctx.actor.sessionHash ?? undefined);
    await audit(tx, ctx, { action: 'sign-out', entity: 'session', entityId: null, after: { others: true } });
  });
}

/** `POST /auth/login/two-factor`: the second step; a session once the code is accepted. */
export async function signInSecondStep(
  database: Database,
  input: TwoFactorLoginBody & {
    pendingToken: string | undefined;
    ip: string;
    userAgent: string | null;
    deviceToken: string | undefined;
    now: Date;
    requestId: string;
  },
) {
  const created = await twoFactor.checkSecondStep(database, input, (tx, userId, deviceHash) =>
    startSession(tx, {
      userId,
      ip: input.ip,
      userAgent: input.userAgent,
      // the browser stays remembered only when it is the one that was (docs/SECURITY.md, "Signing in")
      deviceToken:
        deviceHash && input.deviceToken && hashToken(input.deviceToken) === deviceHash ? input.deviceToken : undefined,
      now: input.now,
      requestId: input.requestId,
    }),
  );
  return withActor(database, created);
}
