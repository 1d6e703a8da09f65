import type { Direct } from './direct.ts';
import type { Measured } from './load.ts';
import { ENDPOINT_TARGETS, JOB_TARGETS } from './targets.ts';
import type { WebSize } from '../web-size.ts';

export type Job = { name: string; ms?: number; targetMs?: number; note?: string };

export type Machine = { cpus: string; cores: number; memory: string; postgres: string; node: string; os: string };

export type Load = {
  totalMs: number;
  at: string;
  steps: { step: string; ms: number }[];
  counts: Record<string, number>;
} | null;

export type Report = {
  scale: string;
  at: Date;
  machine: Machine;
  connections: number;
  duration: number;
  counts: Record<string, number>;
  load: Load;
  endpoints: Measured[];
  jobs: Job[];
  rssPeak: number;
  direct: Direct[];
  web: WebSize | { error: string };
};

const ms = (v: number | undefined) =>
  v === undefined || Number.isNaN(v)
    ? '—'
    : v >= 1000
      ? `${(v / 1000).toFixed(2)} s`
      : `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'pass' : '**FAIL**');

/** The Markdown the run writes to bench/results and docs/PERFORMANCE.md. */
export function renderReport(r: Report): string {
  const L: string[] = [];
  L.push(`## Scale ${r.scale} — ${r.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
  L.push(
    `Machine: ${r.machine.cores} cores (${r.machine.cpus}), ${r.machine.memory} memory, ${r.machine.os}; ${r.machine.postgres}; Node ${r.machine.node}. ` +
      `Database, server and load generator on the same machine.`,
    '',
  );
  L.push(
    `Data: ${Object.entries(r.counts)
      .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
      .join(', ')}.`,
    '',
  );
  if (r.load) {
    const ok = r.scale === 'L' ? r.load.totalMs <= JOB_TARGETS.loadLMs : undefined;
    L.push(
      `Load (\`npm run bench:data -- --scale ${r.scale}\`, ${r.load.at.slice(0, 16).replace('T', ' ')}): **${ms(r.load.totalMs)}**` +
        `${r.scale === 'L' ? ` (target ≤ ${ms(JOB_TARGETS.loadLMs)}: ${verdict(ok)})` : ''}.`,
      '',
    );
    L.push('<details><summary>Load steps</summary>', '', '| step | time |', '|---|---:|');
    for (const s of r.load.steps) L.push(`| ${s.step} | ${ms(s.ms)} |`);
    L.push('', '</details>', '');
  }
  L.push(`### Endpoints`, '');
  L.push(
    `Latency at 1 connection (p50 / p95 / p99 over every response of ${r.duration} s), throughput at ${r.connections} connections (${r.duration} s).`,
    '',
  );
  L.push('| endpoint | role | p50 | p95 | p99 | p95 target | req/s | req/s target | 5xx | non-2xx | result |');
  L.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const m of r.endpoints) {
    const t = ENDPOINT_TARGETS[m.endpoint.key];
    const role = m.endpoint.role ?? '—';
    if (m.skipped) {
      L.push(
        `| ${m.endpoint.name} | ${role} | | | | ${t ? ms(t.p95Ms) : ''} | | ${t?.minRps ? `≥ ${t.minRps}` : ''} | | | skipped: ${m.skipped} |`,
      );
      continue;
    }
    const ok = t ? m.p95! <= t.p95Ms && m.rps! >= (t.minRps ?? 0) && m.status5xx === 0 : undefined;
    const note = m.probeStatus && (m.probeStatus < 200 || m.probeStatus >= 300) ? ` (answers ${m.probeStatus})` : '';
    L.push(
      `| ${m.endpoint.name} | ${role} | ${ms(m.p50)} | ${ms(m.p95)} | ${ms(m.p99)} | ${t ? ms(t.p95Ms) : ''} | ${m.rps!.toFixed(0)} | ${t?.minRps ? `≥ ${t.minRps}` : ''} | ${m.status5xx} | ${m.non2xx} | ${verdict(ok)}${note} |`,
    );
  }
  L.push('', '### Jobs and the process', '');
  L.push('| what | time | target | result |', '|---|---:|---:|---|');
  for (const j of r.jobs) {
    const failed = j.ms === undefined && j.note?.startsWith('failed');
    L.push(
      `| ${j.name} | ${j.ms === undefined ? (j.note ?? '—') : ms(j.ms)} | ${j.targetMs ? ms(j.targetMs) : ''} | ${failed ? '**FAIL**' : j.ms === undefined ? '' : verdict(j.targetMs ? j.ms <= j.targetMs : undefined)} |`,
    );
  }
  L.push(
    `| Server RSS, peak during the run | ${mb(r.rssPeak)} | ${mb(JOB_TARGETS.rssBytes)} | ${verdict(r.rssPeak > 0 ? r.rssPeak <= JOB_TARGETS.rssBytes : undefined)} |`,
  );
  if ('error' in r.web)
    L.push(`| Web app: gzipped JS of the sign-in page | ${r.web.error} | ${kb(JOB_TARGETS.webJsGzipBytes)} | — |`);
  else {
    L.push(
      `| Web app: gzipped JS of the sign-in page (${r.web.files.length} files, ${kb(r.web.bytes)} raw; CSS ${kb(r.web.css.gzip)} gz) | ${kb(r.web.gzip)} | ${kb(JOB_TARGETS.webJsGzipBytes)} | ${verdict(r.web.gzip <= JOB_TARGETS.webJsGzipBytes)} |`,
    );
  }
  L.push('', '### Endpoint against its SQL', '');
  L.push('The repo function the endpoint calls, run directly on a pg-backed Drizzle db, one at a time.', '');
  L.push(`| query | SQL p50 | endpoint p50 | ratio | target | result |`, '|---|---:|---:|---:|---:|---|');
  for (const d of r.direct) {
    const e = r.endpoints.find((m) => m.endpoint.key === d.endpointKey);
    if (d.skipped || d.p50 === undefined) {
      L.push(`| ${d.name} | skipped: ${d.skipped ?? 'no figure'} | | | | |`);
      continue;
    }
    const ratio = e?.p50 !== undefined && !e.skipped ? e.p50 / d.p50 : undefined;
    L.push(
      `| ${d.name} | ${ms(d.p50)} (${d.runs} runs) | ${e && !e.skipped ? ms(e.p50) : '—'} | ${ratio === undefined ? '—' : `${ratio.toFixed(2)}×`} | ` +
        `≤ ${JOB_TARGETS.maxSqlRatio}× | ${verdict(ratio === undefined ? undefined : ratio <= JOB_TARGETS.maxSqlRatio)} |`,
    );
  }
  L.push('');
  return L.join('\n');
}
