import { randomBytes } from 'node:crypto';
import type { DisableTwoFactorBody, TwoFactorLoginBody } from '@crm/contracts';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Database, Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, validationFailed } from '../../platform/errors.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { hashToken } from './principal.ts';
import { admitAttempt, settleAdmission } from './throttle.ts';
import * as repo from './two-factor-repo.ts';

/** How long the second step of a sign-in may take, and how many wrong codes it takes (rule 4). */
export const PENDING_MS = 5 * 60_000;
const PENDING_FAILURES = 5;
const RECOVERY_CODES = 10;
const ISSUER = 'CRM';

const invalidCode = () => new AppError('TWO_FACTOR_INVALID', 'The code is wrong, too old, or was used already');

/** Ten letters and digits as `abcde-12345`, from 50 random bits; stored as the SHA-256 of the form without the dash. */
const newRecoveryCode = () => {
  const text = [...randomBytes(10)].map((b) => 'abcdefghjkmnpqrstuvwxyz23456789'[b % 31]).join('');
  return `${text.slice(0, 5)}-${text.slice(5)}`;
};
const recoveryHash = (code: string) => hashToken(code.trim().toLowerCase().replace('-', ''));

/** The time step a six-digit code matches now (the one before too, for a clock a little behind), or undefined. */
async function matchStep(secret: string, code: string, now: Date, lastStep: number | null) {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: [30, 0],
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  }).catch(() => ({ valid: false as const }));
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/**
 * A code of the user's app, accepted once (rule 3): its time step must be later than the last one accepted, taken in
 * the same statement that checks it. Answers whether the code counts.
 */
async function acceptCode(
  db: DbOrTx,
  userId: number,
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
) {
  const step = await matchStep(secret, code, now, lastStep);
  return step !== undefined && (await repo.takeStep(db, userId, step));
}

/** Code attempts have their own counters in the sign-in limiter (rule 4): `2fa:<username>`. */
const admitCode = (db: Db, username: string, ip: string, now: Date) =>
  admitAttempt(db, { username: `2fa:${username.toLowerCase()}`, ip, deviceHash: undefined, now });

/** Setup: a new secret, kept aside until a code confirms it; answers it and its `otpauth://` address (for the QR code). */
export async function setUp(db: Db, ctx: Ctx) {
  const found = await repo.findTwoFactor(db, ctx.actor.id);
  if (found?.enabledAt) throw new AppError('INVALID_STATE', 'Two-step verification is on already; turn it off first');
  const secret = generateSecret();
  await db.transaction(async (tx) => {
    await repo.setPendingSecret(tx, ctx.actor.id, secret);
    await audit(tx, ctx, { action: 'create', entity: 'twoFactor', entityId: ctx.actor.id });
  });
  return { secret, otpauthUrl: generateURI({ issuer: ISSUER, label: ctx.actor.username, secret }) };
}

/** Enable: a code from the app proves the secret arrived; answers the ten recovery codes, shown this once. */
export async function enable(db: Db, ctx: Ctx, code: string, ip: string) {
  const found = await repo.findTwoFactor(db, ctx.actor.id);
  if (found?.enabledAt) throw new AppError('INVALID_STATE', 'Two-step verification is on already');
  if (!found?.pendingSecret) throw new AppError('INVALID_STATE', 'Start the setup first');
  const admission = await admitCode(db, ctx.actor.username, ip, ctx.now);
  const step = await matchStep(found.pendingSecret, code, ctx.now, null);
  if (step === undefined) throw validationFailed('code', 'The code does not match; check the app and the clock');
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await db.transaction(async (tx) => {
    await repo.enable(tx, ctx.actor.id, { secret: found.pendingSecret!, step, now: ctx.now });
    await repo.replaceRecoveryCodes(tx, ctx.actor.id, codes.map(recoveryHash));
    await settleAdmission(tx, admission);
    await audit(tx, ctx, { action: 'enable', entity: 'twoFactor', entityId: ctx.actor.id });
  });
  return { recoveryCodes: codes };
}

