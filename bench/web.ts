/**
 * Page loads in Chromium (issue 23, item 3): `npm run bench:web [-- --runs 7 --database-url URL --json --waterfall]`.
 *
 * Starts the server as production does (bench/lib/server.ts) on the bench database (scale L: bench/data.ts), waits
 * for its start-up refresh to settle, and loads, as the director (销售主管: customers and reports), the sign-in
 * page, the workbench, the customer list, a customer's overview and the contribution report, each measured as
 * bench/lib/page-timing.ts defines (time to content, time to interactive):
 *
 * - **cold**: a fresh browser context (empty cache, the session cookie set), one full load;
 * - **warm**: one context, the page loaded once, then full loads again (scripts from the cache, no query cache);
 * - **in-app**: after a full load of the sign-in page, signing in to the workbench, then client-side route changes
 *   to the customer list, the customer's overview and the contribution report, each from the page before.
 *
 * `--runs N` repetitions of each (median and p95), `--json` prints the figures as JSON, `--waterfall` prints the
 * requests of one warm load of each page (start and end from navigation start) — where a full load's time goes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../server/src/db/seed/users.ts';
import { launchBrowser } from '../e2e/chromium.ts';
import { benchDatabaseUrl, parseArgs } from './lib/args.ts';
import { call, signIn } from './lib/http.ts';
import { percentile } from './lib/load.ts';
import { instrumentScript, interactiveAt, type Ready, type Shown } from './lib/page-timing.ts';
import { ROOT, startServer, type Server } from './lib/server.ts';

const USER = 'director';
const TARGETS = { warmMs: 500, coldMs: 1500, inAppMs: 150 };
type Mode = 'cold' | 'warm' | 'inApp';
type PageDef = Ready & { key: string; name: string; signedIn: boolean };
type Sample = { content: number; interactive: number };

function pagesOf(customerId: number): PageDef[] {
  return [
    { key: 'signIn', name: 'Sign-in page', path: '/login', ready: 'input[autocomplete="username"]', signedIn: false },
    {
      key: 'workbench',
      name: 'Workbench',
      path: '/',
      ready: '[data-testid="workbench-figures"] .ant-statistic-content',
      signedIn: true,
    },
    {
      key: 'customers',
      name: 'Customer list',
      path: '/customers',
      ready: '.ant-table-row',
      title: '客户信息管理',
      signedIn: true,
    },
    {
      key: 'customer',
      name: 'Customer overview',
      path: `/customers/${customerId}`,
      ready: '.overview-figure',
      signedIn: true,
    },
    {
      key: 'contribution',
      name: 'Contribution report',
      path: '/reports/contribution',
      ready: '.ant-table-row',
      title: '客户贡献分析',
      signedIn: true,
    },
  ];
}

/** CPU ticks (user + system) of a process, from /proc/<pid>/stat. */
function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The server's start-up refresh of the sales figures runs in the background: wait until it uses no CPU for 2 s. */
async function settled(server: Server, maxMs = 180_000) {
  const t0 = Date.now();
  let quiet = 0;
  let last = cpuTicks(server.pid);
  while (quiet < 4 && Date.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuTicks(server.pid);
    quiet = now - last <= 2 ? quiet + 1 : 0;
    last = now;
  }
}

