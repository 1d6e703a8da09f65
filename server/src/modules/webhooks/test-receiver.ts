import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Received = { url: string; headers: http.IncomingHttpHeaders; body: string; at: number };
/** How the receiver answers the next request: a status and body, or never (it hangs). */
export type Answer = { status: number; body?: string } | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook tests: records every request and answers as `answers` says
 * (one answer per request, then `fallback`).
 */
export async function startReceiver() {
  const received: Received[] = [];
  const answers: Answer[] = [];
  let fallback: Answer = { status: 200, body: 'ok' };
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const answer = answers.shift() ?? fallback;
      if (answer === 'hang') return; // never answers: the sender's time-out must end the attempt
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body ?? '');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    /** The answers of the next requests, in order. */
    answer: (...next: Answer[]) => answers.push(...next),
    /** The answer after the queued ones. */
    otherwise: (answer: Answer) => (fallback = answer),
    reset() {
      received.length = 0;
      answers.length = 0;
      fallback = { status: 200, body: 'ok' };
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** An independent HMAC-SHA256 (WebCrypto, not node:crypto's createHmac): the bytes of `key` over `message`. */
export async function hmacSha256(key: string, message: string): Promise<Buffer> {
  const enc = new TextEncoder();
  const k = await globalThis.crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return Buffer.from(await globalThis.crypto.subtle.sign('HMAC', k, enc.encode(message)));
}
