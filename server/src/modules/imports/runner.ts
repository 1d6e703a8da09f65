import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../../db/client.ts';
import { namePinyin } from '../../db/pinyin.ts';
import { audit, type AuditEntry } from '../../platform/audit.ts';
import type { Foreground } from '../../platform/foreground.ts';
import { claimLease, holdsLease, releaseLease, renewLease } from '../../platform/lease.ts';
import { insertCustomers, type CustomerToCreate } from '../customers/index.ts';
import { notify } from '../notifications/index.ts';
import { emit } from '../webhooks/index.ts';
import { decide, readyRow, reasonOf, type ReadyRow } from './decide.ts';
import * as repo from './repo.ts';
import type { Plan } from './rows.ts';
import { planOf } from './service.ts';

/**
 * The run of an import (docs/imports.md, rule 6): its rows in batches, each batch one transaction that writes the
 * customers, the rows' outcomes and the import's counts together — so an import stopped anywhere (a restart, a
 * crash) has committed whole batches only, and goes on from the first row without an outcome. One instance at a time
 * runs an import: the one holding its lease (`job_leases`, platform/lease.ts); a lease left by a stopped instance
 * runs out and the next sweep of any instance takes the import over.
 */

export const BATCH_ROWS = 500;
const LEASE_MS = 60_000;
const SWEEP_MS = 15_000;

type RunCtx = { requestId: string; now: Date; actor: { id: number } };

const money = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : (v as null | undefined));

/** A row of the next batch, worked out before its transaction: read, checked and its names' pinyin. */
type AheadRow = { row: number; ready: ReadyRow; pinyin: CustomerToCreate['pinyin'] };

/** Rows worked out between two turns of the event loop while reading ahead. */
const AHEAD_SLICE = 25;
/** The longest the read-ahead waits, between two slices, for the requests being answered (platform/foreground.ts). */
const GIVE_WAY_MS = 20;

/** Resolves when the run may go on: on the next turn of the event loop, or once the instance's requests are answered. */
type GiveWay = () => Promise<void>;
const nextTurn: GiveWay = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The next batch's rows after `after`, read and worked out outside any transaction while the batch before is in the
 * database (docs/imports.md, rule 6): `AHEAD_SLICE` rows at a time, giving the event loop back in between, so that the
 * batch's statements go out as soon as the one before answers and this JavaScript runs while the database works. What
 * depends on the database (the matching customers, the keys done) is decided in the batch.
 */
export async function readAhead(
  db: DbOrTx,
  plan: Plan,
  id: number,
  after: number,
  limit: number,
  giveWay: GiveWay = nextTurn,
) {
  const list = await repo.pendingRows(db, id, after, limit);
  const out: AheadRow[] = [];
  for (const r of list) {
    if (out.length % AHEAD_SLICE === 0) await giveWay();
    const ready = readyRow(plan, r.cells);
    const made = ready.asNew && 'values' in ready.asNew ? ready.asNew : null;
    const pinyin = made && {
      name: namePinyin('customers', made.values.name),
      contact: made.contact && namePinyin('contacts', made.contact.name),
    };
    out.push({ row: r.row, ready, pinyin: pinyin ?? undefined });
  }
  return out;
}

/** Handles one batch of rows inside `tx`; answers their outcomes, already recorded. */
export async function runBatch(tx: DbOrTx, ctx: RunCtx, plan: Plan, found: repo.ImportRow, batch: AheadRow[]) {
  const reader = found.runAs!;
  const keys = batch.map((r) => r.ready.read.key).filter((k): k is string => Boolean(k));
  // two imports at once wait for each other's batch on the same key, and then see its customer (rule 6)
  await repo.lockKeys(tx, keys);
  const existing = await repo.customersByKey(tx, plan.matchOn, keys, reader);
  const seen = await repo.keysDone(tx, found.id, keys);
  const out: repo.Outcome[] = [];
  const none = { customerId: null, versionAfter: null, before: null };
  // the batch's creations and its updates' audit entries and events are written together after its decisions
  const creates: { at: number; item: CustomerToCreate }[] = [];
  const updates: AuditEntry[] = [];
  const updated: { customer: { id: number; number: string; name: string } }[] = [];
  for (const r of batch) {
    const d = decide(
      plan,
      r.ready,
      (k) => existing.get(k),
      (k) => seen.has(k),
    );
    if (d.kind === 'create') {
      const { values, contact } = d.values;
      if (d.key) seen.add(d.key);
      creates.push({
        at: out.length,
        item: {
          values: {
            ...values,
            registeredCapital: money(values.registeredCapital),
            annualTurnover: money(values.annualTurnover),
          },
          firstContact: contact ?? undefined,
          pinyin: r.pinyin,
        },
      });
      out.push({ row: r.row, outcome: 'created', error: null, key: d.key, ...none });
    } else if (d.kind === 'update') {
      const changed = await repo.changeCustomer(tx, d.customerId, d.changes, ctx.now);
      if (!changed) {
        out.push({ row: r.row, outcome: 'failed', error: 'The customer is no longer active', key: d.key, ...none });
        continue;
      }
      if (d.key) seen.add(d.key);
      updates.push({
        action: 'update',
        entity: 'customer',
        entityId: d.customerId,
        before: changed.before,
        after: { ...d.changes, importId: found.id },
      });
      updated.push({ customer: changed.customer });
      out.push({
        row: r.row,
        outcome: 'updated',
        error: null,
        key: d.key,
        customerId: d.customerId,
        versionAfter: changed.version,
        before: changed.before,
      });
    } else {
      out.push({
        row: r.row,
        outcome: d.kind === 'duplicate' ? 'skipped' : 'failed',
        error: reasonOf(d),
        key: null,
        ...none,
      });
    }
  }
  await audit(tx, ctx, updates);
  await emit(tx, ctx, 'customer.updated', updated); // docs/webhooks.md#events
  // a key another writer (not an import: imports wait on the key locks) took since the look-up is skipped (rule 6)
  const made = await insertCustomers(
    tx,
    ctx,
    creates.map((c) => c.item),
    { skipTaken: true },
  );
  creates.forEach(({ at }, i) => {
    const customer = made[i];
    out[at] = customer
      ? { ...out[at]!, customerId: customer.id, versionAfter: customer.version }
      : { ...out[at]!, outcome: 'skipped', error: 'A customer with this key exists already', ...none };
  });
  await repo.recordOutcomes(tx, found.id, out);
  return out;
}

