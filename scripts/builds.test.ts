import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serverSources, stale, webSources } from './builds.mjs';

/**
 * A repository in a temporary folder holding every source of a build, older than the build's output; then one file
 * npm writes at each install, newer than it. Both builds bundle installed packages (the web app all of them, the
 * server PGlite's embedded database), so an upgrade within a caret range must rebuild them.
 */
let base: string;
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

function repository(sources: string[]) {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-builds-'));
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));
  for (const source of sources) {
    const file = path.join(base, source, path.extname(source) ? '' : 'file.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    fs.utimesSync(file, at(0), at(0));
    fs.utimesSync(path.dirname(file), at(0), at(0));
  }
  const output = path.join(base, 'dist/out');
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, '');
  fs.utimesSync(output, at(10), at(10));
  return { output, touch: (source: string) => fs.utimesSync(path.join(base, source), at(20), at(20)) };
}

describe.each([
  ['web app', webSources],
  ['server', serverSources],
])('the %s build', (_name, sources) => {
  it('is current when no source is newer than its output, stale when one is', () => {
    const repo = repository(sources);
    expect(stale(repo.output, sources, base)).toBe(false);
    repo.touch(sources[0]!);
    expect(stale(repo.output, sources, base)).toBe(true);
  });

  it('is stale after npm installed packages (node_modules/.package-lock.json rewritten)', () => {
    const repo = repository([...sources, 'node_modules/.package-lock.json']);
    expect(stale(repo.output, sources, base)).toBe(false);
    repo.touch('node_modules/.package-lock.json');
    expect(stale(repo.output, sources, base)).toBe(true);
  });
});
