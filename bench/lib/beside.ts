import { drive, percentile, type Endpoint, type Role } from './load.ts';
import type { Server } from './server.ts';
import { ENDPOINT_TARGETS } from './targets.ts';

export type Beside = { endpoint: Endpoint; requests: number; p95: number; targetMs: number; non2xx: number };

/**
 * The endpoints that have a latency target, measured at one connection while `busy()` holds — a second each, in turns,
 * so that every one is sampled across the whole of the background work (issue 18: "the rest of the API keeps its
 * latency targets while an import runs"). p95 over every response of an endpoint.
 */
export async function latencyWhile(
  server: Server,
  list: Endpoint[],
  cookies: Record<Role, string>,
  busy: () => Promise<boolean>,
): Promise<Beside[]> {
  const targeted = list.filter((e) => e.role && ENDPOINT_TARGETS[e.key]);
  const seen = new Map(targeted.map((e) => [e, { latencies: [] as number[], non2xx: 0 }]));
  while (await busy()) {
    for (const e of targeted) {
      const r = await drive(server, e, cookies[e.role!], 1, 1);
      const s = seen.get(e)!;
      s.latencies.push(...r.latencies);
      for (const [status, n] of r.statuses) if (status < 200 || status >= 300) s.non2xx += n;
      if (!(await busy())) break;
    }
  }
  return targeted
    .map((e) => ({ e, s: seen.get(e)! }))
    .filter(({ s }) => s.latencies.length)
    .map(({ e, s }) => ({
      endpoint: e,
      requests: s.latencies.length,
      p95: percentile(
        [...s.latencies].sort((a, b) => a - b),
        0.95,
      ),
      targetMs: ENDPOINT_TARGETS[e.key]!.p95Ms,
      non2xx: s.non2xx,
    }));
}
