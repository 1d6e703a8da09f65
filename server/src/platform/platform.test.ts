import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { registerGuard } from './guard.ts';
import Fastify from 'fastify';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('every route declares its access', () => {
  it('refuses to start with a route that declares nothing', async () => {
    const app = Fastify();
    registerGuard(app, async () => undefined, { publicPrefixes: [] });
    expect(() => app.get('/forgotten', async () => 'oops')).toThrow(/does not declare its access/);
    expect(() => app.get('/typo', { config: { access: 'no.such.permission' as never } }, async () => 'oops')).toThrow(
      /does not declare/,
    );
    await app.close();
  });
});

describe('operations', () => {
  it('answers /healthz and /readyz without a session', async () => {
    const c = t.anonymous();
    expect((await c.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await c.get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('describes itself as OpenAPI 3 generated from the route schemas', async () => {
    const res = await t.anonymous().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/api/v1/users'].post.requestBody).toBeTruthy();
    expect(res.body.paths['/api/v1/dictionary/{id}'].patch).toBeTruthy();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers errors in the one shape with a request id, never a stack trace', async () => {
    const admin = await t.login('admin');
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dictionary',
      headers: { cookie: admin.cookie, 'x-requested-with': 'XMLHttpRequest', 'content-type': 'application/json' },
      payload: '{"type": ',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(badJson.json().error.requestId).toBe(badJson.headers['x-request-id']);
    expect(badJson.body).not.toMatch(/at .*\.ts:\d+/);
    const missing = await admin.get('/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const huge = await admin.post('/dictionary', { type: 'x', item: 'y'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const poisoned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dictionary',
      headers: { cookie: admin.cookie, 'x-requested-with': 'XMLHttpRequest', 'content-type': 'application/json' },
      payload: '{"type":"a","item":"b","__proto__":{"editable":false}}',
    });
    expect(poisoned.statusCode).toBe(400);
  });
});

describe('JSON bodies', () => {
  it('takes an empty body with a JSON content type as no body', async () => {
    const admin = await t.login('admin');
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dictionary',
      headers: { cookie: admin.cookie, 'x-requested-with': 'XMLHttpRequest', 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED'); // the route needs a body: the schema says so
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: admin.cookie, 'x-requested-with': 'XMLHttpRequest', 'content-type': 'application/json' },
      payload: '',
    });
    expect(logout.statusCode).toBe(204);
  });
});

describe('configuration', () => {
  it('has the defaults of docs/product.md#api-conventions, rule 11', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      demo: true,
      churnCron: '0 2 * * 6',
      churnMonths: 6,
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 12 * 3_600_000,
    });
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', CRM_DEMO: '1' }).demo).toBe(true);
  });

  it('refuses bad values with a clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ CRM_ADMIN_PASSWORD: 'short' })).toThrow(/CRM_ADMIN_PASSWORD/);
    expect(() => loadConfig({ CRM_CHURN_MONTHS: '0' })).toThrow(/CRM_CHURN_MONTHS/);
  });
});

describe('the embedded database folder', () => {
  it('is locked to one process: a second one is refused with a clear message', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-lock-')), 'data');
    const release = lockDataDir(dir);
    fs.writeFileSync(`${dir}.lock`, String(process.ppid)); // another live process holds it
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another CRM process/);
    release();
    const again = lockDataDir(dir); // free again
    again();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-lock-')), 'data');
    fs.writeFileSync(`${dir}.lock`, '999999999');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
  });
});
