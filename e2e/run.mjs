// Runs the browser journeys: builds the web app when needed, then twice — at a desktop's size and at a phone's
// (E2E_VIEWPORT) — starts the server on a free port with a fresh database (demo data), runs e2e/**/*.e2e.ts with vitest
// in Debian's Chromium, and stops the server and removes its data.
// Usage: npm run e2e [-- <vitest filters>]; E2E_VIEWPORTS=desktop (or phone) for one pass only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildServerIfStale, buildWebIfStale, root, serverEntry } from '../scripts/builds.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const log = (msg) => console.log(`[e2e] ${msg}`);

if (!fs.existsSync(chromium)) {
  console.error(
    `[e2e] Chromium is missing at ${chromium}. The browser tests use Debian's Chromium; install it with\n` +
      '        sudo apt-get install chromium\n' +
      '      (or set CHROMIUM_PATH to another Chromium binary). Do not run `npx playwright install`.',
  );
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url, server, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) return false;
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** Stops the server by the PID of the node process itself (SIGTERM: it shuts down cleanly), SIGKILL if it hangs. */
async function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  process.kill(server.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (server.exitCode === null) process.kill(server.pid, 'SIGKILL');
  }, 20_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The server serves a private copy of web/dist (CRM_WEB_DIST): another build of web/dist during the run (someone
 * working in the same checkout) would otherwise swap the page's code files under the running browser.
 */
function snapshotWeb(target) {
  fs.cpSync(path.join(root, 'web/dist'), target, { recursive: true });
  const html = fs.readFileSync(path.join(target, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].every((m) => fs.existsSync(path.join(target, m[1])));
}

if (!buildWebIfStale(log)) {
  console.error('[e2e] the web build failed');
  process.exit(1);
}
await buildServerIfStale(log);

const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-web-'));
if (!snapshotWeb(webDir)) {
  // copied in the middle of someone else's build: build again, then copy
  fs.rmSync(webDir, { recursive: true, force: true });
  fs.rmSync(path.join(root, 'web/dist'), { recursive: true, force: true });
  buildWebIfStale(log);
  snapshotWeb(webDir);
}

/**
 * One pass of the journeys at one screen size (E2E_VIEWPORT, read by e2e/browser.ts), against its own server on a
 * fresh database: the journeys change data, and the second pass must find what the first one found.
 */
async function runAt(viewport) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  const serverLog = path.join(dataDir, '..', `${path.basename(dataDir)}.log`);
  const logStream = fs.openSync(serverLog, 'w');
  log(`${viewport}: starting the server on ${baseUrl} with a fresh database in ${dataDir}`);
  // Always the embedded database: the journeys change data, and a fresh one makes them repeatable.
  const { DATABASE_URL: _db, SALES_DATABASE_URL: _sales, ...inherited } = process.env;
  const server = spawn(process.execPath, [serverEntry], {
    cwd: root,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CRM_DEMO: '1',
      CRM_WEB_DIST: webDir,
    },
    stdio: ['ignore', logStream, logStream],
  });
  const cleanUp = async () => {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.closeSync(logStream);
  };
  stopCurrent = cleanUp;

  let code = 1;
  try {
    if (!(await waitReady(baseUrl, server, 180_000))) {
      console.error(
        `[e2e] the server did not become ready; its log (${serverLog}):\n${fs.readFileSync(serverLog, 'utf8').slice(-4000)}`,
      );
    } else {
      log(`${viewport}: server ready; running the journeys`);
      const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
      const tests = spawn(
        process.execPath,
        [
          vitest,
          'run',
          '--config',
          'e2e/vitest.config.ts',
          `--outputFile.json=test-results/e2e-${viewport}.json`,
          ...process.argv.slice(2),
        ],
        {
          cwd: root,
          env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium, E2E_VIEWPORT: viewport },
          stdio: 'inherit',
        },
      );
      code = await new Promise((resolve) => tests.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
    }
  } finally {
    stopCurrent = undefined;
    await cleanUp();
  }
  if (code === 0) fs.rmSync(serverLog, { force: true });
  else log(`${viewport}: failed; the server's log is in ${serverLog}`);
  return code;
}

let stopCurrent;
const stopAll = async () => {
  await stopCurrent?.();
  fs.rmSync(webDir, { recursive: true, force: true });
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));

// E2E_VIEWPORTS=phone (or desktop) runs one pass only, e.g. while working on one screen size.
const viewports = (process.env.E2E_VIEWPORTS ?? 'desktop,phone').split(',').filter(Boolean);
const unknown = viewports.filter((v) => v !== 'desktop' && v !== 'phone');
if (unknown.length) {
  console.error(`[e2e] unknown E2E_VIEWPORTS ${unknown.join(', ')}: use desktop, phone or both`);
  process.exit(1);
}
const codes = [];
for (const viewport of viewports) {
  const started = Date.now();
  codes.push(await runAt(viewport));
  log(`${viewport}: finished in ${Math.round((Date.now() - started) / 1000)} s`);
}
fs.rmSync(webDir, { recursive: true, force: true });
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
