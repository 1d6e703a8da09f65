import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