/** Waits for the page's instrumentation to see content, then for the quiet window that makes it interactive. */
async function finish(page: Page, shown: Shown, start = 0): Promise<Sample> {
  const give = Date.now() + 15_000;
  for (;;) {
    const { longTasks, now } = (await page.evaluate(
      '({ longTasks: window.__bench.longTasks, now: performance.now() })',
    )) as {
      longTasks: [number, number][];
      now: number;
    };
    // long tasks are reported a little after they end: 150 ms of slack before the window counts as quiet
    const at = interactiveAt(shown.painted, longTasks, now - 150);
    if (at !== undefined) return { content: shown.painted - start, interactive: at - start };
    // a main thread that never falls quiet for 50 ms within 15 s: no figure rather than a made-up one
    if (Date.now() > give) return { content: shown.painted - start, interactive: NaN };
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The page's answer, or an error naming what never showed (a page that never shows its data fails the run). */
function inTime<T>(what: string, answer: Promise<T>, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing shown within ${ms / 1000} s`)), ms);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}

async function fullLoad(page: Page, url: string): Promise<Sample> {
  await page.goto(url, { waitUntil: 'commit' });
  const shown = (await inTime(url, page.evaluate('window.__bench.load'))) as Shown | undefined;
  if (!shown) throw new Error(`No page of the benchmark at ${url}`);
  return finish(page, shown);
}

async function inApp(page: Page, def: PageDef): Promise<Sample> {
  const r = (await inTime(def.path, page.evaluate(`window.__bench.navigate(${JSON.stringify(def)})`))) as Shown & {
    start: number;
  };
  return finish(page, r, r.start);
}

type Context = { context: BrowserContext; page: Page };

async function newContext(browser: Browser, server: Server, pages: PageDef[], cookie?: string): Promise<Context> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: instrumentScript(pages) });
  if (cookie) await context.addCookies(cookiesOf(cookie, server.url));
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  return { context, page };
}

const cookiesOf = (header: string, url: string) =>
  header.split('; ').map((pair) => {
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url };
  });

/** Signs in through the sign-in page, from the click on its button to the workbench's content. */
async function signInToWorkbench(page: Page, workbench: PageDef): Promise<Sample> {
  // `void`: the evaluation must not wait for the promise it stores
  await page.evaluate(`void (window.__bench.armed = window.__bench.wait(${JSON.stringify(workbench)}))`);
  await page.locator('input[autocomplete="username"]').fill(USER);
  await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  const shown = (await inTime('sign-in', page.evaluate('window.__bench.armed'))) as Shown;
  const start = (await page.evaluate('window.__bench.clickAt')) as number;
  return finish(page, shown, start);
}

async function waterfall(page: Page, url: string) {
  await fullLoad(page, url);
  const entries = (await page.evaluate(`[
    ...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource'),
  ].map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd, bytes: e.transferSize, type: e.initiatorType }))`)) as {
    name: string;
    start: number;
    end: number;
    bytes: number;
    type: string;
  }[];
  console.log(`\n  ${url}`);
  for (const e of entries.sort((a, b) => a.start - b.start))
    console.log(
      `    ${e.start.toFixed(0).padStart(5)} → ${e.end.toFixed(0).padStart(5)} ms ${String(e.bytes).padStart(8)} B  ${e.type.padEnd(10)} ${new URL(e.name).pathname}${new URL(e.name).search}`,
    );
}

const stats = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const runs = Number(args.get('runs') ?? 7);
  const json = args.has('json');
  const log = json ? () => {} : console.log;
  if (spawnSync(process.execPath, ['scripts/builds.mjs', 'web'], { cwd: ROOT, stdio: 'inherit' }).status !== 0)
    throw new Error('The web build failed');
  const server = await startServer({ url: benchDatabaseUrl(args).url });
  const browser = await launchBrowser();
  try {
    log('  waiting for the server to settle (its start-up refresh)…');
    await settled(server);
    const cookie = await signIn(server.url, USER, DEMO_PASSWORD);
    const top = await call(server.url, cookie, 'GET', '/api/v1/reports/contribution?page=1&pageSize=1');
    const customerId = (top.body as { items: { customerId: number }[] }).items[0]?.customerId;
    if (!customerId) throw new Error(`No customer in the contribution report: ${JSON.stringify(top.body)}`);
    const pages = pagesOf(customerId);
    const url = (p: PageDef) => `${server.url}${p.path}`;
    const samples: Record<string, Record<Mode, Sample[]>> = Object.fromEntries(
      pages.map((p) => [p.key, { cold: [], warm: [], inApp: [] }]),
    );

    if (args.has('waterfall')) {
      for (const p of pages) {
        const warm = await newContext(browser, server, pages, p.signedIn ? cookie : undefined);
        await fullLoad(warm.page, url(p));
        await waterfall(warm.page, url(p));
        await warm.context.close();
      }
    }

    const load0 = os.loadavg()[0]!;
    for (let run = 0; run < runs; run++) {
      for (const p of pages) {
        const cold = await newContext(browser, server, pages, p.signedIn ? cookie : undefined);
        samples[p.key]!.cold.push(await fullLoad(cold.page, url(p)));
        await cold.context.close();
      }
      log(`  run ${run + 1}/${runs}: cold done`);
    }
    const warm = await newContext(browser, server, pages, cookie);
    const anonymous = await newContext(browser, server, pages);
    for (const p of pages) await fullLoad((p.signedIn ? warm : anonymous).page, url(p));
    for (let run = 0; run < runs; run++) {
      for (const p of pages) samples[p.key]!.warm.push(await fullLoad((p.signedIn ? warm : anonymous).page, url(p)));
      log(`  run ${run + 1}/${runs}: warm done`);
    }
    // in-app: the warm anonymous context (scripts cached), signed in through the page, then route changes
    for (let run = 0; run < runs; run++) {
      try {
        await anonymous.context.clearCookies();
        await fullLoad(anonymous.page, url(pages[0]!));
        samples.workbench!.inApp.push(await signInToWorkbench(anonymous.page, pages[1]!));
        for (const p of pages.slice(2)) samples[p.key]!.inApp.push(await inApp(anonymous.page, p));
        log(`  run ${run + 1}/${runs}: in-app done`);
      } catch (error) {
        // one failed sequence is reported and left out; the cold and warm figures stand
        console.error(`  run ${run + 1}/${runs}: in-app failed: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    await warm.context.close();
    await anonymous.context.close();
    const load1 = os.loadavg()[0]!;

    const figures = pages.map((p) => ({
      page: p.name,
      path: p.path,
      ...Object.fromEntries(
        (['cold', 'warm', 'inApp'] as Mode[]).map((mode) => {
          const s = samples[p.key]![mode];
          return [
            mode,
            s.length
              ? { content: stats(s.map((x) => x.content)), interactive: stats(s.map((x) => x.interactive)) }
              : null,
          ];
        }),
      ),
    })) as ({ page: string; path: string } & Record<Mode, Figures | null>)[];
    const result = {
      at: new Date().toISOString(),
      runs,
      cores: os.cpus().length,
      loadAverage: { before: load0, after: load1 },
      targets: TARGETS,
      pages: figures,
    };
    if (json) console.log(JSON.stringify(result, null, 2));
    else console.log(`\n${renderTable(result)}`);
  } catch (error) {
    await new Promise((r) => setTimeout(r, 500)); // the server's last words, if it ended
    console.error(server.log().slice(-4000));
    throw error;
  } finally {
    await browser.close();
    await server.stop();
  }
}

