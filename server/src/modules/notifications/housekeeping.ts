import type { Deps } from '../../deps.ts';
import type { Job } from '../../scheduler.ts';
import { pruneNotifications } from './repo.ts';

/** docs/notifications.md#kinds: notifications are kept 180 days (their mail goes with them). */
export const KEEP_MS = 180 * 86_400_000;

export const pruneNotificationsJob = (deps: Pick<Deps, 'db'>): Job => ({
  name: 'prune-notifications',
  cron: '41 3 * * *',
  run: async () => ({ deleted: await pruneNotifications(deps.db, new Date(Date.now() - KEEP_MS)) }),
});
