import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from './deps.ts';
import { pruneAuthData } from './modules/access/index.ts';
import { prunePortalSessions } from './modules/portal/index.ts';
import { pruneIdempotencyKeys } from './platform/idempotency.ts';

export type Job = { name: string; cron: string; run: () => Promise<unknown> };

/**
 * Runs the background jobs. `protect` keeps one run at a time in this process; jobs that must run once across
 * several instances take a PostgreSQL advisory lock inside their own transaction.
 */
export function startScheduler(deps: Deps, log: FastifyBaseLogger, extraJobs: Job[] = []) {
  const jobs: Job[] = [
    {
      name: 'prune-auth',
      cron: '17 * * * *',
      run: async () => {
        await pruneAuthData(deps.db, new Date(), deps.config.sessionIdleMs);
        await prunePortalSessions(deps.db, new Date(), deps.config.sessionIdleMs);
      },
    },
    {
      name: 'prune-idempotency-keys',
      cron: '23 3 * * *',
      run: () => pruneIdempotencyKeys(deps.db, new Date(Date.now() - 24 * 3_600_000)),
    },
    ...extraJobs,
  ];
  const crons = jobs.map(
    (job) =>
      new Cron(job.cron, { protect: true, name: job.name }, async () => {
        try {
          const result = await job.run();
          log.info({ job: job.name, result }, 'job finished');
        } catch (err) {
          log.error({ job: job.name, err }, 'job failed');
        }
      }),
  );
  return () => crons.forEach((c) => c.stop());
}
