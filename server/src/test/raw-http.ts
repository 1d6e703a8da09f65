import net from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Lets the app listen on a free loopback port (for tests that need real sockets); closed with the app. */
export async function listening(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as net.AddressInfo).port;
}

export type RawClient = {
  socket: net.Socket;
  /** Everything received so far. */
  received: () => string;
  /** Resolves when the server closed the connection (or it failed). */
  closed: Promise<void>;
};

function connect(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const closed = new Promise<void>((done) => {
      socket.on('close', () => done());
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

/**
 * A client that sends `GET path`, takes the first bytes of the answer (so the server has begun sending), and then
 * never reads again: the server's writes back up as in front of a stalled or malicious download.
 */
export async function slowReader(port: number, path: string, cookie: string) {
  const client = await connect(port);
  const firstBytes = new Promise<void>((resolve) => {
    client.socket.once('data', () => {
      client.socket.pause();
      resolve();
    });
  });
  client.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n\r\n`);
  return { ...client, firstBytes };
}

/** A client that announces a body and sends it one byte every `everyMs`: the server must cut it off. */
export async function trickle(port: number, path: string, everyMs: number) {
  const client = await connect(port);
  const body = '{"username":"someone","password":"slowly-slowly"}';
  client.socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Requested-With: XMLHttpRequest\r\n` +
      `Content-Length: ${body.length}\r\n\r\n`,
  );
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < body.length && !client.socket.destroyed) client.socket.write(body[sent++]!);
  }, everyMs);
  void client.closed.then(() => clearInterval(timer));
  return { ...client, sent: () => sent, stop: () => clearInterval(timer) };
}
