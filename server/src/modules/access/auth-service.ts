import type { ChangePasswordBody, LoginBody } from '@crm/contracts';
import type { Database, Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, validationFailed } from '../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../../platform/passwords.ts';
import * as repo from './repo.ts';
import * as sessions from './session-repo.ts';
import { admitAttempt, pruneThrottle, settleAdmission } from './throttle.ts';
import * as throttle from './throttle-repo.ts';
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
  // A new token at every sign-in: a token planted before sign-in (fixation) never becomes a session.
  const token = newToken();
  const deviceToken = knownDevice ? input.deviceToken! : newToken();
  await db.transaction(async (tx) => {
    await sessions.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      now: input.now,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await settleAdmission(tx, admission);
    await throttle.rememberDevice(tx, hashToken(deviceToken), user.id, input.now);
    await audit(
      tx,
      { actor: user, requestId: input.requestId },
      { action: 'sign-in', entity: 'session', entityId: user.id },
    );
  });
  const row = await sessions.findSession(database, hashToken(token));
  return { token, deviceToken, actor: toActor(row!) };
}

export async function signOut(db: Db, ctx: Ctx) {
  await sessions.deleteSession(db, ctx.actor.sessionHash);
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
    await sessions.deleteSessionsOfUser(tx, ctx.actor.id, ctx.actor.sessionHash);
    await audit(tx, ctx, { action: 'change-password', entity: 'user', entityId: ctx.actor.id });
  });
}

/** Housekeeping for the scheduler: old sign-in counters, forgotten browsers and long-idle sessions go. */
export async function pruneAuthData(db: Db, now: Date, idleMs: number) {
  await pruneThrottle(db, now, DEVICE_COOKIE_MAX_MS);
  await sessions.pruneSessions(db, new Date(now.getTime() - idleMs));
}