/** Disable: the password and a code (of the app, or a recovery code) together. */
export async function disable(db: Db, ctx: Ctx, body: DisableTwoFactorBody, ip: string) {
  const found = await repo.findTwoFactor(db, ctx.actor.id);
  if (!found?.enabledAt || !found.secret) throw new AppError('INVALID_STATE', 'Two-step verification is off');
  const admission = await admitCode(db, ctx.actor.username, ip, ctx.now);
  if (!(await verifyPassword(found.passwordHash, body.password))) {
    throw validationFailed('password', 'The password is wrong');
  }
  await db.transaction(async (tx) => {
    const accepted = /^[0-9]{6}$/.test(body.code)
      ? await acceptCode(tx, ctx.actor.id, found.secret!, body.code, ctx.now, found.lastStep)
      : await repo.useRecoveryCode(tx, ctx.actor.id, recoveryHash(body.code), ctx.now);
    if (!accepted) throw validationFailed('code', 'The code is wrong, too old, or was used already');
    await repo.disable(tx, ctx.actor.id);
    await settleAdmission(tx, admission);
    await audit(tx, ctx, { action: 'disable', entity: 'twoFactor', entityId: ctx.actor.id });
  });
}

/** After the right password of a user with two-step verification: the pending sign-in its cookie names. */
export async function startPending(db: DbOrTx, userId: number, deviceHash: string | null, now: Date) {
  const token = randomBytes(32).toString('base64url');
  await repo.insertPending(db, { tokenHash: hashToken(token), userId, deviceHash, now });
  return token;
}

export const isEnabled = async (db: DbOrTx, userId: number) => !!(await repo.findTwoFactor(db, userId))?.enabledAt;

/**
 * The second step (rule 4): the pending sign-in of this browser, not older than five minutes, and a code accepted
 * once. A wrong code counts in the limiter and against the pending sign-in, which ends after five. Answers the user
 * and the pending sign-in's remembered browser; `finish` makes the session in the same transaction that uses the code.
 */
export async function checkSecondStep<T>(
  database: Database,
  input: TwoFactorLoginBody & { pendingToken: string | undefined; ip: string; now: Date },
  finish: (tx: DbOrTx, userId: number, deviceHash: string | null) => Promise<T>,
): Promise<T> {
  const { db } = database;
  const expired = () => new AppError('TWO_FACTOR_EXPIRED', 'Sign in again: the first step is missing or too old');
  if (!input.pendingToken || input.pendingToken.length > 100) throw expired();
  const tokenHash = hashToken(input.pendingToken);
  const pending = await repo.findPending(db, tokenHash);
  if (!pending || input.now.getTime() - pending.createdAt.getTime() > PENDING_MS) {
    if (pending) await repo.deletePending(db, tokenHash);
    throw expired();
  }
  const user = await repo.findTwoFactor(db, pending.userId);
  if (!user?.secret) throw expired();
  const admission = await admitCode(db, user.username, input.ip, input.now);
  const result = await db.transaction(async (tx) => {
    const accepted = input.code
      ? await acceptCode(tx, pending.userId, user.secret!, input.code, input.now, user.lastStep)
      : await repo.useRecoveryCode(tx, pending.userId, recoveryHash(input.recoveryCode!), input.now);
    if (!accepted) return { accepted: false as const };
    await repo.deletePending(tx, tokenHash);
    await settleAdmission(tx, admission);
    return { accepted: true as const, value: await finish(tx, pending.userId, pending.deviceHash) };
  });
  if (!result.accepted) {
    if ((await repo.failPending(db, tokenHash)) >= PENDING_FAILURES) await repo.deletePending(db, tokenHash);
    throw invalidCode();
  }
  return result.value;
}

export const prunePendingSignIns = (db: DbOrTx, now: Date) =>
  repo.prunePending(db, new Date(now.getTime() - PENDING_MS));
