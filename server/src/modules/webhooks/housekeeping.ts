import type { Deps } from '../../deps.ts';
import type { Job } from '../../scheduler.ts';
import { pruneDeliveries } from './repo.ts';

/** docs/webhooks.md#the-delivery-log, rule 3: delivered and failed deliveries are kept 30 days. */
export const KEEP_MS = 30 * 86_400_000;

export const pruneWebhookDeliveriesJob = (deps: Pick<Deps, 'db'>): Job => ({
  name: 'prune-webhook-deliveries',
  cron: '47 3 * * *',
  run: async () => ({ deleted: await pruneDeliveries(deps.db, new Date(Date.now() - KEEP_MS)) }),
});
