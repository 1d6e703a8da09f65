import type { ChangePasswordBody, LoginBody } from '@crm/contracts';
import type { Database, Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, validationFailed } from '../../platform/errors.ts';
import { hashPassword, verifyPassword } from '../../platform/passwords.ts';
import * as repo from './repo.ts';
import * as sessions from './session-repo.ts';
import { hashToken, newToken, toActor } from './sessions.ts';

/**
 * Failed sign-ins within the window. The tight limit is per username *and* address, so an attacker elsewhere
 * cannot lock the real user out; the looser ones stop one address spraying many names, or many addresses one name.
 */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, pair: 5, user: 50, address: 30 };

const rejected = () => new AppError('INVALID_CREDENTIALS', 'Wrong username or password');

export async function signIn(
  database: Database,
  input: LoginBody & { ip: string; userAgent: string | null; now: Date; requestId: string },
) {
  const { db } = database;
  const username = input.username.toLowerCase();
  const failures = await sessions.countFailures(
    db,
    new Date(input.now.getTime() - LOGIN_LIMITS.windowMs),
    username,
    input.ip,
  );
  if (
    failures.pair >= LOGIN_LIMITS.pair ||
    failures.user >= LOGIN_LIMITS.user ||
    failures.address >= LOGIN_LIMITS.address
  ) {
    throw new AppError('RATE_LIMITED', 'Too many failed sign-ins; wait a few minutes and try again');
  }
  const user = await repo.findUserForLogin(db, username);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid || !user.active) {
    await sessions.recordFailure(db, username, input.ip, input.now);
    throw rejected();
  }
  // A new token at every sign-in: a token planted before sign-in (fixation) never becomes a session.
  const token = newToken();
  await db.transaction(async (tx) => {
    await sessions.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      now: input.now,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await sessions.clearFailures(tx, username, input.ip);
    await audit(
      tx,
      { actor: user, requestId: input.requestId },
      { action: 'sign-in', entity: 'session', entityId: user.id },
    );
  });
  const row = await sessions.findSession(database, hashToken(token));
  return { token, actor: toActor(row!) };
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

/** Housekeeping for the scheduler: old failures and long-idle sessions go. */
export async function pruneAuthData(db: Db, now: Date, idleMs: number) {
  await sessions.pruneFailures(db, new Date(now.getTime() - 24 * 3_600_000));
  await sessions.pruneSessions(db, new Date(now.getTime() - idleMs));
}
