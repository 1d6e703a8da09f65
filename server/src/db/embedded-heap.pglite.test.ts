import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverNodeOptions } from '../../../scripts/builds.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-heap-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * In a process of its own (V8's heap is per process): opens the embedded database through `openDatabase` when
 * `open`, then allocates as a server under load does — objects that live a while and die, beside a live set — and
 * reports the heap's peak, in MB.
 */
function peakHeapUnderLoad(open: boolean): number {
  const script = `
    import v8 from 'node:v8';
    const mb = (n) => n / 1048576;
    if (${open}) {
      const { loadConfig } = await import(${JSON.stringify(path.resolve(import.meta.dirname, '../config.ts'))});
      const { openDatabase } = await import(${JSON.stringify(path.resolve(import.meta.dirname, 'open.ts'))});
      const config = { ...loadConfig({ CRM_DEMO: '0', CRM_ADMIN_PASSWORD: 'heap-test-pw' }), dataDir: ${JSON.stringify(path.join(dir, 'data'))} };
      const opened = await openDatabase(config);
      await opened.database.close();
      opened.release();
    }
    const live = Array.from({ length: 300_000 }, (_, i) => ({ i, s: 'live ' + i }));
    let peakHeap = 0;
    const ring = new Array(200_000);
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < ring.length; i++) ring[i] = { round, i, s: 'old ' + i + round };
      peakHeap = Math.max(peakHeap, v8.getHeapStatistics().total_heap_size);
    }
    console.log(JSON.stringify({ peakHeap: mb(peakHeap), live: live.length }));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return (JSON.parse(out.trim().split('\n').at(-1)!) as { peakHeap: number }).peakHeap;
}

describe("the embedded server's JavaScript heap (docs/OPERATIONS.md#memory, docs/adr/0003)", () => {
  it('collects the old generation sooner than V8 would by default', () => {
    const plain = peakHeapUnderLoad(false);
    const embedded = peakHeapUnderLoad(true);
    // V8's default lets the heap reach several times the live set (about 30 MB here) before it collects
    expect(embedded).toBeLessThan(plain * 0.7);
  }, 120_000);

  it("starts the embedded server with a young generation of 2 MB semi-spaces, PostgreSQL's with V8's default", () => {
    const churn = `let keep = [];
      for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 20000) keep = []; }
      const s = (await import('node:v8')).getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
      console.log(s.space_size / 1048576);`;
    const youngAfterLoad = (options: string[]) =>
      Number(execFileSync(process.execPath, [...options, '--input-type=module', '-e', churn], { encoding: 'utf8' }));
    expect(serverNodeOptions({ DATABASE_URL: 'postgres://crm@db/crm' })).toEqual([]);
    expect(youngAfterLoad(serverNodeOptions({}))).toBeLessThanOrEqual(4);
    expect(youngAfterLoad(serverNodeOptions({ DATABASE_URL: '' }))).toBeLessThanOrEqual(4);
    expect(youngAfterLoad([])).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
