import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.ts';

/** How the built web app is cached (issue 23): hashed files for a year, the pages always asked again. */
let t: TestApp;

beforeAll(async () => {
  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-web-'));
  fs.mkdirSync(path.join(web, 'assets'));
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>CRM</title>');
  fs.writeFileSync(path.join(web, 'portal.html'), '<!doctype html><title>Portal</title>');
  fs.writeFileSync(path.join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(web, 'assets', 'main-AbC123.js'), 'console.log(1)');
  // what the build leaves beside its larger files (web/vite.config.ts)
  for (const file of ['index.html', 'assets/main-AbC123.js']) {
    const content = fs.readFileSync(path.join(web, file));
    fs.writeFileSync(path.join(web, `${file}.br`), zlib.brotliCompressSync(content));
    fs.writeFileSync(path.join(web, `${file}.gz`), zlib.gzipSync(content));
  }
  t = await createTestApp({ CRM_WEB_DIST: web });
});
afterAll(() => t.close());

describe('cache headers of the web app', () => {
  it('keeps the content-hashed files under assets/ for a year, never asking again', async () => {
    const res = await t.app.inject({ url: '/assets/main-AbC123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has the browser ask again for the pages and the files without a hash', async () => {
    for (const url of ['/', '/customers/12', '/index.html', '/portal/services', '/favicon.svg']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      // asked again, but answered 304 while unchanged
      expect(res.headers.etag ?? res.headers['last-modified'], url).toBeTruthy();
    }
  });
});

describe('compression of the web app', () => {
  const decoded = (encoding: string | undefined, body: Buffer) =>
    (encoding === 'br'
      ? zlib.brotliDecompressSync(body)
      : encoding === 'gzip'
        ? zlib.gunzipSync(body)
        : body
    ).toString();

  it("sends the build's Brotli or gzip copy to a browser that accepts it, the file itself to one that does not", async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      [undefined, undefined],
      ['identity', undefined],
    ] as const) {
      const res = await t.app.inject({
        url: '/assets/main-AbC123.js',
        headers: accept ? { 'accept-encoding': accept } : {},
      });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(res.headers['content-type'], accept).toMatch(/^text\/javascript|^application\/javascript/);
      expect(res.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(decoded(encoding, res.rawPayload), accept).toBe('console.log(1)');
    }
  });

  it('compresses the page at every page address, and sends a file without copies as it is', async () => {
    const page = await t.app.inject({ url: '/customers/12', headers: { 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(decoded('br', page.rawPayload)).toBe('<!doctype html><title>CRM</title>');
    const icon = await t.app.inject({ url: '/favicon.svg', headers: { 'accept-encoding': 'br, gzip' } });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-encoding']).toBeUndefined();
    expect(icon.body).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
});
