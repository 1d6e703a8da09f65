import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { serverNodeOptions } from '../../scripts/builds.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status), or 0 when unreadable. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export type Server = {
  url: string;
  pid: number;
  /** The highest RSS seen since the last `resetPeak()`, and over the whole run. */
  peak(): { sinceReset: number; overall: number };
  resetPeak(): void;
  stop(): Promise<void>;
  log(): string;
};

/**
 * The app exactly as production starts it (`node server/dist/main.mjs` with `serverNodeOptions`, built first when
 * stale) on the bench database (PostgreSQL, or an embedded folder), on a free port, warnings only. Its scheduled jobs
 * are pushed to 1 January so that none runs in the middle of a measurement.
 */
export async function startServer(database: { url: string } | { dataDir: string }): Promise<Server> {
  const port = await freePort();
  const built = spawnSync(process.execPath, ['scripts/builds.mjs', 'server'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('The server build failed');
  const env = {
    ...process.env,
    ...('url' in database ? { DATABASE_URL: database.url } : { DATABASE_URL: '', DATA_DIR: database.dataDir }),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // autocannon keeps sending on a connection the server asked to close (`Connection: close` after
    // CRM_MAX_REQUESTS_PER_SOCKET answers), and Node answers each of those 503: at scale L, with 10 s per measurement,
    // the fast endpoints pass 1,000 requests a connection. Browsers and HTTP clients open a new connection instead, so
    // the benchmark lifts the limit rather than count an artefact of its load tool as server errors.
    CRM_MAX_REQUESTS_PER_SOCKET: '0',
    // the jobs it times answer when they end — at scale XL minutes after the request (a sales refresh, the churn
    // check), longer than the server's default minute of silence on a connection
    CRM_SEND_TIMEOUT_MS: '1200000',
    CRM_DEMO: '0',
    CRM_SALES_REFRESH_CRON: '0 0 1 1 *',
    CRM_CHURN_CRON: '0 3 1 1 *',
  };
  const child: ChildProcess = spawn(process.execPath, [...serverNodeOptions(env), 'server/dist/main.mjs'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const pid = child.pid!;
  let overall = 0;
  let since = 0;
  const sampler = setInterval(() => {
    const rss = rssOf(pid);
    overall = Math.max(overall, rss);
    since = Math.max(since, rss);
  }, 100);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // a server that ends in the middle of a run says how (a signal: something outside the benchmark stopped it)
      output += `\n[server exited: code ${code}, signal ${signal}]\n`;
      resolve();
    }),
  );

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not become ready within 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid,
    peak: () => ({ sinceReset: since, overall }),
    resetPeak: () => {
      since = rssOf(pid);
    },
    log: () => output,
    stop: async () => {
      clearInterval(sampler);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
