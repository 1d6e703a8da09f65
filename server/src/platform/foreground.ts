import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Users first (docs/imports.md, rule 6): the requests an instance is answering, so that background work competing
 * with them for the machine's cores — an import's run — gives way while one is answered. On two cores an import's
 * JavaScript and its statements would otherwise take both, and every request would wait for a core.
 */
export type Foreground = {
  /**
   * Resolves on a later turn of the event loop once no request is being answered, or after `atMostMs` — background
   * work gives way, it is never stopped.
   */
  giveWay(atMostMs: number): Promise<void>;
  /** The request no longer works, it only waits (a stream of events): background work need not give way to it. */
  lingers(reply: FastifyReply): void;
};

declare module 'fastify' {
  interface FastifyInstance {
    foreground: Foreground;
  }
}

const settled = Symbol('foreground.settled');

export function registerForeground(app: FastifyInstance): void {
  let answering = 0;
  let waiting: (() => void)[] = [];
  const settle = (reply: FastifyReply & { [settled]?: true }) => {
    if (reply[settled]) return;
    reply[settled] = true;
    answering--;
    if (answering > 0) return;
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  app.addHook('onRequest', async (_request, reply) => {
    answering++;
    // once, whether the answer was sent or the client went away
    reply.raw.once('close', () => settle(reply));
  });
  app.decorate('foreground', {
    giveWay: (atMostMs) =>
      new Promise<void>((resolve) => {
        if (answering === 0) return void setImmediate(resolve);
        const timer = setTimeout(() => {
          waiting = waiting.filter((w) => w !== wake);
          resolve();
        }, atMostMs);
        const wake = () => {
          clearTimeout(timer);
          setImmediate(resolve);
        };
        waiting.push(wake);
      }),
    lingers: settle,
  } satisfies Foreground);
}
