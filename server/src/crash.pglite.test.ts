import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashScenario } from './test/crash-scenario.ts';

describe('crash safety on the embedded database', () => {
  it('keeps every acknowledged write and no half-done change when the server is killed', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-crash-')), 'data');
    const result = await crashScenario({ DATA_DIR: dataDir });
    expect(result.succeeded).toBeGreaterThan(0);
  }, 900_000);
});
