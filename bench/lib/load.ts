import autocannon from 'autocannon';
import type { Server } from './server.ts';

/** Who calls an endpoint; `regional` is a director whose data scope is their region (`departmentTree`). */
export type Role = 'manager' | 'director' | 'executive' | 'regional';

export type Endpoint = {
  key: string;
  name: string;
  /** Who calls it; `null` for the sign-in itself. */
  role: Role | null;
  method: 'GET' | 'POST';
  /** Requests rotate over these at random (different customers, orders, search words). */
  paths: string[];
  body?: string;
};

export type Measured = {
  endpoint: Endpoint;
  skipped?: string;
  probeStatus?: number;
  /** 1 connection: exact percentiles over every response. */
  p50?: number;
  p95?: number;
  p99?: number;
  requests1?: number;
  /** N connections. */
  rps?: number;
  requestsN?: number;
  /** Responses by status class over both runs. */
  status5xx: number;
  non2xx: number;
  errors: number;
  /** Peak server RSS during the N-connection run. */
  rssPeak?: number;
};

export const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : NaN;

function headersFor(e: Endpoint, cookie: string | null): Record<string, string> {
  return {
    ...(cookie ? { cookie } : {}),
    ...(e.method === 'GET' ? {} : { 'x-requested-with': 'XMLHttpRequest', 'content-type': 'application/json' }),
  };
}

type Run = { latencies: number[]; statuses: Map<number, number>; rps: number; total: number; errors: number };

/** `connections` calling `e` for `duration` seconds (or `amount` requests), paths picked at random. */
export async function drive(
  server: Server,
  e: Endpoint,
  cookie: string | null,
  connections: number,
  duration: number,
  amount?: number,
): Promise<Run> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const pick = () => e.paths[Math.floor(Math.random() * e.paths.length)]!;
  const instance = autocannon({
    url: server.url,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout: 60,
    headers: headersFor(e, cookie),
    requests: [
      {
        method: e.method,
        ...(e.body ? { body: e.body } : {}),
        setupRequest: (req) => ({ ...req, path: pick() }),
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
  const result = await instance;
  return {
    latencies,
    statuses,
    rps: result.requests.average,
    total: latencies.length,
    errors: result.errors + result.timeouts,
  };
}

/**
 * One endpoint: a probe (404 → skipped: the module is not there yet), a short warm-up, then latency at one
 * connection (p50/p95/p99 over every response) and throughput at `connections`.
 */
export async function measure(
  server: Server,
  e: Endpoint,
  cookie: string | null,
  o: { connections: number; duration: number },
): Promise<Measured> {
  const probe = await fetch(`${server.url}${e.paths[0]}`, {
    method: e.method,
    headers: headersFor(e, cookie),
    body: e.body,
  });
  await probe.arrayBuffer();
  if (probe.status === 404)
    return {
      endpoint: e,
      skipped: 'answers 404 (module or route not there yet)',
      probeStatus: 404,
      status5xx: 0,
      non2xx: 0,
      errors: 0,
    };
  await drive(server, e, cookie, 1, 0, 5);
  const one = await drive(server, e, cookie, 1, o.duration);
  server.resetPeak();
  const many = await drive(server, e, cookie, o.connections, o.duration);
  const sorted = [...one.latencies].sort((a, b) => a - b);
  const count = (pred: (s: number) => boolean) =>
    [...one.statuses, ...many.statuses].reduce((n, [s, c]) => n + (pred(s) ? c : 0), 0);
  return {
    endpoint: e,
    probeStatus: probe.status,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    requests1: one.total,
    rps: many.rps,
    requestsN: many.total,
    status5xx: count((s) => s >= 500),
    non2xx: count((s) => s < 200 || s >= 300),
    errors: one.errors + many.errors,
    rssPeak: server.peak().sinceReset,
  };
}
