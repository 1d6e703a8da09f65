import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { pendingSignIns as p, recoveryCodes as r, users } from '../../db/schema/index.ts';

/** A user's two-step verification as stored (docs/sign-in.md#two-step-verification). */
export async function findTwoFactor(db: DbOrTx, userId: number) {
  const [row] = await db
    .select({
      username: users.username,
      secret: users.totpSecret,
      pendingSecret: users.totpPendingSecret,
      enabledAt: users.totpEnabledAt,
      lastStep: users.totpLastStep,
      passwordHash: users.passwordHash,
      active: users.active,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export const setPendingSecret = (db: DbOrTx, userId: number, secret: string) =>
  db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId));

/**
 * Takes the time step of an accepted code, only if it is later than the last one taken: of two requests with the same
 * code, one wins (rule 3). Answers whether this one did.
 */
export async function takeStep(db: DbOrTx, userId: number, step: number) {
  const taken = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return taken.length > 0;
}

export const enable = (db: DbOrTx, userId: number, v: { secret: string; step: number; now: Date }) =>
  db
    .update(users)
    .set({ totpSecret: v.secret, totpPendingSecret: null, totpEnabledAt: v.now, totpLastStep: v.step })
    .where(eq(users.id, userId));

export async function disable(db: DbOrTx, userId: number) {
  await db
    .update(users)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await db.delete(r).where(eq(r.userId, userId));
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: number, hashes: string[]) {
  await db.delete(r).where(eq(r.userId, userId));
  await db.insert(r).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses a recovery code once: answers whether it was there and unused (and now is used). */
export async function useRecoveryCode(db: DbOrTx, userId: number, codeHash: string, now: Date) {
  const used = await db
    .update(r)
    .set({ usedAt: now })
    .where(and(eq(r.userId, userId), eq(r.codeHash, codeHash), isNull(r.usedAt)))
    .returning({ id: r.id });
  return used.length > 0;
}

export const insertPending = (
  db: DbOrTx,
  v: { tokenHash: string; userId: number; deviceHash: string | null; now: Date },
) => db.insert(p).values({ tokenHash: v.tokenHash, userId: v.userId, deviceHash: v.deviceHash, createdAt: v.now });

export async function findPending(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ userId: p.userId, deviceHash: p.deviceHash, failures: p.failures, createdAt: p.createdAt })
    .from(p)
    .where(eq(p.tokenHash, tokenHash));
  return row;
}

/** Counts a wrong code; answers the failures so far. */
export async function failPending(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .update(p)
    .set({ failures: sql`${p.failures} + 1` })
    .where(eq(p.tokenHash, tokenHash))
    .returning({ failures: p.failures });
  return row?.failures ?? Number.MAX_SAFE_INTEGER;
}

export const deletePending = (db: DbOrTx, tokenHash: string) => db.delete(p).where(eq(p.tokenHash, tokenHash));

export const prunePending = (db: DbOrTx, before: Date) => db.delete(p).where(lt(p.createdAt, before));
