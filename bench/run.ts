/**
 * The load benchmark: `npm run bench [-- --scale L --connections 16 --duration 10 --database-url URL | --pglite DIR]
 * [--docs] [--out FILE] [--only TEXT]`.
 *
 * Starts the server as production does on the bench database (see bench/data.ts), signs in as manager, director,
 * executive and a regional director (data scope: their region), and measures every key endpoint that exists (404 → skipped, with a note) with autocannon: latency
 * at 1 connection, throughput at N. Then the jobs (full and incremental refresh of the sales figures, the churn
 * check), the server's peak RSS, the repo queries run directly for comparison, and the web app's sign-in weight.
 * Writes bench/results/<date>-<scale>.md; at scale L (or with --docs) also docs/PERFORMANCE.md. `--only TEXT`: the
 * endpoints whose key or name contains TEXT (or one of several, `a|b`), printed and nothing else (no jobs, no
 * report): a quick look after a change;
 * `--only export`: the customer list's files (first byte, whole file, the server's memory growth).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config.ts';
import { openPglite, openPostgres, type Database } from '../server/src/db/client.ts';
import { refreshSalesFigures } from '../server/src/sales/figures.ts';
import { computeRisk } from '../server/src/sales/risk.ts';
import { createSalesSystem } from '../server/src/sales/system.ts';
import { benchDatabaseUrl, fmtMs, parseArgs } from './lib/args.ts';
import { directTimings, type SessionHashes } from './lib/direct.ts';
import { hashToken } from '../server/src/modules/access/index.ts';
import { endpoints, sampleData } from './lib/endpoints.ts';
import { call, signInRoles, timeDownload } from './lib/http.ts';
import { measure, type Endpoint, type Measured } from './lib/load.ts';
import { renderReport, type Job, type Load, type Machine } from './lib/report.ts';
import { ROOT, startServer } from './lib/server.ts';
import { JOB_TARGETS } from './lib/targets.ts';
import { measureWebSize, type WebSize } from './web-size.ts';

const RESULTS = path.join(ROOT, 'bench/results');
const DOC = path.join(ROOT, 'docs/PERFORMANCE.md');
const BEGIN = '<!-- bench:results:begin -->';
const END = '<!-- bench:results:end -->';

async function machine(q: (sql: string) => Promise<{ v: string }[]>): Promise<Machine> {
  const [pgv] = await q(`select version() as v`);
  return {
    cpus: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(0)} GB`,
    postgres: (pgv?.v ?? 'PostgreSQL ?').replace(/ on .*/, ''),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/** Puts the latest results into docs/PERFORMANCE.md between the markers, keeping the hand-written analysis. */
function writeDoc(section: string) {
  const block = `${BEGIN}\n${section}\n${END}`;
  const current = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '';
  const next =
    current.includes(BEGIN) && current.includes(END)
      ? current.slice(0, current.indexOf(BEGIN)) + block + current.slice(current.indexOf(END) + END.length)
      : `# Performance\n\nFigures of the load benchmark (\`bench/\`): \`npm run bench:data -- --scale L\` then \`npm run bench -- --scale L\`.\n\n${block}\n`;
  fs.writeFileSync(DOC, next);
}

type Jobs = {
  list: Job[];
  timed: (name: string, targetMs: number | undefined, work: () => Promise<unknown>) => Promise<void>;
};

function jobList(): Jobs {
  const list: Job[] = [];
  return {
    list,
    // a job that fails (e.g. the refresh's statement time-out) is reported as such; the run goes on
    timed: async (name, targetMs, work) => {
      const t0 = performance.now();
      try {
        await work();
      } catch (error) {
        const ms = performance.now() - t0;
        const note = `failed after ${fmtMs(ms)}: ${(error as Error).message.slice(0, 160)}`;
        list.push({ name, targetMs, note });
        console.log(`  ${name.padEnd(58)} ${note}`);
        return;
      }
      const ms = performance.now() - t0;
      list.push({ name, ms, targetMs });
      console.log(`  ${name.padEnd(58)} ${fmtMs(ms)}`);
    },
  };
}

/**
 * Before the server starts (an embedded folder admits one process at a time): the sample of records, the data's
 * size, the machine, the full refresh through the app's function, and the repo queries run directly.
 */
