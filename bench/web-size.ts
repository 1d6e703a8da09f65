/**
 * The web app's weight: the gzipped JavaScript the sign-in page loads — index.html's module scripts and modulepreload
 * links, and every chunk those import statically (followed transitively) — against the 200 KB target
 * (`JOB_TARGETS.webJsGzipBytes`).
 * Dynamic `import()` chunks are not counted: the sign-in page does not need them before it is shown.
 *
 * `node --import tsx bench/web-size.ts [--build] [--dist web/dist]` (`--build` runs `npm run build -w web` first).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from './lib/args.ts';
import { ROOT } from './lib/server.ts';
import { JOB_TARGETS } from './lib/targets.ts';

export type WebSize = {
  /** `sent`: what the server sends a browser that accepts Brotli — the build's `.br` copy, else the file. */
  files: { file: string; bytes: number; gzip: number; sent: number }[];
  bytes: number;
  gzip: number;
  sent: number;
  css: { bytes: number; gzip: number };
};

/** The leading static imports of a Rollup/Vite chunk (`import{a}from"./x.js";import"./y.js";export{…}from"./z.js"`). */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[;\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.m?js)["']/g;
  for (const m of code.matchAll(re)) {
    // a dynamic import() is written `import(`: the pattern above needs a quote right after `import`/`from`
    found.push(m[1]!);
  }
  return found;
}

export function measureWebSize(dist = path.join(ROOT, 'web/dist')): WebSize {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entries = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!),
  ];
  const cssFiles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const toFile = (ref: string, from = dist) => (ref.startsWith('/') ? path.join(dist, ref) : path.resolve(from, ref));
  const seen = new Set<string>();
  const queue = entries.map((e) => toFile(e));
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    for (const ref of staticImports(fs.readFileSync(file, 'utf8'))) queue.push(toFile(ref, path.dirname(file)));
  }
  const files = [...seen].map((file) => {
    const content = fs.readFileSync(file);
    const br = fs.statSync(`${file}.br`, { throwIfNoEntry: false });
    const sent = br?.size ?? content.length;
    return { file: path.relative(dist, file), bytes: content.length, gzip: gzipSync(content).length, sent };
  });
  const css = cssFiles
    .map((f) => fs.readFileSync(toFile(f)))
    .reduce((a, c) => ({ bytes: a.bytes + c.length, gzip: a.gzip + gzipSync(c).length }), { bytes: 0, gzip: 0 });
  const total = (key: 'bytes' | 'gzip' | 'sent') => files.reduce((n, f) => n + f[key], 0);
  return { files, bytes: total('bytes'), gzip: total('gzip'), sent: total('sent'), css };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('build')) execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: 'inherit' });
  const size = measureWebSize(args.get('dist') ? path.resolve(args.get('dist')!) : undefined);
  for (const f of size.files)
    console.log(
      `  ${f.file.padEnd(50)} ${kb(f.bytes).padStart(10)} ${kb(f.gzip).padStart(10)} gz ${kb(f.sent).padStart(10)} sent`,
    );
  const met = size.gzip <= JOB_TARGETS.webJsGzipBytes ? 'pass' : 'FAIL';
  console.log(
    `  ${met}: sign-in page JS: ${kb(size.bytes)}, ${kb(size.gzip)} gzipped (target ${kb(JOB_TARGETS.webJsGzipBytes)}), ${kb(size.sent)} sent with Brotli; CSS ${kb(size.css.gzip)} gzipped`,
  );
}
