import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer as startProcess, waitReady } from './test/server-process.ts';

const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-main-')), 'data');
const started: ChildProcess[] = [];
const env = { DATA_DIR: dataDir, CRM_ADMIN_PASSWORD: 'process-test-pw' };

function startServer(port: number) {
  const server = startProcess(port, env);
  started.push(server.child);
  return server;
}

const signIn = (port: number) =>
  fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({ username: 'admin', password: 'process-test-pw' }),
  });

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the server process on the embedded database', () => {
  it('refuses a second process on the same data folder, stops cleanly on SIGTERM and keeps its data', async () => {
    const port = await freePort();
    const first = startServer(port);
    await waitReady(port);
    expect(first.output()).toContain(`http://localhost:${port}`);
    expect((await signIn(port)).status).toBe(200);

    const second = startServer(await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another CRM process/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

    const third = startServer(port);
    await waitReady(port);
    expect((await signIn(port)).status).toBe(200); // the same admin: not seeded again, data kept
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
  }, 600_000);
});
