import type { Notification } from '@crm/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { ctxOf } from '../../platform/context.ts';
import type { NotificationHub } from './hub.ts';
import { notificationsAfter } from './repo.ts';

/** A stream ends after this long and the browser reconnects through the guard: a session that ended stops there. */
const STREAM_LIFETIME_MS = 5 * 60_000;
/** The ids a stream remembers having sent, so that a notification is never sent twice on one stream. */
const REMEMBERED = 500;

const lastEventId = (request: FastifyRequest): number | undefined => {
  const value = request.headers['last-event-id'];
  return typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : undefined;
};

/**
 * GET /notifications/stream (docs/notifications.md#delivery): `text/event-stream`, one `notification` event per new
 * notification of the signed-in user, from any instance. With `Last-Event-ID` the notifications after that id come
 * first — subscribed before they are read, so that none falls between the two. No database connection is held: the
 * stream is a subscription to the instance's hub.
 */
export async function streamNotifications(
  db: Db,
  hub: NotificationHub,
  heartbeatMs: number,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const { actor } = ctxOf(request);
  const res = reply.raw;
  const sent = new Set<number>();
  let last = lastEventId(request) ?? 0;
  let open = true;

  let started = false;
  /** The answer's head, once: only when the instance hears the channel, so that a 200 means nothing is missed. */
  const start = () => {
    if (started) return;
    started = true;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx and the like: pass each event on at once
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    res.write('retry: 3000\n\n');
    // from here the stream waits for events: background work need not give way to it (platform/foreground.ts)
    request.server.foreground.lingers(reply);
  };
  const write = (text: string) => {
    if (!open) return;
    start();
    res.write(text);
  };
  const send = (n: Notification) => {
    if (sent.has(n.id)) return;
    sent.add(n.id);
    if (sent.size > REMEMBERED) sent.delete(sent.values().next().value as number);
    last = Math.max(last, n.id);
    write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`);
  };
  const replayFrom = lastEventId(request);
  /**
   * Live notifications that arrive while a catch-up reads — the hub may hand one over as soon as the stream is
   * subscribed, before the older ones are read: held, then sent after the catch-up in id order.
   */
  let held: Notification[] | undefined = replayFrom === undefined ? undefined : [];
  let catchingUp = 0;
  const deliver = (n: Notification) => (held ? held.push(n) : send(n));
  const catchUp = async (after: number) => {
    catchingUp += 1;
    held ??= [];
    try {
      for (const n of await notificationsAfter(db, actor.id, after)) send(n);
    } catch {
      end(); // the browser reconnects with its last id
    } finally {
      catchingUp -= 1;
      if (!catchingUp) {
        const live = held ?? [];
        held = undefined;
        for (const n of live.sort((a, b) => a.id - b.id)) send(n);
      }
    }
  };

  const heartbeat = setInterval(() => write(': keep-alive\n\n'), heartbeatMs);
  const lifetime = setTimeout(() => end(), STREAM_LIFETIME_MS);
  let unsubscribe = () => {};
  function end() {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    unsubscribe();
    res.end();
  }

  reply.hijack();
  res.on('close', end);
  try {
    unsubscribe = await hub.subscribe({
      userId: actor.id,
      send: deliver,
      // after a lost listening connection: what was announced meanwhile, from the last id sent. A notification
      // committed late with a smaller id than one already sent is caught by the browser's refresh of its list.
      resync: () => void catchUp(last),
      end,
    });
  } catch (err) {
    request.log.warn({ err }, 'notification stream not opened');
    start(); // an EventSource gives up on any other status; this one retries after 3 s
    end();
    return;
  }
  if (!open) return unsubscribe();
  start();
  if (replayFrom !== undefined) await catchUp(replayFrom);
}
