// The two builds `npm start` (and the browser tests and the benchmark) run when their output is missing or older than
// its sources: the web app (Vite, web/dist) and the server (esbuild, server/dist).
//
// The server runs as one bundled JavaScript file rather than through the tsx loader: the loader keeps a worker
// thread with its own heap for the life of the process (about 50 MB of the server's memory) and compiles every file
// at each start. Only our own code (server, @crm/contracts) goes into the bundle; the npm packages stay outside, as
// installed. `node --import tsx server/src/main.ts` still works for development (`npm run dev`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What `node` runs in production. */
export const serverEntry = path.join(root, 'server/dist/main.mjs');

/**
 * `node`'s options for the server under `env` (docs/OPERATIONS.md#memory, docs/adr/0003). V8 collects the old
 * generation once it has grown by half over what the last collection kept (its default allows up to four times: at
 * scale L on PostgreSQL a live heap of about 50 MB grew to over 200 MB between collections, the server's peak RSS 361
 * MB, 231 MB with this). On the embedded database (no `DATABASE_URL`), which shares the process with PostgreSQL, the
 * heap is kept tighter still: by a quarter, and the young generation at 2 MB semi-spaces instead of 16 (V8 reads this
 * one only at start; on PostgreSQL it cost a quarter of the customer list's requests per second at scale L).
 */
export const serverNodeOptions = (env = process.env) =>
  env.DATABASE_URL ? ['--heap-growing-percent=50'] : ['--heap-growing-percent=25', '--max-semi-space-size=2'];

/** Newest modification time of the files under a folder (or of a file). */
function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let t = stat.mtimeMs;
  for (const name of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, name)));
  return t;
}

/**
 * What each build reads, relative to the repository. Both bundle or run installed packages, so both name npm's record
 * of the installation (rewritten by every `npm ci` and `npm install`): an upgrade within a caret range changes the
 * bundle, or the embedded database's PGlite, without changing any file of ours.
 */
const installed = 'node_modules/.package-lock.json';
export const webSources = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/portal.html',
  'web/vite.config.ts',
  'packages/contracts/src',
  installed,
];
export const serverSources = ['server/src', 'server/package.json', 'packages/contracts/src', installed];

/** True when `output` is missing or older than one of `sources` (paths under `base`). */
export const stale = (output, sources, base = root) =>
  !fs.existsSync(output) || Math.max(...sources.map((s) => newest(path.join(base, s)))) > fs.statSync(output).mtimeMs;

/** Builds web/dist when it is missing or older than its sources; false when the build failed. */
export function buildWebIfStale(log = console.log) {
  if (!stale(path.join(root, 'web/dist/index.html'), webSources)) return true;
  log('Building the web app (first start or changed sources)…');
  return spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' }).status === 0;
}

/**
 * Bundles server/src/main.ts into server/dist/main.mjs when it is missing or older than its sources, beside a copy
 * of the migrations (the migrator finds them next to its own file) and the migrated empty embedded database that a
 * first start copies (server/src/db/empty-database.ts). Written to a temporary folder first and swapped in, so that
 * a running server never sees half a build.
 */
export async function buildServerIfStale(log = console.log) {
  if (!stale(serverEntry, serverSources)) return;
  log('Building the server (first start or changed sources)…');
  const { build } = await import('esbuild');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'server/package.json'), 'utf8'));
  const packages = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    (name) => !name.startsWith('@crm/'),
  );
  const next = path.join(root, `server/dist.${process.pid}`);
  fs.rmSync(next, { recursive: true, force: true });
  await build({
    entryPoints: {
      main: path.join(root, 'server/src/main.ts'),
      'make-empty-database': path.join(root, 'server/src/db/make-empty-database.ts'),
    },
    outdir: next,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: packages,
    logLevel: 'warning',
  });
  fs.cpSync(path.join(root, 'server/src/db/migrations'), path.join(next, 'migrations'), { recursive: true });
  // the migrated empty embedded database, made in a process of its own (server/src/db/empty-database.ts)
  const made = spawnSync(process.execPath, [path.join(next, 'make-empty-database.mjs')], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error('The empty embedded database could not be made');
  const dist = path.join(root, 'server/dist');
  const old = `${dist}.old.${process.pid}`;
  if (fs.existsSync(dist)) fs.renameSync(dist, old);
  fs.renameSync(next, dist);
  fs.rmSync(old, { recursive: true, force: true });
}

// `node scripts/builds.mjs server`: the server build alone (the benchmark calls it so)
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'server') await buildServerIfStale();
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'web' && !buildWebIfStale())
  process.exit(1);
