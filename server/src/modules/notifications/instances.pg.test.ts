import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openPostgres } from '../../db/client.ts';
import { Client } from '../../test/harness.ts';
import { DEMO_TEAM, newOpportunity, testApp, userIds } from '../../test/factories.ts';
import { SseClient } from './sse-client.ts';

/**
 * docs/notifications.md#delivery on PostgreSQL: two app instances on one database (A from the test kit, B built beside
 * it on the same database, with a 1-second heartbeat). A browser on A hears what happens on B.
 */
const { t, manager1 } = await testApp(...DEMO_TEAM);
const ids = await userIds(t, 'manager1');
const url = (t.database.pool!.options as { connectionString: string }).connectionString;
const databaseB = openPostgres(url, { max: 5 });
const appB = await buildApp({
  config: { ...loadConfig({ CRM_DEMO: '0', CRM_NOTIFY_HEARTBEAT_SECONDS: '1' }), webDist: '/nonexistent' },
  database: databaseB,
  logger: false,
});
const listen = async (app: FastifyInstance) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1`;
};
const baseA = await listen(t.app);
const baseB = await listen(appB);
const directorOnB = new Client(appB, (await t.login('director')).cookie);
const streams: SseClient[] = [];
const stream = (base: string, cookie = manager1.cookie) => {
  const s = new SseClient(`${base}/notifications/stream`, { cookie });
  streams.push(s);
  return s;
};
afterAll(async () => {
  streams.forEach((s) => s.close());
  await appB.close();
  await databaseB.close();
});

const connectionsOf = async (name: string) =>
  (
    await t.database.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = $1`,
      [name],
    )
  )[0]!.n;

/** Assigns a new opportunity to manager1 through instance B; answers when the request started (ms). */
async function assignOnB(summary: string) {
  const created = await directorOnB.post('/opportunities', newOpportunity({ summary }));
  const started = performance.now();
  const res = await directorOnB.post(`/opportunities/${created.body.id}/assign`, { assigneeId: ids.manager1 });
  expect(res.status).toBe(200);
  return started;
}

describe('live notifications across instances (PostgreSQL LISTEN/NOTIFY)', () => {
  it('an event on instance B reaches a browser on instance A within a second', async () => {
    const onA = stream(baseA);
    await onA.until(() => onA.status === 200);
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = await assignOnB(`跨实例 ${i}`);
      await onA.until(() => onA.notifications().length === i + 1, 1_000);
      latencies.push(onA.events.filter((e) => e.event === 'notification').at(-1)!.at - started);
    }
    latencies.sort((a, b) => a - b);
    const figures = { median: latencies[10]!.toFixed(1), max: latencies.at(-1)!.toFixed(1) };
    console.log(`cross-instance latency (assign request start → event on A), ms: ${JSON.stringify(figures)}`);
    expect(latencies.at(-1)!).toBeLessThan(1_000);
  });

  it('listens with one connection per instance, not one per browser', async () => {
    const before = await connectionsOf('crm-listen');
    const more = [stream(baseA), stream(baseA), stream(baseB), stream(baseB)];
    for (const s of more) await s.until(() => s.status === 200);
    expect(await connectionsOf('crm-listen')).toBe(2); // A and B
    expect(before).toBeLessThanOrEqual(2);
  });

  it('sends a comment line at the configured heartbeat', async () => {
    const onB = stream(baseB);
    await onB.until(() => onB.comments >= 2, 3_500);
  });

  it('misses nothing when the listening connection is lost: it reconnects and catches up', async () => {
    const onA = stream(baseA);
    await onA.until(() => onA.status === 200);
    await t.database.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database() and application_name = 'crm-listen'`,
    );
    await assignOnB('监听断开期间');
    await onA.until(() => onA.notifications().some((n) => n.params.summary === '监听断开期间'), 5_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await connectionsOf('crm-listen')).toBe(2);
  });

  it('holds 200 streams on one instance without a database connection each', async () => {
    const poolBefore = await connectionsOf('crm');
    const rssBefore = process.memoryUsage().rss;
    const many = Array.from({ length: 200 }, () => stream(baseA));
    await Promise.all(many.map((s) => s.until(() => s.status === 200, 15_000)));
    const rssAfter = process.memoryUsage().rss;
    const poolAfter = await connectionsOf('crm');
    const started = await assignOnB('二百个连接');
    await Promise.all(
      many.map((s) => s.until(() => s.notifications().some((n) => n.params.summary === '二百个连接'), 5_000)),
    );
    const slowest = Math.max(...many.map((s) => s.events.at(-1)!.at)) - started;
    console.log(
      `200 streams on one instance: pool connections ${poolBefore} → ${poolAfter}, listening connections ` +
        `${await connectionsOf('crm-listen')}, rss +${((rssAfter - rssBefore) / 1048576).toFixed(1)} MB ` +
        `(test process: server and clients), one event to all 200 in ${slowest.toFixed(0)} ms`,
    );
    expect(poolAfter).toBeLessThanOrEqual(10); // the pools' own maximum (5 + 5), whatever the number of streams
    expect(slowest).toBeLessThan(2_000);
    many.forEach((s) => s.close());
  });
});
