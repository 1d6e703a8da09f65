import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerForeground } from './foreground.ts';

/** An app whose `/held` answers when the test says so, and whose `/stream` lingers after its head. */
async function appWithHeldRequests() {
  const app = Fastify();
  registerForeground(app);
  const release: (() => void)[] = [];
  app.get('/held', () => new Promise((resolve) => release.push(() => resolve('done'))));
  app.get('/stream', (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
    reply.raw.write('retry: 3000\n\n');
    app.foreground.lingers(reply);
    return reply;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  /** A request under way: resolves with its body, or on its first bytes for the stream; `abort` goes away. */
  const send = (path: string) => {
    const controller = new AbortController();
    const answered = fetch(`http://127.0.0.1:${port}${path}`, { signal: controller.signal }).then((r) => r.text());
    answered.catch(() => undefined);
    return { answered, abort: () => controller.abort() };
  };
  return { app, send, release, port };
}

/** Whether `promise` settles within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

/** Until the app has received `n` requests (the handler of `/held` has been called `n` times). */
async function received(release: unknown[], n: number) {
  while (release.length < n) await new Promise((r) => setTimeout(r, 5));
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('background work gives way to the requests being answered (docs/imports.md, rule 6)', () => {
  it('goes on at once when no request is being answered', async () => {
    const held = await appWithHeldRequests();
    app = held.app;
    expect(await settlesWithin(app.foreground.giveWay(5_000), 200)).toBe(true);
  });

  it('waits while a request is answered and goes on when it is', async () => {
    const held = await appWithHeldRequests();
    app = held.app;
    const first = held.send('/held');
    const second = held.send('/held');
    await received(held.release, 2);
    const goOn = app.foreground.giveWay(5_000);
    expect(await settlesWithin(goOn, 200)).toBe(false);
    held.release[0]!();
    expect(await first.answered).toBe('done');
    // one request still being answered
    expect(await settlesWithin(goOn, 200)).toBe(false);
    held.release[1]!();
    expect(await second.answered).toBe('done');
    expect(await settlesWithin(goOn, 500)).toBe(true);
  });

  it('waits at most the time it was given', async () => {
    const held = await appWithHeldRequests();
    app = held.app;
    const request = held.send('/held');
    await received(held.release, 1);
    const started = Date.now();
    await app.foreground.giveWay(100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    held.release[0]!();
    await request.answered;
  });

  it('stops waiting for a client that went away', async () => {
    const held = await appWithHeldRequests();
    app = held.app;
    const request = held.send('/held');
    await received(held.release, 1);
    const goOn = app.foreground.giveWay(10_000);
    expect(await settlesWithin(goOn, 200)).toBe(false);
    request.abort();
    expect(await settlesWithin(goOn, 2_000)).toBe(true);
    // its handler answering later does not count it twice: a new request is waited for again
    held.release[0]!();
    const next = held.send('/held');
    await received(held.release, 2);
    expect(await settlesWithin(app.foreground.giveWay(10_000), 200)).toBe(false);
    held.release[1]!();
    await next.answered;
  });

  it('does not wait for a stream that only waits for events', async () => {
    const held = await appWithHeldRequests();
    app = held.app;
    const stream = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`http://127.0.0.1:${held.port}/stream`, resolve),
    );
    expect(stream.statusCode).toBe(200);
    expect(await settlesWithin(app.foreground.giveWay(10_000), 500)).toBe(true);
    stream.destroy();
  });
});
