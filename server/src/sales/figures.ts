import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rows } from '../db/sql.ts';
import type { Deps } from '../deps.ts';
import { claimLease, holdsLease, leaseTaken, releaseLease, renewLease } from '../platform/lease.ts';
import {
  readAll,
  readBackdated,
  readBackdatedMonths,
  readRecent,
  readWatermark,
  type AliasGroups,
  type Figures,
  type MonthFigures,
  type MonthSink,
  type Part,
  type Sink,
} from './figures-read.ts';
import {
  clearStaging,
  createNext,
  stage,
  stageMonths,
  writeAll,
  writeIncrement,
  writeMonths,
} from './figures-write.ts';
import { computeRisk, firstMonthKept } from './risk.ts';
import { lockCopy, readAliasGroups, sameGroups } from './aliases.ts';
import { salesUnavailable } from './system.ts';
import { localDay, utcDayBefore } from '../platform/calendar.ts';

/**
 * The CRM's derived copy of the sales figures (docs/product.md#the-sales-system, rules 6 and 7, last section): per
 * customer number and year of the order date, over the counted orders (status 5 shipped, 6 paid), the amount (Σ
 * quantity × unit price), the number of orders and the last order date. Churn and reports read `customer_sales_years`,
 * never the whole sales system.
 *
 * Scale (2 M orders, 6 M lines): the aggregation runs set-based inside the sales database; what comes back is bounded
 * by customers × years (not by orders), fetched through a cursor in batches, then merged into the CRM database in one
 * transaction (figures-write.ts). The two may be different databases, so nothing joins across them.
 *
 * Incremental refresh: orders are only ever added, and their status moves forward in the weeks after the order date.
 * So orders dated more than INCREMENTAL_WINDOW_DAYS ago no longer change — except back-dated new ones (an id above
 * the last watermark with an old date). A full refresh fixes the cut (its day minus the window) and keeps, beside
 * the copy, the settled part of the cut's year: its orders dated before the cut (`customer_sales_settled`). An
 * incremental refresh then reads only the orders dated from the cut on — a window's worth, however long the history
 * — and adds the settled part; the (customer, year) pairs of back-dated new orders it reads whole. A full refresh
 * runs when none has run yet, when the last one is older than FULL_EVERY_MS (it moves the cut and catches late
 * changes to old orders), and on request (`POST /sales/refresh`).
 */
export const INCREMENTAL_WINDOW_DAYS = 90;
const FULL_EVERY_MS = 24 * 3_600_000;

type RefreshMode = 'full' | 'incremental';

type Read = { mode: RefreshMode; cut: string; watermark: string; groups: AliasGroups };

/**
 * Reads the figures of the mode into `sink`, and the monthly figures (docs/churn-risk.md#the-figures) into
 * `monthSink`: a full read every month kept; an incremental one the whole months from the cut's month on, and the
 * months of back-dated new orders.
 */
async function readFigures(
  deps: Deps,
  mode: RefreshMode,
  sync: Sync,
  now: Date,
  sink: Sink,
  monthSink: MonthSink,
): Promise<Read> {
  // docs/duplicates-and-merge.md, rule 8: the numbers of each alias group, read before the sales system is
  const groups: AliasGroups = mode === 'full' ? { numbers: [], groups: [] } : await readAliasGroups(deps.db);
  return deps.sales.read(
    async (q) => {
      // a few big statements: JIT compilation costs more than it saves (a second of 2.5 at 100,000 customers)
      if (deps.sales.kind !== 'embedded') await q('set local jit = off');
      const watermark = await readWatermark(q);
      if (mode === 'full') {
        const cut = utcDayBefore(now, INCREMENTAL_WINDOW_DAYS);
        await readAll(q, cut, firstMonthKept(now), sink, monthSink);
        return { mode, cut, watermark, groups };
      }
      const cut = sync.settledBefore!;
      const cutMonth = `${cut.slice(0, 7)}-01`;
      await readBackdated(q, cut, sync.watermark ?? '0', groups, sink);
      await readBackdatedMonths(q, cutMonth, sync.watermark ?? '0', firstMonthKept(now), groups, monthSink);
      await readRecent(q, cut, cutMonth, sink, monthSink);
      return { mode, cut, watermark, groups };
    },
    { timeoutMs: deps.config.salesRefreshTimeoutMs },
  );
}

async function writeFigures(tx: DbOrTx, read: Read, sync: Sync, now: Date, churnMonths: number) {
  const cutYear = Number(read.cut.slice(0, 4));
  const full = read.mode === 'full';
  // docs/duplicates-and-merge.md, rule 8: an incremental read is whole for the alias groups as they were when it began;
  // a merge since then (rare) leaves this refresh to the next one
  await lockCopy(tx);
  if (!full && !sameGroups(read.groups, await readAliasGroups(tx))) throw salesUnavailable();
  if (full) await writeAll(tx, cutYear);
  else await writeIncrement(tx, cutYear);
  await writeMonths(tx, full ? 'all' : 'pairs');
  // docs/churn-risk.md#the-figures, rule 3: the risk from the figures just written, in the same transaction — of
  // every customer on a full refresh and on the first refresh of a day (the days since the last order grow), else of
  // the customers whose figures changed
  const today = localDay(now);
  const everyone = full || sync.riskDay !== today;
  await computeRisk(tx, now, churnMonths, !everyone);
  await tx.execute(sql`
    insert into sales_sync (id, as_of, full_at, watermark, settled_before, risk_day)
    values (1, ${now.toISOString()}, ${full ? now.toISOString() : null}, ${read.watermark}, ${full ? read.cut : null},
            ${everyone ? today : null})
    on conflict (id) do update set as_of = excluded.as_of, watermark = excluded.watermark,
      full_at = coalesce(excluded.full_at, sales_sync.full_at), settled_before = coalesce(excluded.settled_before, sales_sync.settled_before),
      risk_day = coalesce(excluded.risk_day, sales_sync.risk_day)`);
}

