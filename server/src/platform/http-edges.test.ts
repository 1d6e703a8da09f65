import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../test/fingerprint.ts';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';
import { signIn } from '../test/factories.ts';
import { listening, trickle } from '../test/raw-http.ts';
import net from 'node:net';

/**
 * What reaches the server before any route does — malformed addresses, unknown methods and media types, headers
 * too large, a body that never finishes, a foreign origin — leaves as the one error shape (with the security headers
 * and a request id), with its own status and code.
 */
let t: TestApp;
let director: Client;
let admin: Client;
let port: number;

beforeAll(async () => {
  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-web-'));
  fs.mkdirSync(path.join(web, 'assets'));
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>CRM</title>');
  fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
  t = await createTestApp({ CRM_WEB_DIST: web, CRM_REQUEST_TIMEOUT_MS: '1000' });
  [director, admin] = await signIn(t, 'director', 'admin');
  port = await listening(t.app);
});
afterAll(() => t.close());

/** The one error shape, with the security headers and the request id of the header. */
function expectOneShape(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toBeTruthy();
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
  expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

/** Sends raw bytes and reads the whole answer (the server closes the connection after these errors). */
function raw(request: string): Promise<{ statusCode: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ statusCode: Number(statusLine?.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

describe('bad paths', () => {
  it('answers a NUL byte or a broken escape in a path with 400 or 404, never 500', async () => {
    for (const url of ['/%00', '/assets/%00', '/assets/app.js%00.html', '/%E0%A4%A', '/api/v1/customers/%E0%A4%A']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect([400, 404], `${url}: ${res.body}`).toContain(res.statusCode);
      expectOneShape(res, res.statusCode, res.statusCode === 400 ? 'MALFORMED_URL' : 'NOT_FOUND');
    }
    expect((await t.app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/customers/12' })).body).toContain('<title>CRM</title>');
  });
});

describe("Fastify's own refusals", () => {
  it('answers a method the address does not take with 405 and the methods it does take', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/auth/login',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      payload: {},
    });
    expectOneShape(put, 405, 'METHOD_NOT_ALLOWED');
    expect(put.headers.allow).toBe('POST');
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/customers',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expectOneShape(del, 405, 'METHOD_NOT_ALLOWED');
    expect(String(del.headers.allow).split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    // an address that exists for no method stays 404
    const nowhere = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/nothing-here',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expectOneShape(nowhere, 404, 'NOT_FOUND');
  });

  it('answers a body of a media type it does not read with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dictionary',
      headers: { cookie: admin.cookie, 'x-requested-with': 'XMLHttpRequest', 'content-type': 'application/xml' },
      payload: '<entry/>',
    });
    expectOneShape(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers headers larger than allowed with 431', async () => {
    const res = await raw(`GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectOneShape(res, 431, 'HEADERS_TOO_LARGE');
  });

  it('answers a request line it cannot parse with 400', async () => {
    const res = await raw('GET /api/v1/auth/me HTTP/1.1 extra\r\nHost: x\r\n\r\n');
    expectOneShape(res, 400, 'MALFORMED_REQUEST');
  });

  it('cuts off a body that trickles in (408) after the request time-out', async () => {
    const started = performance.now();
    const slow = await trickle(port, '/api/v1/auth/login', 300);
    await slow.closed;
    slow.stop();
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(slow.sent()).toBeLessThan(20); // of 49 bytes: it was not waited for
    const [head = '', body = ''] = slow.received().split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408/);
    expect(JSON.parse(body).error.code).toBe('REQUEST_TIMEOUT');
  });
});

describe('numbers in paths and queries', () => {
  it('accepts only canonical decimal', async () => {
    for (const url of [
      '/customers/0x1',
      '/customers/1e0',
      '/customers/%201',
      '/customers/1%20',
      '/customers/01',
      '/customers/+1',
      '/customers/1.0',
      '/customers?page=1e1',
      '/customers?pageSize=0x10',
      '/customers?page=%201',
      '/reports/contribution?year=2e3',
    ]) {
      const res = await director.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await director.get('/customers?page=1&pageSize=10')).status).toBe(200);
  });
});

describe('the origin of a change', () => {
  it('refuses a state-changing request from another origin (403 CSRF_REJECTED) and changes nothing', async () => {
    const before = await fingerprint(t.database);
    for (const origin of ['https://evil.example', 'null', 'http://localhost:81']) {
      const res = await admin.post('/dictionary', { type: 'region', item: '来源测试一' }, { origin });
      expect(res.status, origin).toBe(403);
      expect(res.body.error.code).toBe('CSRF_REJECTED');
    }
    expect(await fingerprint(t.database)).toBe(before);
    // its own origin, and no origin at all (not a browser), are fine; a read from anywhere is too
    expect(
      (await admin.post('/dictionary', { type: 'region', item: '来源测试一' }, { origin: 'http://localhost' })).status,
    ).toBe(201);
    expect((await admin.post('/dictionary', { type: 'region', item: '来源测试二' })).status).toBe(201);
    expect((await admin.get('/dictionary?type=region', { origin: 'https://evil.example' })).status).toBe(200);
  });
});
