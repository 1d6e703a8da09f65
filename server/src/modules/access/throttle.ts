import type { Db, DbOrTx } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './throttle-repo.ts';

/**
 * The sign-in limiter (docs/SECURITY.md, "Signing in"). Every attempt first takes its place in the counters it
 * belongs to — under a row lock, before its password is verified — so that any number of parallel attempts verify
 * at most as many passwords as the limits allow. A successful attempt gives its place back.
 *
 * - per username and address: `pair` failures, then that address waits for the end of the window for that name;
 * - per username, from every address: after `userFree` failures, attempts from addresses that have failed in the
 *   window are slowed down (one every `delay`, doubling up to `maxDelayMs`); an address without failures is not, so
 *   the real user signs in from their own network while someone guesses from elsewhere;
 * - per address, whatever the names: after `addressFree` failures, attempts from it are slowed down likewise;
 * - a browser that signed in as this user before (its `crm_device` cookie) is counted on its own (`device`
 *   failures) and is not slowed down by what others do from the same address (a proxy, an office).
 * The counters never depend on whether a username exists (an unknown name counts like a known one, in its own
 * bucket), so the answers say nothing about which names exist.
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  pair: 5,
  userFree: 10,
  addressFree: 30,
  device: 5,
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/**
 * What an attempt that was no wrong guess hands back: its place in the counters (and the delay its admission set,
 * where no later attempt has moved it since), and the pair's count altogether.
 */
type Admission = { release: repo.Release[]; forget: string[] };

/**
 * Staff and customer-portal sign-ins are counted apart (docs/portal.md#sessions, rule 4): the portal's keys carry
 * `portal:` in front, so guessing at the portal never slows staff down, nor the other way round.
 */
export type SignInRealm = 'staff' | 'portal';

const keysOf = (username: string, ip: string, deviceHash: string | undefined, realm: SignInRealm) => {
  const p = realm === 'portal' ? 'portal:' : '';
  return {
    // the address first: it holds no space, so the key is unambiguous whatever the name holds
    pair: `${p}pair:${ip} ${username}`,
    user: `${p}user:${username}`,
    address: `${p}address:${ip}`,
    device: deviceHash ? `${p}device:${deviceHash}` : undefined,
  };
};

/** A counter whose window has ended starts again. */
function current(bucket: repo.Bucket, now: Date): repo.Bucket {
  if (now.getTime() - bucket.windowStart.getTime() < LOGIN_LIMITS.windowMs) return bucket;
  return { ...bucket, failures: 0, windowStart: now, nextAt: null };
}

/** Beyond its free attempts a counter admits one attempt per delay, the delay doubling with every failure. */
function slowDown(bucket: repo.Bucket, free: number, now: Date) {
  const over = bucket.failures - free;
  if (over <= 0) return;
  const delay = Math.min(LOGIN_LIMITS.firstDelayMs * 2 ** Math.min(over - 1, 30), LOGIN_LIMITS.maxDelayMs);
  bucket.nextAt = new Date(now.getTime() + delay);
}

function refuse(until: Date, now: Date): never {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  throw new AppError('RATE_LIMITED', 'Too many failed sign-ins; wait a little and try again', undefined, {
    'Retry-After': String(seconds),
  });
}

/**
 * Admits one sign-in attempt or refuses it (429 `RATE_LIMITED` with `Retry-After`). `deviceHash` is given only when
 * the browser's remembered sign-in belongs to the user of this username.
 */
export async function admitAttempt(
  db: Db,
  a: { username: string; ip: string; deviceHash: string | undefined; now: Date; realm?: SignInRealm },
): Promise<Admission> {
  const keys = keysOf(a.username, a.ip, a.deviceHash, a.realm ?? 'staff');
  return db.transaction(async (tx) => {
    const locked = await repo.lockBuckets(
      tx,
      Object.values(keys).filter((k) => k !== undefined),
      a.now,
    );
    const bucket = (key: string) =>
      current(
        locked.find((b) => b.key === key)!,
        a.now,
      );
    if (keys.device) {
      const device = bucket(keys.device);
      if (device.failures < LOGIN_LIMITS.device) {
        device.failures += 1;
        await repo.saveBuckets(tx, [device]);
        return { release: [{ key: keys.device, nextAt: device.nextAt, previousNextAt: device.nextAt }], forget: [] };
      }
    }
    const pair = bucket(keys.pair);
    const user = bucket(keys.user);
    const address = bucket(keys.address);
    if (pair.failures >= LOGIN_LIMITS.pair) {
      refuse(new Date(pair.windowStart.getTime() + LOGIN_LIMITS.windowMs), a.now);
    }
    const addressHasFailed = address.failures > 0;
    if (addressHasFailed && user.nextAt && user.nextAt > a.now) refuse(user.nextAt, a.now);
    if (address.nextAt && address.nextAt > a.now) refuse(address.nextAt, a.now);
    const previous = { user: user.nextAt, address: address.nextAt };
    for (const b of [pair, user, address]) b.failures += 1;
    slowDown(user, LOGIN_LIMITS.userFree, a.now);
    slowDown(address, LOGIN_LIMITS.addressFree, a.now);
    await repo.saveBuckets(tx, [pair, user, address]);
    return {
      release: [
        { key: keys.user, nextAt: user.nextAt, previousNextAt: previous.user },
        { key: keys.address, nextAt: address.nextAt, previousNextAt: previous.address },
      ],
      forget: [keys.pair],
    };
  });
}

/**
 * The attempt was no wrong guess (the right password): its place goes back — and so does the delay its admission
 * set, so that a real user signing in does not slow down the next one — and the pair starts afresh.
 */
export const settleAdmission = (db: DbOrTx, admission: Admission) =>
  repo.releaseAttempt(db, admission.release, admission.forget);

/** Housekeeping: counters whose window ended long ago, and browsers not seen for the cookie's lifetime. */
export async function pruneThrottle(db: Db, now: Date, deviceMaxMs: number) {
  await repo.pruneBuckets(db, new Date(now.getTime() - 24 * 3_600_000));
  await repo.pruneDevices(db, new Date(now.getTime() - deviceMaxMs));
}
