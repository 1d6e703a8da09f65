import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOpportunity, DEMO_TEAM, testApp, userIds } from '../../test/factories.ts';
import { SseClient } from './sse-client.ts';

const { t, manager1, manager2 } = await testApp(...DEMO_TEAM);
const ids = await userIds(t, 'manager1', 'manager2');
await t.app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
const open: SseClient[] = [];
const connect = (cookie: string, headers: Record<string, string> = {}) => {
  const c = new SseClient(`${base}/notifications/stream`, { cookie, ...headers });
  open.push(c);
  return c;
};
afterAll(() => open.forEach((c) => c.close()));

/** manager1's stream receives one notification and closes: its last event id, for `Last-Event-ID`. */
async function receiveOneAndDisconnect() {
  const first = connect(manager1.cookie);
  await first.until(() => first.status === 200);
  await buildOpportunity(t, { assignee: 'manager1' });
  await first.until(() => first.notifications().length === 1);
  first.close();
  return first.events.at(-1)!.id!;
}

describe('GET /notifications/stream (docs/notifications.md#delivery)', () => {
  it('delivers each new notification of the signed-in user, and only theirs', async () => {
    const mine = connect(manager1.cookie);
    const theirs = connect(manager2.cookie);
    await mine.until(() => mine.status === 200);
    await theirs.until(() => theirs.status === 200);
    const o = await buildOpportunity(t, { assignee: 'manager1', summary: '实时送达' });
    await mine.until(() => mine.notifications().length === 1);
    expect(mine.notifications()[0]).toMatchObject({
      kind: 'opportunity.assigned',
      params: { opportunityId: o.id, summary: '实时送达' },
      ref: { type: 'opportunity', id: o.id },
      readAt: null,
    });
    expect(mine.events[0]!.id).toBe(String(mine.notifications()[0]!.id));
    await new Promise((r) => setTimeout(r, 200));
    expect(theirs.notifications()).toEqual([]);
    expect(ids.manager1).not.toBe(ids.manager2);
  });

  it('resumes after Last-Event-ID with what came meanwhile, missing nothing', async () => {
    const lastId = await receiveOneAndDisconnect();
    // while disconnected
    await buildOpportunity(t, { assignee: 'manager1', summary: '断线期间一' });
    await buildOpportunity(t, { assignee: 'manager1', summary: '断线期间二' });
    const again = connect(manager1.cookie, { 'last-event-id': lastId });
    await again.until(() => again.notifications().length === 2);
    expect(again.notifications().map((n) => n.params.summary)).toEqual(['断线期间一', '断线期间二']);
    // and live again after the catch-up
    await buildOpportunity(t, { assignee: 'manager1', summary: '重新连上后' });
    await again.until(() => again.notifications().length === 3);
  });

  it('sends the catch-up first and in order, each once, while new notifications arrive during it', async () => {
    // the stream opens while more are being assigned, at a few moments: the hub hands over live ones as the catch-up
    // reads the older ones
    for (const delay of [0, 10, 25]) {
      const lastId = await receiveOneAndDisconnect();
      for (let i = 0; i < 4; i++) await buildOpportunity(t, { assignee: 'manager1', summary: `断线期间${i}` });
      let again: SseClient | undefined;
      await Promise.all([
        new Promise((r) => setTimeout(r, delay)).then(() => {
          again = connect(manager1.cookie, { 'last-event-id': lastId });
        }),
        ...Array.from({ length: 6 }, (_, i) => buildOpportunity(t, { assignee: 'manager1', summary: `连上时${i}` })),
      ]);
      await again!.until(() => again!.notifications().length === 10);
      await new Promise((r) => setTimeout(r, 100));
      const got = again!.notifications();
      // what came while disconnected first, in order; the live ones after it (among themselves in commit order)
      expect(got.slice(0, 4).map((n) => n.params.summary)).toEqual([
        '断线期间0',
        '断线期间1',
        '断线期间2',
        '断线期间3',
      ]);
      expect(new Set(got.map((n) => n.id)).size).toBe(10);
      again!.close();
    }
  });

  it('refuses a stream without a session, and answers an uncached event stream with the security headers', async () => {
    const anonymous = connect('');
    await anonymous.until(() => anonymous.status !== 0);
    expect(anonymous.status).toBe(401);
    const res = await fetch(`${base}/notifications/stream`, { headers: { cookie: manager1.cookie } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await res.body?.cancel();
  });
});
