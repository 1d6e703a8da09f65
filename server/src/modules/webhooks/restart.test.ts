import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../test/databases.ts';
import { onPostgres } from '../../test/harness.ts';
import { freePort, HttpClient, killServers, startServer, waitReady } from '../../test/server-process.ts';
import { until } from '../../test/waiting.ts';
import { startReceiver, type Receiver } from './test-receiver.ts';

/**
 * docs/webhooks.md#delivery, rule 4: the server killed (SIGKILL) with one delivery in flight — claimed, its receiver
 * not answering — and another committed but not yet claimed. Started again, it delivers both: the unclaimed one at
 * once, the claimed one when its hold runs out, under the same delivery id. Nothing is lost (at least once).
 */
const WITHIN_MS = 60_000;

let receiver: Receiver | undefined;
afterAll(async () => {
  killServers();
  await receiver?.close();
});

describe('webhook deliveries survive a killed server', () => {
  it('delivers what was committed, and what was in flight, after a restart', async () => {
    receiver = await startReceiver();
    const empty = await emptyDatabase();
    const store: Record<string, string> = onPostgres
      ? { DATABASE_URL: empty.url! }
      : { DATA_DIR: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-hooks-')), 'data') };
    if (!onPostgres) await empty.drop();
    const env = {
      ...store,
      CRM_ADMIN_PASSWORD: 'hooks-admin-pw',
      CRM_WEBHOOK_ALLOW_PRIVATE: '1',
      CRM_WEBHOOK_POLL_MS: '200',
      CRM_WEBHOOK_TIMEOUT_MS: '3000',
      CRM_WEBHOOK_RETRY_BASE_MS: '200',
    };
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    try {
      let server = startServer(port, env);
      await waitReady(port);
      const admin = new HttpClient(base);
      expect((await admin.login('admin', 'hooks-admin-pw')).status).toBe(200);
      const hook = await admin.call('POST', '/webhooks', {
        name: '重启测试',
        url: receiver.url(),
        events: ['customer.created'],
        format: 'json',
        active: true,
      });
      expect(hook.status).toBe(201);
      // a director and a manager, so that a customer (the event) can be created
      const user = async (username: string, role: string) => {
        const res = await admin.call('POST', '/users', {
          username,
          displayName: username,
          password: 'hooks-pass-1',
          roles: [role],
        });
        expect(res.status).toBe(201);
        return res.body.id as number;
      };
      await user('hookdir', 'director');
      const managerId = await user('hookmgr', 'manager');
      const director = new HttpClient(base);
      expect((await director.login('hookdir', 'hooks-pass-1')).status).toBe(200);
      const first = async (type: string) =>
        (await director.call('GET', `/dictionary?type=${type}&pageSize=1`)).body.items[0].id as number;
      const [regionId, levelId] = [await first('region'), await first('customerLevel')];
      const customer = async (name: string) => {
        const res = await director.call('POST', '/customers', {
          name,
          regionId,
          levelId,
          managerId,
          satisfaction: 3,
          credit: 3,
        });
        expect(res.status).toBe(201);
      };

      receiver.answer('hang'); // the first delivery is claimed and sent, and never answered
      await customer('在途投递公司');
      await until('the first delivery in flight', () => receiver!.received.length === 1, WITHIN_MS);
      const inFlight = receiver.received[0]!.headers['x-crm-delivery'];
      // the instance's one round waits on the receiver: this one is committed, not claimed
      await customer('未领取投递公司');
      server.child.kill('SIGKILL');
      await server.exited;
      expect(receiver.received).toHaveLength(1);

      server = startServer(port, env);
      await waitReady(port);
      const events = () =>
        receiver!.received.map((r) => JSON.parse(r.body) as { data: { customer: { name: string } } });
      await until(
        'both delivered after the restart',
        () => {
          const names = events().map((e) => e.data.customer.name);
          return names.includes('未领取投递公司') && names.filter((n) => n === '在途投递公司').length >= 2;
        },
        WITHIN_MS,
      );
      const again = receiver.received.filter((r, i) => i > 0 && r.headers['x-crm-delivery'] === inFlight);
      expect(again).toHaveLength(1); // the same delivery, sent again once its claim ran out

      const admin2 = new HttpClient(base);
      await admin2.login('admin', 'hooks-admin-pw');
      await until(
        'the log says delivered',
        async () => {
          const log = await admin2.call('GET', `/webhooks/${hook.body.id}/deliveries`);
          return (
            log.body.items.length === 2 && log.body.items.every((d: { status: string }) => d.status === 'delivered')
          );
        },
        WITHIN_MS,
      );
      server.child.kill('SIGKILL');
      await server.exited;
    } finally {
      killServers();
      if (onPostgres) await empty.drop();
    }
  }, 600_000);
});
