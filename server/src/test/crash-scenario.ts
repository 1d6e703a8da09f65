import { expect } from 'vitest';
import { freePort, HttpClient, startServer, waitReady } from './server-process.ts';
import { until } from './waiting.ts';

export type Server = ReturnType<typeof startServer>;

/** What goes wrong at the random moment, and how the system comes back. */
export type Crash = {
  /** Brings something down while the writer writes. */
  strike(server: Server): Promise<void>;
  /**
   * Brings it back while the writer goes on writing, for a crash that leaves the server process running (the
   * database's): the server must then serve again on its own. Without it the server is started again.
   */
  recover?(): Promise<void>;
};

/** SIGKILL of the server process: no shutdown, no flush, requests in flight cut off. */
export const killServer: Crash = {
  strike: async (server) => {
    server.child.kill('SIGKILL');
    await server.exited;
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const WITHIN_MS = 120_000;

/**
 * Crash safety (ASVS, hardening issue): a client writes through the API without pause — each opportunity is
 * created, assigned and marked successful, the last step creating a customer and its first contact in one
 * transaction — while something crashes at random moments (by default the server, killed; see `Crash`). After each
 * restart, every acknowledged write must be there and no multi-step change may be half done. An answer that is not a
 * success (a 5xx while the database is down, or none at all) acknowledges nothing.
 */
export async function crashScenario(env: Record<string, string>, options: { rounds?: number; crash?: Crash } = {}) {
  const { rounds = 3, crash = killServer } = options;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: Server | undefined;
  const up = async () => {
    server = startServer(port, { CRM_ADMIN_PASSWORD: 'crash-admin-pw', ...env });
    await waitReady(port);
  };
  const running = () => server !== undefined && server.child.exitCode === null && server.child.signalCode === null;
  const created: { id: number; customerName: string }[] = [];
  const succeeded = new Set<number>();
  /** Answers 5xx the writer saw: the crash really hit while it wrote. */
  let failedAnswers = 0;
  try {
    await up();
    const admin = new HttpClient(base);
    expect((await admin.login('admin', 'crash-admin-pw')).status).toBe(200);
    await admin.call('POST', '/users', {
      username: 'crashdir',
      displayName: 'Dir',
      password: 'crash-pass-1',
      roles: ['director'],
    });
    const mgr = await admin.call('POST', '/users', {
      username: 'crashmgr',
      displayName: 'Mgr',
      password: 'crash-pass-1',
      roles: ['manager'],
    });
    const managerId = mgr.body.id as number;

    for (let round = 0; round < rounds; round++) {
      if (!running()) await up();
      const director = new HttpClient(base);
      const manager = new HttpClient(base);
      expect((await director.login('crashdir', 'crash-pass-1')).status).toBe(200);
      expect((await manager.login('crashmgr', 'crash-pass-1')).status).toBe(200);
      let alive = true;
      let acknowledged = 0;
      const writer = (async () => {
        for (let i = 0; alive; i++) {
          try {
            const customerName = `崩溃测试公司${round}-${i}`;
            const o = await manager.call('POST', '/opportunities', {
              customerName,
              successRate: 60,
              summary: 's',
              contactName: '联系人',
              contactPhone: '13800000000',
              description: 'd',
            });
            if (o.status >= 500) failedAnswers++;
            if (o.status !== 201) {
              if (o.status >= 500) await sleep(50); // the database is down: don't spin
              continue;
            }
            created.push({ id: o.body.id, customerName });
            const a = await director.call('POST', `/opportunities/${o.body.id}/assign`, { assigneeId: managerId });
            const s = await manager.call('POST', `/opportunities/${o.body.id}/succeed`);
            if (a.status >= 500 || s.status >= 500) failedAnswers++;
            if (s.status === 200) succeeded.add(o.body.id);
            acknowledged++;
          } catch {
            return; // the server is gone: what was not answered was not acknowledged
          }
        }
      })();
      // crash at a random moment once the round has done some work, whatever the machine's speed
      await until('the first writes of the round', () => acknowledged >= 2, WITHIN_MS);
      await sleep(Math.random() * 1500);
      await crash.strike(server!);
      if (crash.recover) {
        await sleep(300 + Math.random() * 1500); // the writer meets the outage
        await crash.recover();
        // the same server process serves again once the database is back, without a restart
        const before = acknowledged;
        await until('writes after recovering', () => acknowledged >= before + 2 || !running(), WITHIN_MS);
        expect(running(), `the server survives the crash:\n${server!.output()}`).toBe(true);
      }
      alive = false;
      await writer;
    }

    if (!running()) await up();
    const director = new HttpClient(base);
    await director.login('crashdir', 'crash-pass-1');
    expect(created.length).toBeGreaterThanOrEqual(2 * rounds);
    for (const { id, customerName } of created) {
      const o = await director.call('GET', `/opportunities/${id}`);
      expect(o.status, `acknowledged opportunity ${id} survives`).toBe(200);
      if (succeeded.has(id)) expect(o.body.status).toBe('succeeded');
      if (o.body.status === 'succeeded') {
        // all or nothing: a succeeded opportunity has its customer, with the first contact
        expect(o.body.customerId).toBeTruthy();
        const contacts = await director.call('GET', `/customers/${o.body.customerId}/contacts`);
        expect(contacts.body.items.map((c: { name: string }) => c.name)).toContain('联系人');
      } else {
        // the filter matches a part of the name (…0-5 also finds …0-50): compare whole names
        const found = await director.call('GET', `/customers?name=${encodeURIComponent(customerName)}&pageSize=100`);
        const same = found.body.items.filter((c: { name: string }) => c.name === customerName);
        expect(same, `no customer without its succeeded opportunity (${customerName})`).toEqual([]);
      }
    }
    return { created: created.length, succeeded: succeeded.size, failedAnswers };
  } finally {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}
