import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { Client, freshDatabase } from '../test/harness.ts';

let database: Database;
const lines: string[] = [];
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

describe('structured logs', () => {
  it('carry the request id and never a password, a session token or a cookie', async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      config: { ...loadConfig({ CRM_DEMO: '0', LOG_LEVEL: 'trace' }), webDist: '/nonexistent' },
      database,
      logger: { stream },
    });
    const c = new Client(app);
    await c.post('/auth/login', { username: 'admin', password: 'demo1234' });
    const token = c.cookie.split('=')[1]!;
    await c.get('/auth/me');
    await c.post('/auth/password', { currentPassword: 'demo1234', newPassword: 'another-secret-9' });
    await c.post('/auth/login', { username: 'admin', password: 'wrong-password-7' });
    await app.close();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    expect(JSON.parse(lines[0]!)).toHaveProperty('level');
    expect(log).toMatch(/"reqId":"[0-9a-f-]{36}"/);
    for (const secret of ['demo1234', 'another-secret-9', 'wrong-password-7', token, 'crm_session=']) {
      expect(log).not.toContain(secret);
    }
  });
});
