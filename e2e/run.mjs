// Runs the browser journeys: builds the web app and the server when needed, then twice — at a desktop's size and at a
// phone's (E2E_VIEWPORT) — starts the server on a free port with a fresh database (demo data), runs e2e/**/*.e2e.ts
// with vitest in Debian's Chromium, and stops the server and removes its data.
// Usage: npm run e2e [-- <vitest filters>]; E2E_VIEWPORTS=desktop (or phone) for one pass only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildServerIfStale, buildWebIfStale, root } from '../scripts/builds.mjs';
import { freePort, snapshotWeb, startDemoServer } from '../scripts/demo-server.mjs';
import { startOidcProvider } from '../scripts/oidc-test-provider.mjs';

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

// E2E_VIEWPORTS=phone (or desktop) runs one pass only, e.g. while working on one screen size.
const viewports = (process.env.E2E_VIEWPORTS ?? 'desktop,phone').split(',').filter(Boolean);
const unknown = viewports.filter((v) => v !== 'desktop' && v !== 'phone');
if (unknown.length) {
  console.error(`[e2e] unknown E2E_VIEWPORTS ${unknown.join(', ')}: use desktop, phone or both`);
  process.exit(1);
}

if (!buildWebIfStale(log)) {
  console.error('[e2e] the web build failed');
  process.exit(1);
}
await buildServerIfStale(log);
const webDir = snapshotWeb(log);

let current;
const stopAll = async () => {
  await current?.stop({ keepLog: true });
  fs.rmSync(webDir, { recursive: true, force: true });
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));

/**
 * One pass of the journeys at one screen size (E2E_VIEWPORT, read by e2e/browser.ts), against its own server on a
 * fresh database: the journeys change data, and the second pass must find what the first one found.
 */
async function runAt(viewport) {
  // single sign-on through a real OpenID Connect provider on 127.0.0.1 (e2e/sso.e2e.ts): it signs in manager1
  const port = await freePort();
  const idp = await startOidcProvider(`http://127.0.0.1:${port}/api/v1/auth/oidc/callback`);
  try {
    current = await startDemoServer(webDir, (msg) => log(`${viewport}: ${msg}`), {
      port,
      env: {
        CRM_OIDC_ISSUER: idp.issuer,
        CRM_OIDC_CLIENT_ID: 'crm',
        CRM_OIDC_CLIENT_SECRET: 'crm-test-secret',
        CRM_PUBLIC_URL: `http://127.0.0.1:${port}`,
        // e2e/webhooks.e2e.ts registers a receiver it starts on 127.0.0.1 (docs/webhooks.md#the-address-guard)
        CRM_WEBHOOK_ALLOW_PRIVATE: '1',
      },
    });
  } catch (e) {
    console.error(`[e2e] ${viewport}: ${e.message}`);
    await idp.close();
    return 1;
  }
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
      env: { ...process.env, E2E_BASE_URL: current.baseUrl, CHROMIUM_PATH: chromium, E2E_VIEWPORT: viewport },
      stdio: 'inherit',
    },
  );
  const code = await new Promise((resolve) => tests.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  await current.stop({ keepLog: code !== 0 });
  await idp.close();
  if (code !== 0) log(`${viewport}: failed; the server's log is in ${current.serverLog}`);
  current = undefined;
  return code;
}

const codes = [];
for (const viewport of viewports) {
  const started = Date.now();
  codes.push(await runAt(viewport));
  log(`${viewport}: finished in ${Math.round((Date.now() - started) / 1000)} s`);
}
fs.rmSync(webDir, { recursive: true, force: true });
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