async function directPhase(
  target: { url: string } | { dataDir: string },
  durationS: number,
  jobs: Jobs,
  refresh = true,
) {
  const database =
    'url' in target
      ? openPostgres(target.url, { max: 2, applicationName: 'crm-bench' })
      : await openPglite(target.dataDir);
  try {
    const q = <R = Record<string, unknown>>(text: string, params?: unknown[]) => database.query<R>(text, params);
    const [{ n } = { n: 0 }] = await q<{ n: number }>(`select count(*)::int as n from customers`).catch(() => [
      { n: 0 },
    ]);
    if (!n)
      throw new Error('No bench data there: run npm run bench:data first (same --scale, --database-url or --pglite)');
    const sample = await sampleData(q);
    const counts = (
      await q<Record<string, number>>(
        `select (select count(*) from customers)::int as customers, (select count(*) from sales.orders)::int as orders,
              (select count(*) from sales.order_lines)::int as "order lines", (select count(*) from opportunities)::int as opportunities,
              (select count(*) from services)::int as services, (select count(*) from churn_warnings)::int as "churn warnings"`,
      )
    )[0]!;
    const info = await machine((text) => q<{ v: string }>(text));
    const config = loadConfig({
      DATABASE_URL: 'url' in target ? target.url : undefined,
      DATA_DIR: 'dataDir' in target ? target.dataDir : undefined,
      LOG_LEVEL: 'warn',
    });
    const sales = createSalesSystem(config, database);
    try {
      if (!refresh) return { sample, counts, info, direct: [] };
      const deps = { config, database, db: database.db, sales };
      await jobs.timed('Sales figures: full refresh (refreshSalesFigures full)', JOB_TARGETS.fullRefreshMs, () =>
        refreshSalesFigures(deps, 'full'),
      );
      // what the scheduled job (every 10 minutes) and the churn check run: the orders from the cut on, and new ones
      await jobs.timed(
        'Sales figures: incremental refresh (refreshSalesFigures incremental, as scheduled)',
        JOB_TARGETS.incrementalRefreshMs,
        () => refreshSalesFigures(deps, 'incremental'),
      );
      // docs/churn-risk.md#the-figures, rule 3: the part of both refreshes above that scores every customer
      await jobs.timed(
        'Churn risk: scoring every customer (computeRisk, inside each refresh)',
        JOB_TARGETS.riskMs,
        () => database.db.transaction((tx) => computeRisk(tx, new Date(), config.churnMonths)),
      );
    } finally {
      await sales.close();
    }
    // PGlite admits one process: its direct timings run here; on PostgreSQL after the endpoints (same warm cache)
    const direct = 'url' in target ? [] : await timeDirect(database, durationS, sample.year);
    return { sample, counts, info, direct };
  } finally {
    await database.close();
  }
}

