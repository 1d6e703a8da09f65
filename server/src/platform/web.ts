import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** @fastify/static would otherwise replace the Cache-Control set here with its own `public, max-age=0`. */
const OWN_CACHE_CONTROL = { cacheControl: false };

/**
 * Serves the built web app: files by path, `portal.html` for the customer portal's addresses (`/portal/…`) and
 * `index.html` for every other page address, so that the browser's router takes over. API addresses never fall through to the page.
 */
export async function registerWebApp(app: FastifyInstance, root: string | undefined) {
  if (!root || !fs.existsSync(path.join(root, 'index.html'))) return false;
  // the build leaves a `.br` and a `.gz` beside each larger file (web/vite.config.ts): sent to the browsers that accept
  // them, the file itself to the others
  await app.register(fastifyStatic, { root, serve: false, preCompressed: true });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      return reply.callNotFound(); // a broken %-escape names no file
    }
    // no file name holds a NUL (the file system refuses it outright)
    if (urlPath.startsWith('/api/') || urlPath.includes('\0')) return reply.callNotFound();
    const file = path.normalize(urlPath).replace(/^([/\\])+/, '');
    const full = path.join(root, file);
    reply.header('Vary', 'Accept-Encoding'); // every answer below may be one of the compressed copies
    if (file && full.startsWith(root) && fs.statSync(full, { throwIfNoEntry: false })?.isFile()) {
      // Vite names every file under assets/ by its content: kept a year, never asked for again
      const immutable = file.startsWith('assets/');
      return reply
        .header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .sendFile(file, OWN_CACHE_CONTROL);
    }
    // the customer portal is a page of its own (docs/portal.md)
    const page =
      /^\/portal(\/|$)/.test(urlPath) && fs.existsSync(path.join(root, 'portal.html')) ? 'portal.html' : 'index.html';
    return reply.header('Cache-Control', 'no-cache').sendFile(page, OWN_CACHE_CONTROL);
  });
  return true;
}