/**
 * The end of a run, in one transaction: the status (done, or failed with the reason), the audit entry with the
 * counts, the creator's notification and the webhook event (docs/imports.md, rule 6).
 */
async function finish(tx: DbOrTx, ctx: RunCtx, found: repo.ImportRow, status: 'done' | 'failed', reason?: string) {
  const counts = await repo.markFinished(tx, found.id, status, ctx.now);
  const summary = { id: found.id, fileName: found.fileName, status, rowCount: found.rowCount, ...counts };
  await audit(tx, ctx, {
    action: 'finish',
    entity: 'import',
    entityId: found.id,
    after: { ...summary, ...(reason ? { reason } : {}) },
  });
  // the creator is told even though the run acts as them (it ends without them)
  await notify(tx, { actor: null, now: ctx.now }, [
    { userId: found.createdBy, kind: 'import.finished', params: summary, ref: { type: 'import', id: found.id } },
  ]);
  await emit(tx, ctx, 'import.finished', { import: summary, ...counts });
}

/**
 * Runs an import to its end, or until `stopping()` says so or the lease is lost. Answers without doing anything when
 * another instance holds the import's lease or it is not running.
 */
export async function runImport(
  db: Db,
  id: number,
  o: {
    holder: string;
    clock: () => Date;
    stopping: () => boolean;
    batchRows?: number;
    giveWay?: GiveWay;
    log?: FastifyBaseLogger;
  },
) {
  const lease = `import:${id}`;
  if (!(await claimLease(db, lease, o.holder, LEASE_MS))) return;
  try {
    const found = await repo.findImportRow(db, id, null);
    if (!found || found.status !== 'running' || !found.runAs) return;
    const ctx = (): RunCtx => ({ requestId: `import-${id}`, now: o.clock(), actor: { id: found.createdBy } });
    let plan: Plan;
    try {
      plan = await planOf(db, found, found.runAs);
    } catch (error) {
      await db.transaction(async (tx) => {
        if (await holdsLease(tx, lease, o.holder)) await finish(tx, ctx(), found, 'failed', (error as Error).message);
      });
      return;
    }
    const size = o.batchRows ?? BATCH_ROWS;
    const ahead = (after: number) => {
      const next = readAhead(db, plan, id, after, size, o.giveWay);
      next.catch(() => undefined); // awaited below, unless the run stops first
      return next;
    };
    let next = ahead(0);
    while (!o.stopping()) {
      if (!(await renewLease(db, lease, o.holder, LEASE_MS))) return;
      const batch = await next;
      if (batch.length) next = ahead(batch.at(-1)!.row);
      const more = await db.transaction(async (tx) => {
        if (!(await holdsLease(tx, lease, o.holder))) return false;
        if (!batch.length) {
          await finish(tx, ctx(), found, 'done');
          return false;
        }
        const pending = await repo.lockPending(
          tx,
          id,
          batch.map((r) => r.row),
        );
        await runBatch(
          tx,
          ctx(),
          plan,
          found,
          batch.filter((r) => pending.has(r.row)),
        );
        return true;
      });
      if (!more) return;
    }
  } catch (error) {
    o.log?.error({ err: error, importId: id }, 'import run stopped by an error');
    // never left running without saying so: failed, with the counts of the batches committed
    await db
      .transaction(async (tx) => {
        const found = await repo.findImportRow(tx, id, null, true);
        if (found?.status === 'running' && (await holdsLease(tx, lease, o.holder))) {
          await finish(
            tx,
            { requestId: `import-${id}`, now: o.clock(), actor: { id: found.createdBy } },
            found,
            'failed',
            'error',
          );
        }
      })
      .catch((err: unknown) => o.log?.error({ err, importId: id }, 'import not marked failed'));
  } finally {
    await releaseLease(db, lease, o.holder).catch(() => undefined);
  }
}

/**
 * An app instance's runner: runs the imports started on it, and every `SWEEP_MS` (and at its start) takes over the
 * running imports whose lease has run out — those of a stopped or crashed instance.
 */
export function createImportRunner(db: Db, clock: () => Date, foreground: Foreground, log?: FastifyBaseLogger) {
  const holder = randomUUID();
  const running = new Map<number, Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const kick = (id: number) => {
    if (stopped || running.has(id)) return;
    const run = runImport(db, id, {
      holder,
      clock,
      stopping: () => stopped,
      giveWay: () => foreground.giveWay(GIVE_WAY_MS),
      log,
    })
      .catch((err: unknown) => log?.error({ err, importId: id }, 'import run failed'))
      .finally(() => running.delete(id));
    running.set(id, run);
  };
  const sweep = async () => {
    if (stopped) return;
    try {
      for (const id of await repo.runningWithoutLease(db)) kick(id);
    } catch (err) {
      log?.warn({ err }, 'running imports not swept');
    }
  };
  return {
    kick,
    sweep,
    start() {
      void sweep();
      timer = setInterval(() => void sweep(), SWEEP_MS);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([...running.values()]);
    },
  };
}
