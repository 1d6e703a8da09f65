import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverNodeOptions } from '../../../scripts/builds.mjs';

/** Runs `script` in a `node` process of its own with `options` (V8's heap is per process); its last line, parsed. */
function run(options: string[], script: string): number {
  const out = execFileSync(process.execPath, [...options, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return Number(out.trim().split('\n').at(-1));
}

/**
 * Allocates as a server under load does — objects that live a while and die, beside a live set of about 30 MB — and
 * prints the heap's peak, in MB.
 */
const serverLoad = `
  import v8 from 'node:v8';
  // the live set, reachable to the end
  globalThis.live = Array.from({ length: 300_000 }, (_, i) => ({ i, s: 'live ' + i }));
  let peakHeap = 0;
  const ring = new Array(200_000);
  for (let round = 0; round < 40; round++) {
    for (let i = 0; i < ring.length; i++) ring[i] = { round, i, s: 'old ' + i + round };
    peakHeap = Math.max(peakHeap, v8.getHeapStatistics().total_heap_size);
  }
  console.log(peakHeap / 1048576);`;

/** Churns short-lived objects and prints the young generation's size afterwards, in MB. */
const youngChurn = `
  let keep = [];
  for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 20000) keep = []; }
  const s = (await import('node:v8')).getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
  console.log(s.space_size / 1048576);`;

describe("the server's JavaScript heap (docs/OPERATIONS.md#memory, docs/adr/0003)", () => {
  it('is given tighter V8 options on the embedded database than on PostgreSQL', () => {
    expect(serverNodeOptions({ DATABASE_URL: '' })).toEqual(serverNodeOptions({}));
    expect(serverNodeOptions({ DATABASE_URL: 'postgres://crm@db/crm' })).not.toEqual(serverNodeOptions({}));
  });

  it("on PostgreSQL, keeps the heap within half of V8's default growth", () => {
    // measured: 117 MB against 218 MB
    const postgres = serverNodeOptions({ DATABASE_URL: 'postgres://crm@db/crm' });
    expect(run(postgres, serverLoad)).toBeLessThan(run([], serverLoad) * 0.7);
  }, 120_000);

  it('on the embedded database, keeps the heap near its live set under load, where V8 by default lets it grow to several times that', () => {
    // measured: 35 MB against 128 MB (65 against 218 on another machine); with either limit alone, 85–107 MB
    expect(run(serverNodeOptions({}), serverLoad)).toBeLessThan(run([], serverLoad) * 0.45);
  }, 120_000);

  it('on the embedded database, keeps the young generation at 2 MB semi-spaces', () => {
    expect(run(serverNodeOptions({}), youngChurn)).toBeLessThanOrEqual(4);
    expect(run([], youngChurn)).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
