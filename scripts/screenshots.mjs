// The README's screenshots: the phone layout (390×844) of the workbench, the customer list, a customer and the
// service handling page (its list and its dialog), as a manager of the demo company sees them in Chinese, saved as
// docs/screenshots/*.png. Usage: npm run screenshots (builds what is stale, starts its own server on a fresh demo
// database, stops it after).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildServerIfStale, buildWebIfStale, root } from './builds.mjs';
import { snapshotWeb, startDemoServer } from './demo-server.mjs';

const out = path.join(root, 'docs/screenshots');
const log = (msg) => console.log(`[screenshots] ${msg}`);

if (!buildWebIfStale(log)) process.exit(1);
await buildServerIfStale(log);
const webDir = snapshotWeb(log);
const server = await startDemoServer(webDir, log);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('#username').fill('manager1');
  await page.locator('#password').fill('demo1234');
  await page.locator('#password').press('Enter');
  await page.locator('.app-layout').waitFor();

  /** Waits until the page has its title and its data (no spinner, no skeleton), then saves the screen. */
  const shoot = async (name) => {
    await page.locator('.app-layout h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, [aria-busy="true"]'));
    await page.mouse.move(0, 0);
    fs.mkdirSync(out, { recursive: true });
    await page.screenshot({ path: path.join(out, `${name}.png`) });
    log(`docs/screenshots/${name}.png`);
  };

  await shoot('phone-workbench');
  await page.goto('/customers');
  await page.locator('.ant-table-row').first().waitFor();
  await shoot('phone-customers');
  // one of the manager's own customers, which the manager may edit
  await page.locator('.ant-table-row', { hasText: '李经理' }).first().locator('a[href^="/customers/"]').first().click();
  await page.waitForURL(/\/customers\/\d+$/);
  await shoot('phone-customer');
  await page.goto('/services/handle');
  await page.locator('.ant-table-row').first().waitFor();
  await shoot('phone-service-handling');
  // and the handling itself, in its dialog
  await page.locator('.ant-table-row').first().getByRole('button').first().click();
  await page.getByRole('dialog').locator('textarea').waitFor();
  await page.getByRole('dialog').locator('textarea').fill('已联系物流公司补发缺件，预计明日送达。');
  await shoot('phone-service-handling-dialog');
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(webDir, { recursive: true, force: true });
}