type Figures = { content: { median: number; p95: number }; interactive: { median: number; p95: number } };

const ms = (v: number) => (Number.isNaN(v) ? '—' : `${Math.round(v)}`);
const cell = (f: Figures | null, target: number) =>
  f
    ? `${ms(f.content.median)} / ${ms(f.content.p95)}${f.content.median > target ? ' ✗' : ''} | ${ms(f.interactive.median)} / ${ms(f.interactive.p95)}`
    : '— | —';

/** The Markdown table docs/PERFORMANCE.md quotes: ms, median / p95; ✗ where the median of content misses its target. */
function renderTable(r: {
  runs: number;
  cores: number;
  loadAverage: { before: number; after: number };
  pages: ({ page: string } & Record<Mode, Figures | null>)[];
}) {
  const L = [
    `${r.runs} runs each; ${r.cores} cores, load average ${r.loadAverage.before.toFixed(2)} → ${r.loadAverage.after.toFixed(2)}. ms, median / p95.`,
    '',
    '| page | cold: content | cold: interactive | warm: content | warm: interactive | in-app: content | in-app: interactive |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const p of r.pages)
    L.push(
      `| ${p.page} | ${cell(p.cold, TARGETS.coldMs)} | ${cell(p.warm, TARGETS.warmMs)} | ${cell(p.inApp, TARGETS.inAppMs)} |`,
    );
  L.push(
    '',
    `Targets (medians of content): cold ≤ ${TARGETS.coldMs} ms, warm ≤ ${TARGETS.warmMs} ms, in-app ≤ ${TARGETS.inAppMs} ms.`,
  );
  return L.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
