import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { fillMissingPinyin } from '../../db/pinyin.ts';
import { claimLease, releaseLease, renewLease } from '../../platform/lease.ts';
import type { Job } from '../../scheduler.ts';

export const PINYIN_FILL_JOB = 'pinyin-fill';
const LEASE_MS = 2 * 60_000;

/**
 * docs/search.md#pinyin, rule 4: computes the pinyin of every name that has none yet — after the migration that added
 * the columns (every customer and contact), and any row a write left without it. Under a lease, so one instance does
 * it at a time; each batch renews the lease and is its own statement, so no connection is held in between. Running
 * it twice is harmless: a batch only writes rows whose pinyin is still missing and whose name is unchanged.
 */
export async function fillPinyin(deps: Pick<Deps, 'db'>): Promise<{ written: number }> {
  const holder = randomUUID();
  if (!(await claimLease(deps.db, PINYIN_FILL_JOB, holder, LEASE_MS))) return { written: 0 };
  try {
    const written = await fillMissingPinyin(deps.db, () => renewLease(deps.db, PINYIN_FILL_JOB, holder, LEASE_MS));
    return { written };
  } finally {
    await releaseLease(deps.db, PINYIN_FILL_JOB, holder);
  }
}

/** At start (main.ts) and every 5 minutes: the partial index of missing pinyin makes an idle run one index probe. */
export const pinyinFillJob = (deps: Deps): Job => ({
  name: PINYIN_FILL_JOB,
  cron: '*/5 * * * *',
  run: () => fillPinyin(deps),
});
