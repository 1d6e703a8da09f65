import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { claimLease, holdsLease, releaseLease } from '../../platform/lease.ts';
import type { Job } from '../../scheduler.ts';
import { notify } from '../notifications/index.ts';
import { emitServiceEvent } from './events.ts';
import { claimBreaches } from './overdue-repo.ts';
import { directorsOfService } from './repo.ts';

export const SERVICE_OVERDUE_JOB = 'service-overdue';
const LEASE_MS = 5 * 60_000;
/** Breaches announced per transaction; a run repeats until none is left. */
const BATCH = 200;

/**
 * docs/service-sla.md#breaches: every deadline that passed is announced once (`service.overdue`) to the service's
 * assignee and the directors whose services scope reaches it, and to the webhooks. Under a lease (one instance at a time); each batch is
 * one transaction that marks its breaches and writes their notifications together, so a run killed half-way leaves
 * the rest for the next one and nothing is announced twice — the mark lives on the service row, so a restart or a
 * second run finds nothing left to tell.
 */
export async function announceBreaches(deps: Pick<Deps, 'db'>, now: Date): Promise<{ breaches: number; told: number }> {
  const holder = randomUUID();
  if (!(await claimLease(deps.db, SERVICE_OVERDUE_JOB, holder, LEASE_MS))) return { breaches: 0, told: 0 };
  const total = { breaches: 0, told: 0 };
  try {
    for (;;) {
      const batch = await deps.db.transaction(async (tx) => {
        if (!(await holdsLease(tx, SERVICE_OVERDUE_JOB, holder))) return { breaches: 0, told: 0 };
        const breaches = await claimBreaches(tx, now, BATCH);
        let told = 0;
        for (const b of breaches) {
          await emitServiceEvent(tx, now, 'service.overdue', b.serviceId, { deadline: b.deadline, dueAt: b.dueAt });
          const people = [b.assigneeId, ...(await directorsOfService(tx, b.serviceId))];
          told += await notify(
            tx,
            { now },
            people.map((userId) => ({
              userId,
              kind: 'service.overdue' as const,
              key: `service.overdue:${b.serviceId}:${b.deadline}`,
              params: {
                serviceId: b.serviceId,
                number: b.number,
                customerName: b.customerName,
                summary: b.summary,
                deadline: b.deadline,
                dueAt: b.dueAt,
              },
              ref: { type: 'service' as const, id: b.serviceId },
            })),
          );
        }
        return { breaches: breaches.length, told };
      });
      total.breaches += batch.breaches;
      total.told += batch.told;
      if (batch.breaches < BATCH) return total;
    }
  } finally {
    await releaseLease(deps.db, SERVICE_OVERDUE_JOB, holder);
  }
}

/** Every five minutes, as the system: a breach is told at most five minutes late. */
export const serviceOverdueJob = (deps: Deps): Job => ({
  name: SERVICE_OVERDUE_JOB,
  cron: '*/5 * * * *',
  run: () => announceBreaches(deps, new Date()),
});
