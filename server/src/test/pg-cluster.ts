import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.ts';

const run = promisify(execFile);

/** Where Debian/Ubuntu's postgresql-15 package puts the binaries (CI installs it: `.ci/run`). */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export type Cluster = {
  /** The app's role on the app's database (owner, not a superuser). */
  url: string;
  /** The superuser on the same database, to look at the data directly. */
  superuserUrl: string;
  port: number;
  dir: string;
  /** `pg_ctl stop -m immediate`: every server process is killed at once, no checkpoint (like a power cut). */
  crash(): Promise<void>;
  /** Starts the stopped cluster again; PostgreSQL replays its WAL first. */
  start(): Promise<void>;
  /** Stops the cluster (if it runs) and removes its folder; safe to call more than once. */
  destroy(): void;
};

// initdb and pg_ctl refuse to run as root: CI runs as root, so they run as the OS user postgres there.
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

const live = new Set<() => void>();
/** Stops and removes every cluster this process started that is still there (a test file's `afterAll`). */
export const destroyClusters = () => [...live].forEach((destroy) => destroy());
// A last resort when the process ends normally without its clean-up: never leave a postmaster.
process.once('exit', destroyClusters);

/**
 * A throw-away PostgreSQL 15 cluster of its own (initdb into a temporary folder, own port and socket folder), for
 * tests that must stop the database server itself. `settings` are extra `-c name=value` server settings.
 */
export async function throwawayCluster(settings: Record<string, string> = {}): Promise<Cluster> {
  const initdb = path.join(PG_BIN, 'initdb');
  if (!fs.existsSync(initdb)) {
    throw new Error(
      `${initdb} is missing: install PostgreSQL 15 (apt-get install postgresql-15; .ci/run does) or set PG_BIN`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const pgCtl = (...args: string[]) => {
    const [cmd, argv] = asPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', data, ...args]);
    return run(cmd, argv, { timeout: 120_000 });
  };
  let removed = false;
  const destroy = () => {
    if (removed) return;
    removed = true;
    live.delete(destroy);
    try {
      const [cmd, argv] = asPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      execFileSync(cmd, argv, { stdio: 'ignore', timeout: 60_000 });
    } catch {
      // not running
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  live.add(destroy);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  const start = async () => {
    await pgCtl('-l', path.join(dir, 'log'), '-w', '-t', '120', '-o', options, 'start');
  };
  try {
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
    const [cmd, argv] = asPostgres(initdb, [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    await run(cmd, argv, { timeout: 120_000 });
    await start();
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query(`create role crm_app login password 'crm_app'`);
      await admin.query(`create database crm owner crm_app`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : '';
    destroy();
    throw new Error(`could not start a throw-away PostgreSQL: ${(error as Error).message}\n${log}`);
  }
  return {
    url: `postgres://crm_app:crm_app@127.0.0.1:${port}/crm`,
    superuserUrl: `postgres://postgres@127.0.0.1:${port}/crm`,
    port,
    dir,
    crash: async () => {
      await pgCtl('-m', 'immediate', 'stop');
    },
    start,
    destroy,
  };
}