type Sync = {
  asOf: string | null;
  fullAt: string | null;
  watermark: string | null;
  settledBefore: string | null;
  riskDay: string | null;
};

async function readSync(db: DbOrTx): Promise<Sync> {
  const [row] = await rows<Sync>(
    db,
    sql`select as_of as "asOf", full_at as "fullAt", watermark, settled_before::text as "settledBefore",
               risk_day::text as "riskDay"
        from sales_sync where id = 1`,
  );
  return {
    asOf: row?.asOf ?? null,
    fullAt: row?.fullAt ?? null,
    watermark: row?.watermark ?? null,
    settledBefore: row?.settledBefore ?? null,
    riskDay: row?.riskDay ?? null,
  };
}

/** An incremental refresh falls back to a full one when there is no full one recent enough to build on. */
const chooseMode = (asked: RefreshMode | undefined, sync: Sync, now: Date): RefreshMode =>
  asked === 'full' ||
  !sync.fullAt ||
  !sync.watermark ||
  !sync.settledBefore ||
  now.getTime() - Date.parse(sync.fullAt) > FULL_EVERY_MS
    ? 'full'
    : (asked ?? 'incremental');

const LEASE = 'sales-refresh';
/** How often a refresh waiting for another one looks whether it has finished. */
const WAIT_STEP_MS = 200;

/**
 * Waits, without holding a connection, for the refresh another instance (or request) is running. Answers whether
 * the copy was refreshed meanwhile (it was: its result is ours) — or not, when that refresh failed or the wait ran
 * out; the caller then tries itself.
 */
async function awaitOtherRefresh(deps: Deps, seen: string | null, deadline: number): Promise<string | null> {
  while ((await leaseTaken(deps.db, LEASE)) && Date.now() < deadline) await delay(WAIT_STEP_MS);
  const { asOf } = await readSync(deps.db);
  return asOf !== seen ? asOf : null;
}

/**
 * Refreshes the derived copy. One refresh at a time across every instance, under a lease (`job_leases`): a refresh
 * that finds another one running waits for it — polling the lease, with no connection or transaction held — and
 * answers its result instead of repeating it. The holder reads the sales system first, staging what it reads batch
 * by batch (sales_refresh_rows), then writes the copy in one short CRM transaction: no CRM connection ever waits on
 * the sales system (docs/ARCHITECTURE.md#rules-of-the-house, rule 3). Unreachable sales system → AppError
 * SALES_UNAVAILABLE, and the old copy stays as it was.
 */
export async function refreshSalesFigures(deps: Deps, mode?: RefreshMode, now = new Date()): Promise<{ asOf: string }> {
  const holder = randomUUID();
  // a lease outlives one statement of the sales read by a margin; it is renewed after every batch
  const ttlMs = deps.config.salesRefreshTimeoutMs + 60_000;
  const deadline = Date.now() + 2 * ttlMs;
  for (;;) {
    const seen = (await readSync(deps.db)).asOf;
    if (await claimLease(deps.db, LEASE, holder, ttlMs)) break;
    const theirs = await awaitOtherRefresh(deps, seen, deadline);
    if (theirs) return { asOf: theirs };
    if (Date.now() >= deadline) throw salesUnavailable();
  }
  try {
    const sync = await readSync(deps.db);
    const chosen = chooseMode(mode, sync, now);
    await clearStaging(deps.db);
    let read: Read;
    if (deps.sales.kind === 'embedded') {
      // PGlite: one connection, busy with the sales read's transaction until it ends; the batches wait in memory
      const batches: [Part, Figures][] = [];
      const months: MonthFigures[] = [];
      read = await readFigures(
        deps,
        chosen,
        sync,
        now,
        async (part, batch) => void batches.push([part, batch]),
        async (batch) => void months.push(batch),
      );
      for (const [part, batch] of batches) await stage(deps.db, part, batch);
      for (const batch of months) await stageMonths(deps.db, batch);
    } else {
      read = await readFigures(
        deps,
        chosen,
        sync,
        now,
        async (part, batch) => {
          await stage(deps.db, part, batch);
          await renewLease(deps.db, LEASE, holder, ttlMs);
        },
        async (batch) => {
          await stageMonths(deps.db, batch);
          await renewLease(deps.db, LEASE, holder, ttlMs);
        },
      );
    }
    await deps.db.transaction(async (tx) => {
      // another instance took over a lease that ran out (this one stalled): its refresh is the one that counts
      if (!(await holdsLease(tx, LEASE, holder))) throw salesUnavailable();
      await createNext(tx);
      await writeFigures(tx, read, sync, now, deps.config.churnMonths);
    });
    return { asOf: now.toISOString() };
  } finally {
    await releaseLease(deps.db, LEASE, holder);
  }
}

/**
 * docs/product.md#the-sales-system, rule 6 `GET /sales/status`: how current the copy is, and whether the sales system
 * answers right now.
 */
export async function salesStatus(deps: Deps): Promise<{ asOf: string | null; reachable: boolean }> {
  const { asOf } = await readSync(deps.db);
  const reachable = await deps.sales
    .query('select 1 from sales.orders limit 1')
    .then(() => true)
    .catch(() => false);
  return { asOf, reachable };
}
