import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { openDatabase } from './db/open.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './db/seed/users.ts';
import { churnScanJob } from './modules/churn/index.ts';
import { duplicateScanJob } from './modules/customers/index.ts';
import { pruneNotificationsJob, startMailer } from './modules/notifications/index.ts';
import { planDueJob } from './modules/opportunities/index.ts';
import { poolReturnJob } from './modules/pool/index.ts';
import { serviceOverdueJob } from './modules/services/index.ts';
import { fillPinyin, pinyinFillJob } from './modules/search/index.ts';
import { pruneWebhookDeliveriesJob, startWebhookWorker } from './modules/webhooks/index.ts';
import { refreshSalesFigures } from './sales/figures.ts';
import { salesRefreshJob } from './sales/job.ts';
import { createSalesSystem, type SalesLog } from './sales/system.ts';
import { startScheduler } from './scheduler.ts';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  const started = Date.now();
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(config);
  } catch (error) {
    console.error(error instanceof DataDirLockedError ? error.message : error);
    process.exit(1);
  }
  const { database, firstStart, release } = opened;

  // the sales system's failures are told through the app's logger, which exists once the app is built
  const salesLog: { to?: SalesLog } = {};
  const sales = createSalesSystem(config, database, {
    warn: (details, message) => salesLog.to?.warn(details, message),
  });
  const app = await buildApp({ config, database, sales });
  salesLog.to = app.log;
  const deps = { config, database, db: database.db, sales };
  const stopJobs = startScheduler(deps, app.log, [
    salesRefreshJob(deps),
    churnScanJob(deps),
    poolReturnJob(deps),
    pinyinFillJob(deps),
    planDueJob(deps),
    pruneNotificationsJob(deps),
    pruneWebhookDeliveriesJob(deps),
    serviceOverdueJob(deps),
    duplicateScanJob(deps),
  ]);
  const stopMailer = startMailer(deps, app.log);
  const stopWebhooks = startWebhookWorker(deps, app.log);
  // The derived sales figures: at once on the demo's first start (its screens show them), else in the background.
  const initialRefresh = refreshSalesFigures(deps).catch((err) => app.log.warn({ err }, 'sales figures not refreshed'));
  if (firstStart.demo) await initialRefresh;
  // docs/search.md#pinyin, rule 4: the pinyin of names that have none (every one after the upgrade that added it)
  void fillPinyin(deps)
    .then((result) => result.written && app.log.info({ result }, 'pinyin of names filled'))
    .catch((err) => app.log.warn({ err }, 'pinyin of names not filled'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: no new requests, finishing those in flight');
    stopJobs();
    stopMailer();
    await app.close(); // waits for requests in flight
    await stopWebhooks(); // the deliveries in flight are recorded (an attempt ends within its time-out)
    await sales.close();
    await database.close(); // PGlite checkpoints and closes its files
    release();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = `http://localhost:${config.port}`;
  const db = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`;
  const lines = [`CRM is running at ${where} on ${db} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s).`];
  if (firstStart.demo || config.demo) {
    lines.push(`Sign in as ${DEMO_USERS.map((u) => u.username).join(', ')} — password ${DEMO_PASSWORD}.`);
  }
  if (firstStart.generatedAdminPassword) {
    lines.push(
      `First start: sign in as admin with the password ${firstStart.generatedAdminPassword} (shown only this once).`,
    );
  }
  lines.push(`API documentation: ${where}/api/docs`);
  console.log(lines.join('\n'));
}

void main();
