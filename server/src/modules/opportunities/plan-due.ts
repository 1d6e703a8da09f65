import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { localDay } from '../../platform/calendar.ts';
import { claimLease, holdsLease, releaseLease } from '../../platform/lease.ts';
import type { Job } from '../../scheduler.ts';
import { notify } from '../notifications/index.ts';
import { plansDueOn } from './repo.ts';

export const PLAN_DUE_JOB = 'plan-due';
const LEASE_MS = 10 * 60_000;

/**
 * docs/notifications.md#kinds, `plan.due`: each morning the assignee of every `assigned` opportunity with plan items
 * of the day not yet carried out is told, one notification per opportunity and day. Under a lease (one instance at a
 * time) and in one transaction; the key (opportunity and day) makes a second run — another instance's, or the same
 * day's again — add nothing.
 */
export async function announceDuePlans(deps: Pick<Deps, 'db'>, now: Date): Promise<{ told: number }> {
  const holder = randomUUID();
  if (!(await claimLease(deps.db, PLAN_DUE_JOB, holder, LEASE_MS))) return { told: 0 };
  try {
    return await deps.db.transaction(async (tx) => {
      if (!(await holdsLease(tx, PLAN_DUE_JOB, holder))) return { told: 0 };
      const day = localDay(now);
      const due = await plansDueOn(tx, day);
      const told = await notify(
        tx,
        { now },
        due.map((d) => ({
          userId: d.assigneeId,
          kind: 'plan.due' as const,
          key: `plan.due:${d.opportunityId}:${day}`,
          params: { opportunityId: d.opportunityId, customerName: d.customerName, items: d.items, date: day },
          ref: { type: 'opportunity' as const, id: d.opportunityId },
        })),
      );
      return { told };
    });
  } finally {
    await releaseLease(deps.db, PLAN_DUE_JOB, holder);
  }
}

/** Each morning (CRM_PLAN_DUE_CRON, default 07:00), as the system. */
export const planDueJob = (deps: Deps): Job => ({
  name: PLAN_DUE_JOB,
  cron: deps.config.planDueCron,
  run: () => announceDuePlans(deps, new Date()),
});
