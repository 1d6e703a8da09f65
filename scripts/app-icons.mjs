// Draws the web app's home-screen icons (web/public/icons/*.png, listed in web/public/manifest.webmanifest) from the
// logo (web/public/favicon.svg) in Debian's Chromium: 192 and 512 px as the logo is (rounded, transparent corners), and
// a 512 px maskable one — the mark on a full square, inside the central 80 % that every launcher's mask keeps.
// Run it after changing the logo: node scripts/app-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './builds.mjs';

const logo = fs.readFileSync(path.join(root, 'web/public/favicon.svg'), 'utf8');
const mark = /<path[^>]*\/>/.exec(logo)[0];
const colour = /fill="(#[0-9a-f]{6})"/i.exec(logo)[1];
// the mark's box in the logo is about 12×12 of 32×32 around the centre; in the maskable icon it fills 50 %
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${colour}"/><g transform="translate(16 16) scale(1.35) translate(-16 -16)">${mark}</g></svg>`;

const icons = [
  { file: 'icon-192.png', size: 192, svg: logo },
  { file: 'icon-512.png', size: 512, svg: logo },
  { file: 'icon-maskable-512.png', size: 512, svg: maskable },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const out = path.join(root, 'web/public/icons');
  fs.mkdirSync(out, { recursive: true });
  for (const { file, size, svg } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    await page.screenshot({ path: path.join(out, file), omitBackground: true });
    await page.close();
    console.log(`web/public/icons/${file}`);
  }
} finally {
  await browser.close();
}
