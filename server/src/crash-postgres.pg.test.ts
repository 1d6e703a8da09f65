import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { crashScenario, type Crash } from './test/crash-scenario.ts';
import { destroyClusters, throwawayCluster, type Cluster } from './test/pg-cluster.ts';
import { killServers } from './test/server-process.ts';

/**
 * Crash safety of the database server (hardening issue, item 8): PostgreSQL stopped with `pg_ctl -m immediate` — all
 * its processes killed, no checkpoint, recovery from the WAL at the next start — while a client writes through the
 * API. It runs on a cluster of its own (the shared one is not ours to stop), with fsync on as in production.
 */
describe('crash safety when PostgreSQL stops at once', () => {
  // runs after a failure or a time-out too: no server, postmaster or temporary folder is left behind
  afterAll(() => {
    killServers();
    destroyClusters();
  });

  it('keeps every acknowledged write and no half-done change, and the server serves again by itself', async () => {
    const c: Cluster = await throwawayCluster({ fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' });
    let stops = 0;
    const stopPostgres: Crash = {
      strike: async () => {
        await c.crash();
        stops++;
      },
      recover: () => c.start(),
    };
    const result = await crashScenario(
      { DATABASE_URL: c.url, CRM_CHURN_CRON: '0 3 1 1 *', CRM_SALES_REFRESH_CRON: '0 0 1 1 *' },
      { rounds: 3, crash: stopPostgres },
    );
    expect(stops).toBe(3);
    expect(result.succeeded).toBeGreaterThan(0);
    // the writer met the outages: requests answered 5xx in the meantime (and acknowledged nothing)
    expect(result.failedAnswers).toBeGreaterThan(0);

    // straight from the database: no customer created by a success lacks its first contact or its opportunity
    const db = new pg.Client({ connectionString: c.superuserUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`
        select
          (select count(*)::int from customers c where c.name like '崩溃测试公司%') as customers,
          (select count(*)::int from opportunities o where o.status = 'succeeded' and o.customer_name like '崩溃测试公司%') as successes,
          (select count(*)::int from customers c where c.name like '崩溃测试公司%'
             and not exists (select 1 from contacts k where k.customer_id = c.id)) as without_contact`);
      expect(rows[0].customers).toBe(rows[0].successes);
      expect(rows[0].without_contact).toBe(0);
    } finally {
      await db.end();
    }
  }, 900_000);
});
