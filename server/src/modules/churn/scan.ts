import { randomUUID } from 'node:crypto';
import type { ChurnLastScan, ChurnScanResult } from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { refreshSalesFigures } from '../../sales/figures.ts';
import type { Job } from '../../scheduler.ts';
import * as repo from './scan-repo.ts';
import { churnCutoffs } from './threshold.ts';

/** A user's request, or the scheduler (no actor). */
export type ScanCtx = Pick<Ctx, 'requestId' | 'now'> & { actor: { id: number } | null };

const jobCtx = (): ScanCtx => ({
  actor: null,
  requestId: `job:${repo.CHURN_SCAN_JOB}:${randomUUID()}`,
  now: new Date(),
});

/**
 * Brings the derived sales figures up to date before the check. When the sales system cannot be reached the check
 * still runs on the copy it has (at most as old as the outage; the next check corrects it), but never on a copy that
 * was never filled: every customer would look as if it had never ordered.
 */
async function refreshFigures(deps: Deps, now: Date): Promise<{ asOf: string | null; refreshed: boolean }> {
  try {
    return { asOf: (await refreshSalesFigures(deps, 'incremental', now)).asOf, refreshed: true };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'SALES_UNAVAILABLE') throw error;
    const asOf = await repo.salesAsOf(deps.db);
    if (!asOf) throw error;
    return { asOf, refreshed: false };
  }
}

/**
 * The churn check (docs/product.md#churn, rule 2). Set-based: three statements whatever the number of customers, all in
 * one transaction, so a check killed half-way leaves nothing behind. On PostgreSQL the transaction holds an advisory
 * lock: a check that finds another one running (another instance, the same moment) does nothing and answers
 * `skipped` with zero counts — the running one makes the one set of warnings. The partial unique index (one open
 * warning per customer) guards the same rule in the database.
 */
export async function scanForChurn(deps: Deps, ctx: ScanCtx = jobCtx()): Promise<ChurnScanResult> {
  const started = performance.now();
  const sales = await refreshFigures(deps, ctx.now);
  const who = { actorId: ctx.actor?.id ?? null, requestId: ctx.requestId };
  const { lastOrderBefore, createdBefore } = churnCutoffs(ctx.now, deps.config.churnMonths);
  return deps.db.transaction(async (tx) => {
    if (deps.database.kind === 'postgres' && !(await repo.tryScanLock(tx))) {
      return { scanned: 0, created: 0, recovered: 0, skipped: true, salesAsOf: sales.asOf };
    }
    // Recovery first: a customer that ordered again is no longer open, and if its new last order is itself old
    // enough the creation below warns it afresh with the new date.
    const recovered = await repo.recoverOrderedAgain(tx, ctx.now, who);
    const created = await repo.createWarnings(tx, { at: ctx.now, lastOrderBefore, createdBefore }, who);
    const scanned = await repo.countNormalCustomers(tx);
    const durationMs = Math.round(performance.now() - started);
    const result = { scanned, created, recovered, salesAsOf: sales.asOf, durationMs };
    await repo.insertJobRun(tx, {
      job: repo.CHURN_SCAN_JOB,
      startedAt: ctx.now,
      finishedAt: new Date(ctx.now.getTime() + durationMs),
      result: {
        ...result,
        salesRefreshed: sales.refreshed,
        lastOrderBefore,
        createdBefore: createdBefore.toISOString(),
        by: who.actorId,
      },
    });
    return result;
  });
}

/** When the check last ran, and how current the sales figures are (for the warnings page). */
export async function lastChurnScan(deps: Deps): Promise<ChurnLastScan> {
  const run = await repo.lastJobRun(deps.db, repo.CHURN_SCAN_JOB);
  const asOf = await repo.salesAsOf(deps.db);
  const r = run?.result as (ChurnScanResult & Record<string, unknown>) | undefined;
  return {
    startedAt: run?.startedAt.toISOString() ?? null,
    finishedAt: run?.finishedAt?.toISOString() ?? null,
    result: r
      ? {
          scanned: r.scanned,
          created: r.created,
          recovered: r.recovered,
          salesAsOf: r.salesAsOf ?? null,
          durationMs: r.durationMs,
        }
      : null,
    salesAsOf: asOf,
  };
}

/** docs/product.md#churn, rule 2: "every Saturday in the early morning" — CRM_CHURN_CRON, default `0 2 * * 6`. */
export const churnScanJob = (deps: Deps): Job => ({
  name: repo.CHURN_SCAN_JOB,
  cron: deps.config.churnCron,
  run: () => scanForChurn(deps),
});
