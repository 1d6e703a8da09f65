/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { emit } from './emit.ts';
export { fanOutSql as webhookFanOutSql } from './repo.ts';
export { webhookRoutes } from './routes.ts';
export { startWebhookWorker } from './deliver.ts';
export { pruneWebhookDeliveriesJob } from './housekeeping.ts';
