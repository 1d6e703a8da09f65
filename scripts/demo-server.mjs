// A throw-away server for the browser tests and the screenshots: the built server on a free port, a fresh embedded
// database with the demo company, and a private copy of the built web app; stopped by the PID of the node process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildWebIfStale, root, serverEntry, serverNodeOptions } from './builds.mjs';

export function freePort() {
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

function copyWeb(target) {
  fs.cpSync(path.join(root, 'web/dist'), target, { recursive: true });
  const html = fs.readFileSync(path.join(target, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].every((m) => fs.existsSync(path.join(target, m[1])));
}

/**
 * A private copy of web/dist for the server to serve (CRM_WEB_DIST): another build of web/dist meanwhile (someone
 * working in the same checkout) would otherwise swap the page's code files under the running browser. Answers the
 * folder; remove it when done.
 */
export function snapshotWeb(log = console.log) {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-web-'));
  if (!copyWeb(target)) {
    // copied in the middle of someone else's build: build again, then copy
    fs.rmSync(target, { recursive: true, force: true });
    fs.rmSync(path.join(root, 'web/dist'), { recursive: true, force: true });
    buildWebIfStale(log);
    fs.mkdirSync(target);
    copyWeb(target);
  }
  return target;
}

/**
 * Starts the built server (build it first) on a free port (or `port`) with a fresh database of the demo company,
 * serving `webDir`, with `env` added to its environment. Answers `{ baseUrl, serverLog, stop }`, or throws with the end of the server's log when it does not
 * become ready; `stop()` stops it and removes its data (and its log, unless `keepLog`).
 */
export async function startDemoServer(webDir, log = console.log, { port: givenPort, env = {} } = {}) {
  const port = givenPort ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  const serverLog = path.join(dataDir, '..', `${path.basename(dataDir)}.log`);
  const logStream = fs.openSync(serverLog, 'w');
  log(`starting the server on ${baseUrl} with a fresh database in ${dataDir}`);
  // Always the embedded database: a fresh one makes each run repeatable.
  const { DATABASE_URL: _db, SALES_DATABASE_URL: _sales, ...inherited } = process.env;
  const serverEnv = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CRM_DEMO: '1',
    CRM_WEB_DIST: webDir,
    ...env,
  };
  const server = spawn(process.execPath, [...serverNodeOptions(serverEnv), serverEntry], {
    cwd: root,
    env: serverEnv,
    stdio: ['ignore', logStream, logStream],
  });
  let stopped = false;
  const stop = async ({ keepLog = false } = {}) => {
    if (stopped) return;
    stopped = true;
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.closeSync(logStream);
    if (!keepLog) fs.rmSync(serverLog, { force: true });
  };
  if (!(await waitReady(baseUrl, server, 180_000))) {
    const tail = fs.readFileSync(serverLog, 'utf8').slice(-4000);
    await stop({ keepLog: true });
    throw new Error(`the server did not become ready; its log (${serverLog}):\n${tail}`);
  }
  return { baseUrl, serverLog, stop };
}
