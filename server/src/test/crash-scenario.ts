import { expect } from 'vitest';
import { freePort, HttpClient, startServer, waitReady } from './server-process.ts';

type Server = ReturnType<typeof startServer>;

/**
 * Crash safety (ASVS, hardening issue): a client writes through the API without pause — each opportunity is
 * created, assigned and marked successful, the last step creating a customer and its first contact in one
 * transaction — while the server is killed at random moments. After each restart, every acknowledged write must be
 * there and no multi-step change may be half done.
 */
export async function crashScenario(env: Record<string, string>, rounds = 3) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: Server | undefined;
  const up = async () => {
    server = startServer(port, { CRM_ADMIN_PASSWORD: 'crash-admin-pw', ...env });
    await waitReady(port);
  };
  const created: { id: number; customerName: string }[] = [];
  const succeeded = new Set<number>();
  try {
    await up();
    const admin = new HttpClient(base);
    expect((await admin.login('admin', 'crash-admin-pw')).status).toBe(200);
    await admin.call('POST', '/users', { username: 'crashdir', displayName: 'Dir', password: 'crash-pass-1', roles: ['director'] });
    const mgr = await admin.call('POST', '/users', { username: 'crashmgr', displayName: 'Mgr', password: 'crash-pass-1', roles: ['manager'] });
    const managerId = mgr.body.id as number;

    for (let round = 0; round < rounds; round++) {
      if (round > 0) await up();
      const director = new HttpClient(base);
      const manager = new HttpClient(base);
      await director.login('crashdir', 'crash-pass-1');
      await manager.login('crashmgr', 'crash-pass-1');
      let alive = true;
      let acknowledged = 0;
      const writer = (async () => {
        for (let i = 0; alive; i++) {
          try {
            const customerName = `崩溃测试公司${round}-${i}`;
            const o = await manager.call('POST', '/opportunities', { customerName, successRate: 60, summary: 's', contactName: '联系人', contactPhone: '138', description: 'd' });
            if (o.status !== 201) continue;
            created.push({ id: o.body.id, customerName });
            await director.call('POST', `/opportunities/${o.body.id}/assign`, { assigneeId: managerId });
            const s = await manager.call('POST', `/opportunities/${o.body.id}/succeed`);
            if (s.status === 200) succeeded.add(o.body.id);
            acknowledged++;
          } catch {
            return; // the server is gone: what was not answered was not acknowledged
          }
        }
      })();
      // kill at a random moment once the round has done some work, whatever the machine's speed
      for (let waited = 0; acknowledged < 2 && waited < 120_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, Math.random() * 1500));
      server!.child.kill('SIGKILL');
      await server!.exited;
      alive = false;
      await writer;
    }

    await up();
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
        const found = await director.call('GET', `/customers?name=${encodeURIComponent(customerName)}`);
        expect(found.body.total, `no customer without its succeeded opportunity (${customerName})`).toBe(0);
      }
    }
    return { created: created.length, succeeded: succeeded.size };
  } finally {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}
