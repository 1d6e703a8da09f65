import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { loginDevices as d, loginThrottle as l } from '../../db/schema/index.ts';

/** One counter of the sign-in limiter (see throttle.ts): failed or running attempts in its window. */
export type Bucket = { key: string; failures: number; windowStart: Date; nextAt: Date | null };

/**
 * The buckets of `keys`, created when missing and locked until the transaction ends: two attempts that share a
 * bucket take turns here, so a count read is a count that holds until this attempt has added itself to it. Keys are
 * created and locked in one order (sorted), so attempts sharing several buckets never wait on each other in a circle.
 */
export async function lockBuckets(tx: DbOrTx, keys: string[], now: Date): Promise<Bucket[]> {
  const sorted = [...new Set(keys)].sort();
  // A successful sign-in deletes its pair bucket (releaseAttempt); one deleted between our insert and our lock is
  // created again, so every key comes back locked.
  for (;;) {
    await tx.execute(sql`
      insert into login_throttle (key, failures, window_start)
      select k, 0, ${now.toISOString()} from unnest(${sql.param(sorted)}::text[]) as k order by k
      on conflict (key) do nothing`);
    const locked = await tx
      .select({ key: l.key, failures: l.failures, windowStart: l.windowStart, nextAt: l.nextAt })
      .from(l)
      .where(inArray(l.key, sorted))
      .orderBy(asc(l.key))
      .for('update');
    if (locked.length === sorted.length) return locked;
  }
}

export async function saveBuckets(tx: DbOrTx, buckets: Bucket[]) {
  if (!buckets.length) return;
  await tx.execute(sql`
    update login_throttle t set failures = b.failures, window_start = b.window_start, next_at = b.next_at
    from unnest(${sql.param(buckets.map((b) => b.key))}::text[], ${sql.param(buckets.map((b) => b.failures))}::int[],
                ${sql.param(buckets.map((b) => b.windowStart.toISOString()))}::timestamptz[],
                ${sql.param(buckets.map((b) => b.nextAt?.toISOString() ?? null))}::timestamptz[])
      as b(key, failures, window_start, next_at)
    where t.key = b.key`);
}

/** A counter an attempt took a place in: the delay it set, and the one before. */
export type Release = { key: string; nextAt: Date | null; previousNextAt: Date | null };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * An attempt that turned out not to be a failed guess gives its place back, and the delay it set where no other
 * attempt has moved it since; `forget` buckets go altogether. The rows are locked first, in the order lockBuckets
 * takes them, so that a release and a new attempt never wait on each other in a circle (a deadlock, answered 409).
 */
export async function releaseAttempt(db: DbOrTx, release: Release[], forget: string[]) {
  const keys = [...new Set([...release.map((r) => r.key), ...forget])].sort();
  if (!keys.length) return;
  await db.transaction(async (tx) => {
    await tx.select({ key: l.key }).from(l).where(inArray(l.key, keys)).orderBy(asc(l.key)).for('update');
    if (release.length) {
      await tx.execute(sql`
        update login_throttle t set failures = greatest(t.failures - 1, 0),
          next_at = case when t.next_at is not distinct from r.next_at then r.previous_next_at else t.next_at end
        from unnest(${sql.param(release.map((r) => r.key))}::text[],
                    ${sql.param(release.map((r) => iso(r.nextAt)))}::timestamptz[],
                    ${sql.param(release.map((r) => iso(r.previousNextAt)))}::timestamptz[])
          as r(key, next_at, previous_next_at)
        where t.key = r.key`);
    }
    if (forget.length) {
      await tx.execute(sql`delete from login_throttle where key = any(${sql.param(forget)}::text[])`);
    }
  });
}

export const pruneBuckets = (db: DbOrTx, windowStartedBefore: Date) =>
  db.execute(sql`delete from login_throttle where window_start < ${windowStartedBefore.toISOString()}`);

/** The user a remembered browser (`crm_device`) belongs to. */
export async function findDevice(db: DbOrTx, tokenHash: string) {
  const [row] = await db.select({ userId: d.userId }).from(d).where(eq(d.tokenHash, tokenHash));
  return row;
}

export async function rememberDevice(db: DbOrTx, tokenHash: string, userId: number, now: Date) {
  await db.execute(sql`
    insert into login_devices (token_hash, user_id, created_at, last_used_at)
    values (${tokenHash}, ${userId}, ${now.toISOString()}, ${now.toISOString()})
    on conflict (token_hash) do update set last_used_at = excluded.last_used_at`);
}

export const pruneDevices = (db: DbOrTx, unusedSince: Date) =>
  db.execute(sql`delete from login_devices where last_used_at < ${unusedSince.toISOString()}`);
