/**
 * The figures of the hardening issue (13), measured against a running server:
 * `node --import tsx bench/hardening.ts --base http://127.0.0.1:3913 --database-url URL [--readers 12]`.
 *
 * The server must run with CRM_TRUST_PROXY=1, so that each scenario can come from addresses of its own
 * (X-Forwarded-For). `--database-url` is the server's own PostgreSQL (to lock the sales orders and to count the
 * server's connections). Prints one Markdown table per scenario:
 * 1. 60 simultaneous wrong sign-ins for one user from one address: how many reached password verification (401);
 * 2. 55 wrong sign-ins for one user from 11 addresses, then the real user from a 12th; 30 wrong sign-ins for unknown
 *    names from one address, then three real users from that address;
 * 3. `--readers` clients that ask for the contribution report as CSV and never read: `/auth/me` and `/readyz`
 * meanwhile;
 * 4. the sales system's orders locked, 12 `POST /sales/refresh`: `/auth/me`, `/readyz` and the CRM's connections.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseArgs } from './lib/args.ts';

const args = parseArgs(process.argv.slice(2));
const base = args.get('base') ?? 'http://127.0.0.1:3913';
const databaseUrl = args.get('database-url') ?? 'postgres://postgres@127.0.0.1:5501/crm_bench';
const readers = Number(args.get('readers') ?? 12);
const run = randomBytes(2).toString('hex');

type Answer = { status: number; ms: number; cookie?: string };

async function call(method: string, path: string, o: { body?: unknown; cookie?: string; from?: string } = {}) {
  const started = performance.now();
  try {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'x-requested-with': 'XMLHttpRequest' }),
        ...(o.cookie ? { cookie: o.cookie } : {}),
        ...(o.from ? { 'x-forwarded-for': o.from } : {}),
      },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: AbortSignal.timeout(method === 'GET' ? 15_000 : 300_000),
    });
    await res.arrayBuffer();
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('crm_session='))
      ?.split(';')[0];
    return { status: res.status, ms: performance.now() - started, cookie } as Answer;
  } catch {
    return { status: 0, ms: performance.now() - started } as Answer;
  }
}

const login = (username: string, password: string, from: string) =>
  call('POST', '/api/v1/auth/login', { body: { username, password }, from });

const tally = (answers: Answer[]) =>
  Object.entries(answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {}))
    .map(([status, n]) => `${n} × ${status === '0' ? 'no answer' : status}`)
    .join(', ');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** `/auth/me` and `/readyz`, one after the other, `n` times: latencies and statuses. */
async function probe(cookie: string, n: number) {
  const me: Answer[] = [];
  const ready: Answer[] = [];
  for (let i = 0; i < n; i++) {
    me.push(await call('GET', '/api/v1/auth/me', { cookie }));
    ready.push(await call('GET', '/readyz'));
  }
  const ms = me.map((a) => a.ms);
  return {
    me: `${tally(me)}; p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(0)} ms`,
    ready: tally(ready),
  };
}

async function crmConnections(admin: pg.Client) {
  const { rows } = await admin.query<{ state: string; n: number }>(
    `select coalesce(case when wait_event_type = 'Lock' then 'waiting on a lock' else state end, '?') as state,
            count(*)::int as n
     from pg_stat_activity where application_name = 'crm' and pid <> pg_backend_pid() group by 1 order by 1`,
  );
  return rows.map((r) => `${r.n} ${r.state}`).join(', ');
}

function slowReader(cookie: string): Promise<{ socket: net.Socket; head: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.once('error', reject);
    socket.once('data', (chunk) => {
      socket.pause();
      resolve({ socket, head: chunk.toString('latin1').split('\r\n')[0]! });
    });
    socket.write(
      `GET /api/v1/reports/contribution?format=csv HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${cookie}\r\n\r\n`,
    );
  });
}

async function main() {
  const lines: string[] = [`# Hardening figures (${new Date().toISOString()}, ${base})`, ''];
  const row = (what: string, figure: string) => lines.push(`| ${what} | ${figure} |`);
  lines.push('| scenario | figure |', '|---|---|');

  // 1. parallel guesses
  const parallel = await Promise.all(
    Array.from({ length: 60 }, () => login('manager2', 'wrong-guess', `198.51.100.${10 + (parseInt(run, 16) % 200)}`)),
  );
  row('60 parallel wrong sign-ins, one user, one address', `${tally(parallel)} (401 = password verified)`);

  // 2. lock-out attempts
  const spread: Answer[] = [];
  for (let a = 1; a <= 11; a++) {
    for (let i = 0; i < 5; i++) spread.push(await login('director', 'wrong-guess', `203.0.113.${a}`));
  }
  row('55 wrong for director from 11 addresses', tally(spread));
  row(
    'then director with the right password from a 12th address',
    String((await login('director', 'demo1234', '192.0.2.12')).status),
  );
  const proxy = `10.${parseInt(run, 16) % 250}.0.1`;
  const spray: Answer[] = [];
  for (let i = 0; i < 30; i++) spray.push(await login(`nobody-${run}-${i}`, 'wrong-guess', proxy));
  row('30 wrong for unknown names from one address', tally(spray));
  const real = [];
  for (const u of ['admin', 'director', 'manager1']) real.push(`${u} ${(await login(u, 'demo1234', proxy)).status}`);
  row('then admin, director, manager1 from that address (right password)', real.join(', '));

  const executive = (await login('executive', 'demo1234', '192.0.2.200')).cookie!;
  const refresher = (await login('admin', 'demo1234', '192.0.2.201')).cookie!; // admin holds sales.refresh
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  row('`/auth/me` and `/readyz` at rest', Object.values(await probe(executive, 50)).join('; '));

  // 3. slow readers
  const sockets: net.Socket[] = [];
  const heads: string[] = [];
  const opened = performance.now();
  for (let i = 0; i < readers; i++) {
    const r = await slowReader(executive).catch(() => undefined);
    if (r) {
      sockets.push(r.socket);
      heads.push(r.head.replace('HTTP/1.1 ', ''));
    }
  }
  row(
    `${readers} slow readers of the contribution CSV: their answers`,
    `${tally(heads.map((h) => ({ status: Number(h.split(' ')[0]), ms: 0 })))} (all first bytes after ${((performance.now() - opened) / 1000).toFixed(1)} s)`,
  );
  row('CRM connections while they wait', (await crmConnections(admin)) || 'none');
  const slowProbe = await probe(executive, 10);
  row('`/auth/me` meanwhile', slowProbe.me);
  row('`/readyz` meanwhile', slowProbe.ready);
  for (const s of sockets) s.destroy();

  // 4. a slow sales system
  const locker = new pg.Client({ connectionString: databaseUrl });
  await locker.connect();
  await locker.query('begin');
  await locker.query('lock table sales.orders in access exclusive mode');
  const refreshes = Array.from({ length: 12 }, () => call('POST', '/api/v1/sales/refresh', { cookie: refresher }));
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // the refreshes reach the sales system
  row('sales.orders locked, 12 `POST /sales/refresh`: CRM connections', (await crmConnections(admin)) || 'none');
  const salesProbe = await probe(executive, 10);
  row('`/auth/me` meanwhile', salesProbe.me);
  row('`/readyz` meanwhile', salesProbe.ready);
  row('a sign-in meanwhile', String((await login('manager1', 'demo1234', '192.0.2.202')).status));
  await locker.query('rollback');
  await locker.end();
  row('the 12 refreshes, once the lock is gone', tally(await Promise.all(refreshes)));
  await admin.end();
  console.log(lines.join('\n'));
}

await main();
