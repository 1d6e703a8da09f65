import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cron } from 'croner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { buildOldCustomer, buildOrder, churnWarningOf, DAY, depsOf, installSalesSchema } from '../../test/factories.ts';
import { startScheduler } from '../../scheduler.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { churnScanJob } from './scan.ts';

describe('CRM_CHURN_CRON and CRM_CHURN_MONTHS', () => {
  it('default to Saturday 02:00 and 6 months', () => {
    const config = loadConfig({});
    expect(config.churnCron).toBe('0 2 * * 6');
    expect(config.churnMonths).toBe(6);
  });

  it('take a valid cron expression and a number of months', () => {
    const config = loadConfig({ CRM_CHURN_CRON: '30 3 * * 0', CRM_CHURN_MONTHS: '3' });
    expect(config).toMatchObject({ churnCron: '30 3 * * 0', churnMonths: 3 });
  });

  it('refuse a bad cron expression or month count, naming the variable', () => {
    for (const bad of ['every saturday', '61 2 * * 6', '0 2 * * 8', '0 25 * * *']) {
      expect(() => loadConfig({ CRM_CHURN_CRON: bad })).toThrow(/CRM_CHURN_CRON/);
    }
    expect(() => loadConfig({ CRM_CHURN_MONTHS: '0' })).toThrow(/CRM_CHURN_MONTHS/);
  });

  it('a bad cron stops the server at start, with the reason, before it opens anything', () => {
    const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        CRM_CHURN_CRON: '0 2 * * funday',
        DATA_DIR: path.join(os.tmpdir(), 'crm-never-created'),
        DATABASE_URL: '',
      },
      encoding: 'utf8',
      timeout: 100_000, // loading every module through tsx is slow on a busy machine
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/CRM_CHURN_CRON: not a valid cron expression/);
  }, 120_000);
});

describe('the scheduled job', () => {
  let t: TestApp;
  let deps: Deps;
  beforeAll(async () => {
    t = await createTestApp({ CRM_CHURN_CRON: '15 4 * * 6', CRM_CHURN_MONTHS: '3' });
    deps = depsOf(t);
  });
  afterAll(async () => {
    await deps.sales.close();
    await t.close();
  });

  it('runs on the configured schedule', () => {
    const job = churnScanJob(deps);
    expect(job).toMatchObject({ name: 'churn-scan', cron: '15 4 * * 6' });
    const next = new Cron(job.cron, { paused: true }).nextRun(new Date(2026, 10, 25, 10, 0))!; // a Wednesday, local time
    expect([next.getDay(), next.getHours(), next.getMinutes(), next.getDate()]).toEqual([6, 4, 15, 28]);
    const byDefault = new Cron(loadConfig({}).churnCron, { paused: true }).nextRun(new Date(2026, 10, 28, 2, 0))!;
    expect([byDefault.getDay(), byDefault.getHours(), byDefault.getDate()]).toEqual([6, 2, 5]); // the next Saturday, 5 Dec
  });

  it('is started and stopped by the scheduler', () => {
    const log = { info() {}, error() {} } as unknown as Parameters<typeof startScheduler>[1];
    const stop = startScheduler(deps, log, [churnScanJob(deps)]);
    stop();
  });

  it('runs the check with the configured months, as the system (no user), and records the run', async () => {
    await installSalesSchema(t.database);
    const stale = await buildOldCustomer(t, { name: '四个月没下单' });
    const fresh = await buildOldCustomer(t, { name: '两个月前下单' });
    // the scheduler has no request: it runs on the real clock
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
    await buildOrder(t, stale.number, daysAgo(120));
    await buildOrder(t, fresh.number, daysAgo(60));
    const before = Date.now();
    const result = await churnScanJob(deps).run();
    expect(result).toMatchObject({ created: 1, scanned: 2 });
    expect(await churnWarningOf(t, stale.id)).toMatchObject({ status: 'warning' });
    expect(await churnWarningOf(t, fresh.id)).toBeUndefined();
    const [audit] = await t.database.query<{ user_id: number | null; request_id: string }>(
      "select user_id, request_id from audit_log where entity = 'churnWarning'",
    );
    expect(audit).toMatchObject({ user_id: null, request_id: expect.stringMatching(/^job:churn-scan:/) });
    const [run] = await t.database.query<{ started_at: Date | string }>(
      "select started_at from job_runs where job = 'churn-scan'",
    );
    expect(new Date(run!.started_at).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(run!.started_at).getTime()).toBeLessThanOrEqual(Date.now());
  });
});
