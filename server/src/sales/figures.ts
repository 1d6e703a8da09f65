import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rows } from '../db/sql.ts';
import type { Deps } from '../deps.ts';
import {
  readAll,
  readBackdated,
  readRecent,
  readWatermark,
  type Figures,
  type Part,
  type Sink,
} from './figures-read.ts';
import { createStaging, stage, writeAll, writeIncrement } from './figures-write.ts';

/**
 * The CRM's derived copy of the sales figures (SALES-SYSTEM.md, last section): per customer number and year of the
 * order date, over the counted orders (status 5 shipped, 6 paid), the amount (Σ quantity × unit price), the number of
 * orders and the last order date. Churn and reports read `customer_sales_years`, never the whole sales system.
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
export const FULL_EVERY_MS = 24 * 3_600_000;
const REFRESH_LOCK = 4_711_010;

export type RefreshMode = 'full' | 'incremental';

type Read = { mode: RefreshMode; cut: string; watermark: string };

const dayBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

/** Reads the figures of the mode into `sink`. */
async function readFigures(deps: Deps, mode: RefreshMode, sync: Sync, now: Date, sink: Sink): Promise<Read> {
  return deps.sales.read(
    async (q) => {
      // a few big statements: JIT compilation costs more than it saves (a second of 2.5 at 100,000 customers)
      if (deps.sales.kind !== 'embedded') await q('set local jit = off');
      const watermark = await readWatermark(q);
      if (mode === 'full') {
        const cut = dayBefore(now, INCREMENTAL_WINDOW_DAYS);
        await readAll(q, cut, sink);
        return { mode, cut, watermark };
      }
      const cut = sync.settledBefore!;
      await readBackdated(q, cut, sync.watermark ?? '0', sink);
      await readRecent(q, cut, sink);
      return { mode, cut, watermark };
    },
    { timeoutMs: deps.config.salesRefreshTimeoutMs },
  );
}

async function writeFigures(tx: DbOrTx, read: Read, now: Date) {
  const cutYear = Number(read.cut.slice(0, 4));
  const full = read.mode === 'full';
  if (full) await writeAll(tx, cutYear);
  else await writeIncrement(tx, cutYear);
  await tx.execute(sql`
    insert into sales_sync (id, as_of, full_at, watermark, settled_before)
    values (1, ${now.toISOString()}, ${full ? now.toISOString() : null}, ${read.watermark}, ${full ? read.cut : null})
    on conflict (id) do update set as_of = excluded.as_of, watermark = excluded.watermark,
      full_at = coalesce(excluded.full_at, sales_sync.full_at), settled_before = coalesce(excluded.settled_before, sales_sync.settled_before)`);
}

type Sync = { asOf: string | null; fullAt: string | null; watermark: string | null; settledBefore: string | null };

async function readSync(db: DbOrTx): Promise<Sync> {
  const [row] = await rows<{
    asOf: Date | string | null;
    fullAt: Date | string | null;
    watermark: string | null;
    settledBefore: string | null;
  }>(
    db,
    sql`select as_of as "asOf", full_at as "fullAt", watermark, settled_before::text as "settledBefore" from sales_sync where id = 1`,
  );
  const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);
  return {
    asOf: iso(row?.asOf),
    fullAt: iso(row?.fullAt),
    watermark: row?.watermark ?? null,
    settledBefore: row?.settledBefore ?? null,
  };
}

/** An incremental refresh falls back to a full one when there is no full one recent enough to build on. */
const chooseMode = (asked: RefreshMode | undefined, sync: Sync, now: Date): RefreshMode =>
  asked === 'full' ||
  !sync.fullAt ||
  !sync.watermark ||
  !sync.settledBefore ||
  now.getTime() - new Date(sync.fullAt).getTime() > FULL_EVERY_MS
    ? 'full'
    : (asked ?? 'incremental');

/**
 * Refreshes the derived copy. On PostgreSQL the write transaction first takes an advisory lock: when another
 * instance is already refreshing, this one waits for it to finish and answers its result instead of repeating it.
 * Unreachable sales system → AppError SALES_UNAVAILABLE, and the old copy stays as it was.
 */
export async function refreshSalesFigures(deps: Deps, mode?: RefreshMode, now = new Date()): Promise<{ asOf: string }> {
  if (deps.database.kind === 'postgres') {
    return deps.db.transaction(async (tx) => {
      const [lock] = await rows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${REFRESH_LOCK}) as ok`);
      if (!lock?.ok) {
        await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
        const done = await readSync(tx);
        if (done.asOf) return { asOf: done.asOf };
      }
      const sync = await readSync(tx);
      const chosen = chooseMode(mode, sync, now);
      // the rows read go straight into the transaction's staging table: memory stays at one batch
      await createStaging(tx);
      const read = await readFigures(deps, chosen, sync, now, (part, batch) => stage(tx, part, batch));
      await writeFigures(tx, read, now);
      return { asOf: now.toISOString() };
    });
  }
  // PGlite: one connection, so the sales read completes before the CRM write transaction begins
  const sync = await readSync(deps.db);
  const chosen = chooseMode(mode, sync, now);
  const batches: [Part, Figures][] = [];
  const read = await readFigures(deps, chosen, sync, now, async (part, batch) => void batches.push([part, batch]));
  await deps.db.transaction(async (tx) => {
    await createStaging(tx);
    for (const [part, batch] of batches) await stage(tx, part, batch);
    await writeFigures(tx, read, now);
  });
  return { asOf: now.toISOString() };
}

/** API.md `GET /sales/status`: how current the copy is, and whether the sales system answers right now. */
export async function salesStatus(deps: Deps): Promise<{ asOf: string | null; reachable: boolean }> {
  const { asOf } = await readSync(deps.db);
  const reachable = await deps.sales
    .query('select 1 from sales.orders limit 1')
    .then(() => true)
    .catch(() => false);
  return { asOf, reachable };
}
