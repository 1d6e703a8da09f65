import type { Kind } from './soak-mix.ts';

export type Sample = { t: number; rss: number };
export type Result = { key: string; kind: Kind | 'scan'; status: number; ms: number };

export type Soak = {
  at: Date;
  database: string;
  minutes: number;
  connections: number;
  elapsedMs: number;
  results: Result[];
  /** Requests that got no answer at all (connection refused or reset). */
  networkErrors: number;
  rss: Sample[];
  scan: { status: number; ms: number; body: unknown } | null;
  postgres: string;
};

export const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;

const fmt = (v: number) =>
  Number.isNaN(v) ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);

/**
 * RSS windows: a minute each in a run of 3 minutes or more, else a fifth of the run (the CI smoke). "Keeps growing"
 * means the last window's average is more than 20% above the second's (the first holds the warm-up); judged only in
 * runs of 3 minutes or more.
 */
export function rssWindows(rss: Sample[], elapsedMs: number) {
  const width = elapsedMs >= 180_000 ? 60_000 : Math.max(1000, elapsedMs / 5);
  const windows: { from: number; min: number; avg: number; max: number }[] = [];
  for (let from = 0; from < elapsedMs; from += width) {
    const xs = rss.filter((s) => s.t >= from && s.t < from + width).map((s) => s.rss);
    if (xs.length) windows.push({ from, min: Math.min(...xs), avg: avg(xs), max: Math.max(...xs) });
  }
  // a last window of a few seconds says little: it joins the one before
  const last = windows.at(-1);
  if (windows.length > 3 && last && elapsedMs - last.from < width / 2) windows.pop();
  const second = windows[1];
  const end = windows.at(-1);
  const growth = second && end && windows.length >= 3 ? end.avg / second.avg - 1 : 0;
  // a run of seconds (the CI smoke) is all warm-up: its growth is shown, not judged
  const judged = elapsedMs >= 180_000;
  return { width, windows, growth, judged, growing: judged && growth > 0.2 };
}

export function verdict(s: Soak) {
  const fiveXX = s.results.filter((r) => r.status >= 500).length;
  // every request the soak sends is valid for its user: any other refusal is a finding too
  const unexpected = s.results.filter((r) => r.status < 500 && (r.status < 200 || r.status > 299)).length;
  const { growing, growth } = rssWindows(s.rss, s.elapsedMs);
  const problems = [
    fiveXX && `${fiveXX} answers 5xx`,
    s.networkErrors && `${s.networkErrors} requests without an answer`,
    unexpected && `${unexpected} answers neither 2xx nor 5xx`,
    growing && `RSS keeps growing: last window ${(growth * 100).toFixed(0)}% above the second`,
    (!s.scan || s.scan.status !== 200) && `the churn scan answered ${s.scan?.status ?? 'nothing'}`,
  ].filter(Boolean) as string[];
  return { ok: problems.length === 0, problems, fiveXX };
}

export function renderSoak(s: Soak): string {
  const L: string[] = [];
  const v = verdict(s);
  const all = s.results.filter((r) => r.kind !== 'scan');
  const secs = s.elapsedMs / 1000;
  L.push(`# Soak — ${s.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
  L.push(
    `\`npm run soak -- --minutes ${s.minutes}\`: ${s.connections} clients without pause for ${secs.toFixed(0)} s against the server on ${s.postgres} (${s.database}); ` +
      `70% lists and searches, 20% detail reads, 10% writes, a churn scan (\`POST /api/v1/churn-warnings/scan\`, director) started half way. ` +
      `Server, database and load generator on the same machine.`,
    '',
  );
  const memory = rssWindows(s.rss, s.elapsedMs).judged ? ', memory stable' : '';
  L.push(`**Result: ${v.ok ? 'pass' : 'FAIL'}**${v.ok ? ` — no 5xx${memory}` : ` — ${v.problems.join('; ')}`}.`, '');
  L.push('| work | requests | req/s | p50 | p95 | p99 | max |', '|---|---:|---:|---:|---:|---:|---:|');
  const row = (name: string, rs: Result[]) => {
    const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
    L.push(
      `| ${name} | ${rs.length} | ${(rs.length / secs).toFixed(1)} | ${fmt(quantile(ms, 0.5))} | ${fmt(quantile(ms, 0.95))} | ${fmt(quantile(ms, 0.99))} | ${fmt(ms.at(-1) ?? NaN)} |`,
    );
  };
  row('all', all);
  for (const kind of ['list', 'detail', 'write'] as const)
    row(
      kind === 'list' ? 'lists and searches' : kind === 'detail' ? 'detail reads' : 'writes',
      all.filter((r) => r.kind === kind),
    );
  L.push('');
  const statuses = new Map<number, number>();
  for (const r of s.results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  L.push(
    `Statuses: ${[...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([st, n]) => `${st} × ${n}`)
      .join(', ')}; without an answer: ${s.networkErrors}.`,
    '',
  );
  L.push(
    s.scan
      ? `Churn scan: ${s.scan.status} in ${fmt(s.scan.ms)} — \`${JSON.stringify(s.scan.body).slice(0, 120)}\`.`
      : 'Churn scan: not started.',
    '',
  );
  const w = rssWindows(s.rss, s.elapsedMs);
  L.push(
    `Server RSS (VmRSS, sampled every second), per ${w.width >= 60_000 ? 'minute' : `${(w.width / 1000).toFixed(0)} s`}:`,
    '',
  );
  L.push('| from | min | average | max |', '|---|---:|---:|---:|');
  for (const x of w.windows) L.push(`| ${(x.from / 1000).toFixed(0)} s | ${mb(x.min)} | ${mb(x.avg)} | ${mb(x.max)} |`);
  L.push(
    '',
    `Last window's average against the second's: ${w.growth >= 0 ? '+' : ''}${(w.growth * 100).toFixed(1)}% (${w.judged ? 'fails above +20%' : 'not judged: a run under 3 minutes is warm-up'}).`,
    '',
  );
  const keys = [...new Set(all.map((r) => r.key))].sort();
  L.push(
    '<details><summary>Per operation</summary>',
    '',
    '| operation | requests | p50 | p95 | non-2xx |',
    '|---|---:|---:|---:|---:|',
  );
  for (const k of keys) {
    const rs = all.filter((r) => r.key === k);
    const ms = rs.map((r) => r.ms).sort((a, b) => a - b);
    L.push(
      `| ${k} | ${rs.length} | ${fmt(quantile(ms, 0.5))} | ${fmt(quantile(ms, 0.95))} | ${rs.filter((r) => r.status > 299).length} |`,
    );
  }
  L.push('', '</details>', '');
  return L.join('\n');
}