async function timeDirect(database: Database, durationS: number, year: number, sessions?: SessionHashes) {
  const direct = await directTimings(database, durationS, year, sessions);
  for (const d of direct)
    console.log(`  ${d.name.padEnd(58)} ${d.skipped ? `skipped: ${d.skipped}` : `SQL p50 ${fmtMs(d.p50!)}`}`);
  return direct;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const scale = (args.get('scale') ?? 'S').toUpperCase();
  const connections = Number(args.get('connections') ?? 16);
  const duration = Number(args.get('duration') ?? 10);
  const pgliteDir = args.get('pglite');
  const target = pgliteDir ? { dataDir: path.resolve(pgliteDir) } : { url: benchDatabaseUrl(args).url };
  const label = pgliteDir ? `${scale}-pglite` : scale;

  console.log(
    `bench scale ${scale} on ${pgliteDir ? `PGlite (${target.dataDir})` : 'PostgreSQL'}: ${connections} connections, ${duration} s per measurement`,
  );
  const jobs = jobList();
  const only = args.get('only');
  const { sample, counts, info, direct } = await directPhase(target, Math.max(0.5, duration / 2), jobs, !only);

  const server = await startServer(target);
  try {
    const cookies = await signInRoles(server.url);
    // The start-up refresh runs in the background; this waits for it (the refresh lock) so nothing runs beside us.
    const settle = await call(server.url, cookies.director, 'POST', '/api/v1/sales/refresh');
    console.log(`  start-up refresh settled (${settle.status}) in ${fmtMs(settle.ms)}`);

    const measured: Measured[] = [];
    const picked = (e: Endpoint) => only!.split('|').some((part) => e.key.includes(part) || e.name.includes(part));
    for (const e of endpoints(sample).filter((e) => !only || picked(e))) {
      const m = await measure(server, e, e.role ? cookies[e.role] : null, { connections, duration });
      measured.push(m);
      console.log(
        m.skipped
          ? `  ${e.name.padEnd(44)} skipped: ${m.skipped}`
          : `  ${e.name.padEnd(44)} p50 ${fmtMs(m.p50!).padStart(8)} p95 ${fmtMs(m.p95!).padStart(8)} p99 ${fmtMs(m.p99!).padStart(8)}  ${m.rps!.toFixed(0).padStart(6)} req/s @${connections}  5xx ${m.status5xx} non-2xx ${m.non2xx}`,
      );
    }

    // issue 18: the customer list's file, every customer — its first bytes ≤ 1 s, the server's memory ≤ 50 MB more
    const measureExports = async () => {
      for (const format of ['csv', 'xlsx'] as const) {
        const name = `Customer export, ${format.toUpperCase()} (GET /customers?format=${format}, director: all)`;
        server.resetPeak();
        const before = server.peak().sinceReset;
        try {
          const d = await timeDownload(server.url, cookies.director, `/api/v1/customers?format=${format}`);
          const growth = (server.peak().sinceReset - before) / 1048576;
          jobs.list.push({ name: `${name}: first byte`, ms: d.firstByteMs, targetMs: 1_000 });
          const note = `whole file ${fmtMs(d.totalMs)}, ${(d.bytes / 1048576).toFixed(1)} MB; server RSS +${growth.toFixed(0)} MB (target ≤ 50 MB)`;
          jobs.list.push({ name: `${name}: whole file`, ms: d.totalMs, note });
          console.log(`  ${name.padEnd(58)} first byte ${fmtMs(d.firstByteMs)}, ${note}`);
        } catch (error) {
          jobs.list.push({ name, note: `failed: ${(error as Error).message.slice(0, 160)}` });
        }
      }
    };

    if (only) {
      if (only === 'export') await measureExports();
      console.log(`  server RSS, peak during the run: ${(server.peak().overall / 1048576).toFixed(0)} MB`);
      return;
    }

    const api = (path: string) => async () => {
      const a = await call(server.url, cookies.director, 'POST', path);
      if (a.status !== 200) throw new Error(`POST ${path} answered ${a.status}: ${JSON.stringify(a.body)}`);
      return a.body;
    };
    await jobs.timed(
      'Sales figures: refresh on request (POST /sales/refresh: full)',
      JOB_TARGETS.fullRefreshMs,
      api('/api/v1/sales/refresh'),
    );
    const probe = await call(server.url, cookies.director, 'GET', '/api/v1/churn-warnings/last-scan');
    if (probe.status === 404) jobs.list.push({ name: 'Churn check over all customers', note: 'skipped: answers 404' });
    else {
      await jobs.timed(
        'Churn check, first run (POST /churn-warnings/scan)',
        JOB_TARGETS.churnScanMs,
        api('/api/v1/churn-warnings/scan'),
      );
      await jobs.timed(
        'Churn check, again (nothing new to warn)',
        JOB_TARGETS.churnScanMs,
        api('/api/v1/churn-warnings/scan'),
      );
    }

    await measureExports();

    if (target.url) {
      const database = openPostgres(target.url, { max: 2, applicationName: 'crm-bench' });
      try {
        const hash = (cookie: string) => hashToken(cookie.replace(/^.*crm_session=([^;]+).*$/, '$1'));
        const sessions = { manager: hash(cookies.manager), executive: hash(cookies.executive) };
        direct.push(...(await timeDirect(database, Math.max(0.5, duration / 2), sample.year, sessions)));
      } finally {
        await database.close();
      }
    }

    const rssPeak = server.peak().overall;
    console.log(`  server RSS peak ${(rssPeak / 1024 / 1024).toFixed(0)} MB`);
    let web: WebSize | { error: string };
    try {
      web = measureWebSize();
    } catch (error) {
      web = { error: `no web build (${(error as Error).message.split('\n')[0]}); run npm run build` };
    }

    const loadFile = path.join(RESULTS, `load-${label}.json`);
    const load: Load = fs.existsSync(loadFile) ? JSON.parse(fs.readFileSync(loadFile, 'utf8')) : null;
    const at = new Date();
    const section = renderReport({
      scale: label,
      at,
      machine: info,
      connections,
      duration,
      counts,
      load,
      endpoints: measured,
      jobs: jobs.list,
      rssPeak,
      direct,
      web,
    });
    fs.mkdirSync(RESULTS, { recursive: true });
    const out = args.get('out') ?? path.join(RESULTS, `${at.toISOString().slice(0, 10)}-${label}.md`);
    fs.writeFileSync(out, `# Benchmark results\n\n${section}`);
    console.log(`  written to ${path.relative(ROOT, out)}`);
    if (label === 'L' || args.has('docs')) {
      writeDoc(section);
      console.log(`  and to ${path.relative(ROOT, DOC)}`);
    }
    const failures = measured.filter((m) => m.status5xx > 0 || m.errors > 0);
    if (failures.length) {
      console.error(`  5xx or connection errors at: ${failures.map((m) => m.endpoint.name).join(', ')}`);
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(server.log());
    throw error;
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
