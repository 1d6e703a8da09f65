/**
 * The soak (issue 9, item 9): `npm run soak -- [--minutes 5] [--connections 8] [--scale S | --database-url URL]
 * [--admin-url URL] [--keep] [--out FILE]`.
 *
 * Minutes of mixed load against the real server (a child process, as production starts it) on PostgreSQL: 70% lists
 * and searches, 20% detail reads, 10% writes (contacts, interaction records, opportunities, services, as the manager
 * who may write them), with a churn scan started half way. The server's RSS is sampled every second. Fails (exit 1)
 * on any 5xx, any request without an answer, any other refusal, a failed scan, or RSS that keeps growing. Writes a
 * Markdown report to bench/results/soak-<date>.md (or --out).
 *
 * The database: `--database-url` uses one as it is (e.g. filled by `npm run bench:data -- --scale S --database-url
 * URL`); otherwise a fresh `crm_soak_<random>` is created on the server of --admin-url (default SOAK_ADMIN_URL,
 * TEST_DATABASE_URL, BENCH_DATABASE_URL, then postgres://postgres@127.0.0.1:55432/postgres), filled by bench:data at
 * `--scale`, or else with the demo company (CRM_DEMO=1), and dropped at the end unless --keep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../server/src/db/seed/users.ts';
import { freePort, startServer, waitReady } from '../server/src/test/server-process.ts';
import { DEFAULT_ADMIN_URL, parseArgs } from './lib/args.ts';
import { ROOT, rssOf } from './lib/server.ts';
import { choose, operations, run, sample, signInAll } from './lib/soak-mix.ts';
import { renderSoak, verdict, type Result, type Sample, type Soak } from './lib/soak-report.ts';

const args = parseArgs(process.argv.slice(2));
const minutes = Number(args.get('minutes') ?? 5);
const connections = Number(args.get('connections') ?? 8);
if (!(minutes > 0) || !(connections >= 1)) throw new Error('--minutes and --connections must be positive numbers');
const at = new Date();
const out = args.get('out') ?? path.join(ROOT, 'bench/results', `soak-${at.toISOString().slice(0, 10)}.md`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sql(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

// What has to be undone, however the run ends (a failure, Ctrl-C).
let server: ReturnType<typeof startServer> | undefined;
let filler: ChildProcess | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let cleaned: Promise<void> | undefined;
const cleanup = () =>
  (cleaned ??= (async () => {
    filler?.kill('SIGKILL');
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server!.child.kill('SIGKILL'), 10_000);
      await server.exited;
      clearTimeout(timer);
    }
    await dropDatabase?.().catch((e: Error) => console.error(`could not drop the soak database: ${e.message}`));
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));

/** The database to soak: given, or a fresh one filled with bench data or the demo company. */
async function prepareDatabase(): Promise<{ url: string; label: string; demo: boolean }> {
  const given = args.get('database-url');
  if (given) return { url: given, label: `given database ${new URL(given).pathname.slice(1)}`, demo: false };
  const adminUrl =
    args.get('admin-url') ??
    process.env.SOAK_ADMIN_URL ??
    process.env.TEST_DATABASE_URL ??
    process.env.BENCH_DATABASE_URL ??
    DEFAULT_ADMIN_URL;
  const name = `crm_soak_${randomBytes(4).toString('hex')}`;
  await sql(adminUrl, `create database ${name}`);
  if (args.get('keep') !== 'true')
    dropDatabase = () => sql(adminUrl, `drop database if exists ${name} with (force)`).then(() => undefined);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const scale = args.get('scale');
  if (!scale) return { url, label: `${name}, the demo company`, demo: true };
  console.log(`soak: filling ${name} with bench data at scale ${scale}`);
  filler = spawn(process.execPath, ['--import', 'tsx', 'bench/data.ts', '--scale', scale, '--database-url', url], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve) => filler!.once('exit', resolve));
  if (code !== 0) throw new Error(`bench:data failed (${code})`);
  return { url, label: `${name}, bench data at scale ${scale.toUpperCase()}`, demo: false };
}

async function main() {
  const db = await prepareDatabase();
  const version = ((await sql(db.url, `select version() as v`)) as { v: string }[])[0]!.v;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = startServer(port, {
    DATABASE_URL: db.url,
    CRM_DEMO: db.demo ? '1' : '0',
    // no scheduled job in the middle: the scan this soak starts is the one it measures
    CRM_CHURN_CRON: '0 3 1 1 *',
    CRM_SALES_REFRESH_CRON: '0 0 1 1 *',
  });
  await waitReady(port).catch((e: Error) => {
    throw new Error(`${e.message}\n${server!.output()}`);
  });
  const sessions = await signInAll(base, DEMO_PASSWORD);
  const ops = operations(await sample(base, sessions));

  const pid = server.child.pid!;
  const results: Result[] = [];
  const rss: Sample[] = [];
  let networkErrors = 0;
  let scan: Soak['scan'] = null;
  const durationMs = minutes * 60_000;
  console.log(`soak: ${connections} clients for ${minutes} min against ${base} (server pid ${pid}) on ${db.label}`);
  const t0 = performance.now();
  const sampler = setInterval(() => rss.push({ t: performance.now() - t0, rss: rssOf(pid) }), 1000);
  const progress = setInterval(() => {
    const n = results.length;
    const bad = results.filter((r) => r.status >= 500).length;
    console.log(
      `  ${((performance.now() - t0) / 1000).toFixed(0)} s: ${n} requests, ${bad} 5xx, RSS ${(rssOf(pid) / 2 ** 20).toFixed(0)} MB`,
    );
  }, 30_000);
  const scanDone = sleep(durationMs / 2).then(async () => {
    const s0 = performance.now();
    try {
      const a = await run(base, sessions, {
        key: 'churn.scan',
        kind: 'write',
        role: 'director',
        method: 'POST',
        path: () => '/api/v1/churn-warnings/scan',
      });
      scan = { status: a.status, ms: a.ms, body: a.body };
      results.push({ key: 'churn.scan', kind: 'scan', status: a.status, ms: a.ms });
    } catch (e) {
      networkErrors++;
      scan = { status: 0, ms: performance.now() - s0, body: (e as Error).message };
    }
  });
  const worker = async () => {
    while (performance.now() - t0 < durationMs) {
      const op = choose(ops);
      try {
        const a = await run(base, sessions, op);
        results.push({ key: op.key, kind: op.kind, status: a.status, ms: a.ms });
        if (a.status >= 500 && results.filter((r) => r.status >= 500).length <= 3) {
          console.error(`  ${op.method} ${op.key} answered ${a.status}: ${JSON.stringify(a.body).slice(0, 200)}`);
        }
      } catch {
        networkErrors++;
        await sleep(100);
      }
    }
  };
  await Promise.all([...Array.from({ length: connections }, worker), scanDone]);
  const elapsedMs = performance.now() - t0;
  clearInterval(sampler);
  clearInterval(progress);

  const soak: Soak = {
    at,
    database: db.label,
    minutes,
    connections,
    elapsedMs,
    results,
    networkErrors,
    rss,
    scan,
    postgres: version.replace(/ on .*/, ''),
  };
  const report = renderSoak(soak);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, report);
  console.log(`\n${report}\nwritten to ${path.relative(ROOT, out)}`);
  const result = verdict(soak);
  if (!result.ok) {
    console.error(
      `soak FAILED: ${result.problems.join('; ')}\n--- server output (last 3000 characters) ---\n${server.output().slice(-3000)}`,
    );
    process.exitCode = 1;
  }
}

main()
  .catch((error: Error) => {
    console.error(`soak FAILED: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
