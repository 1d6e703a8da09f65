import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { localDay, serverTimeZone } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { claimLease, holdsLease, releaseLease } from '../../platform/lease.ts';
import type { Job } from '../../scheduler.ts';
import * as repo from './scan-repo.ts';
import { readLimits } from './settings-repo.ts';

/** A user's request, or the scheduler (no actor). */
export type PoolScanCtx = Pick<Ctx, 'requestId' | 'now'>;

const LEASE_MS = 10 * 60_000;

/**
 * The automatic return (docs/organisation.md#customer-pool, rule 5): one statement in one transaction, under a lease
 * (`job_leases`) so that it runs once at a time across every instance; a scan that finds another one running does
 * nothing and answers zeros. Running it twice is harmless anyway: a returned customer has no manager any more, and a
 * warning is one per customer and return day.
 */
export async function scanPool(
  deps: Pick<Deps, 'db'>,
  ctx: PoolScanCtx,
): Promise<{ returned: number; warned: number }> {
  const holder = randomUUID();
  if (!(await claimLease(deps.db, repo.POOL_RETURN_JOB, holder, LEASE_MS))) return { returned: 0, warned: 0 };
  try {
    return await deps.db.transaction(async (tx) => {
      if (!(await holdsLease(tx, repo.POOL_RETURN_JOB, holder))) return { returned: 0, warned: 0 };
      await repo.useServerDays(tx, serverTimeZone());
      const { warnDays } = await readLimits(tx);
      return repo.returnAndWarn(tx, { today: localDay(ctx.now), at: ctx.now, warnDays, requestId: ctx.requestId });
    });
  } finally {
    await releaseLease(deps.db, repo.POOL_RETURN_JOB, holder);
  }
}

/** Nightly, as the system (no user): CRM_POOL_CRON, default 03:30 every day. */
export const poolReturnJob = (deps: Deps): Job => ({
  name: repo.POOL_RETURN_JOB,
  cron: deps.config.poolCron,
  run: () => scanPool(deps, { requestId: `job:${repo.POOL_RETURN_JOB}:${randomUUID()}`, now: new Date() }),
});
