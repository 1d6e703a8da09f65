import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AddressRefused, checkedAddress } from './address-guard.ts';
import type { Request } from './formats.ts';

/** What one attempt came to: the answer's status and body (the first 64 KiB), or why there was none. */
export type Attempt =
  { kind: 'answered'; status: number; body: string } | { kind: 'failed'; error: string; refused: boolean };

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs one request (docs/webhooks.md#delivery): the host resolved and checked by the address guard, the connection
 * made to exactly the address checked (TLS still verifies the host's certificate), redirects not followed, and the
 * whole attempt — connecting, sending, the answer — cut off after `timeoutMs`. Never throws.
 */
export async function send(request: Request, o: { timeoutMs: number; allowPrivate: boolean }): Promise<Attempt> {
  const url = new URL(request.url);
  let pinned;
  try {
    pinned = await checkedAddress(url, o.allowPrivate);
  } catch (error) {
    return { kind: 'failed', error: (error as Error).message, refused: error instanceof AddressRefused };
  }
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const finish = (attempt: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(attempt);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        lookup,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () =>
          finish({
            kind: 'answered',
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8'),
          });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: 'failed', error: `no answer within ${o.timeoutMs} ms (timed out)`, refused: false });
      req.destroy();
    }, o.timeoutMs);
    req.on('error', (error) => finish({ kind: 'failed', error: error.message, refused: false }));
    req.end(request.body);
  });
}
