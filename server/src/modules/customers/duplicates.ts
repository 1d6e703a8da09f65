import { randomUUID } from 'node:crypto';
import type { PageQuery } from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import type { Job } from '../../scheduler.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { claimLease, releaseLease } from '../../platform/lease.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import * as repo from './duplicates-repo.ts';

/** GET /customers/duplicates (docs/duplicates-and-merge.md, rule 2): the groups inside the reader's scope. */
export async function listDuplicateGroups(deps: Pick<Deps, 'db'>, ctx: Ctx, q: PageQuery) {
  const { limit, offset } = limitOffset(q);
  const { items, total } = await repo.listGroups(deps.db, ctx.actor, limit, offset);
  return pageOf(items, total, q);
}

/** POST /customers/duplicates/scan: the groups found again now, in one transaction, audited. */
export async function scanDuplicates(deps: Pick<Deps, 'db'>, ctx: Ctx) {
  return deps.db.transaction(async (tx) => {
    const groups = await repo.replaceGroups(tx, ctx.now);
    await audit(tx, ctx, { action: 'scan', entity: 'customer', after: { duplicateGroups: groups } });
    return { groups };
  });
}

const LEASE = 'duplicate-scan';

/** The nightly scan (docs/duplicates-and-merge.md, rule 2): one instance runs it, under the lease. */
export const duplicateScanJob = (deps: Pick<Deps, 'db'>): Job => ({
  name: LEASE,
  cron: '40 1 * * *',
  run: async () => {
    const holder = randomUUID();
    if (!(await claimLease(deps.db, LEASE, holder, 15 * 60_000))) return { skipped: true };
    try {
      return { groups: await deps.db.transaction((tx) => repo.replaceGroups(tx, new Date())) };
    } finally {
      await releaseLease(deps.db, LEASE, holder);
    }
  },
});
