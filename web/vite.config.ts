import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The dev server forwards the API to the Fastify server (npm run dev), so the browser sees one origin as in production.
// Pages are split per route with React.lazy, so the sign-in page loads only the shell's code.
/** Packages without `sideEffects: false` in their package.json whose modules have none. */
const SIDE_EFFECT_FREE = /node_modules[\\/]@rc-component[\\/](form|async-validator)[\\/]/;
const api = process.env.CRM_API_URL ?? 'http://localhost:3000';

/** The customer portal (docs/portal.md) is a page of its own: the dev server answers `/portal/…` with portal.html. */
const portalPage = (): Plugin => ({
  name: 'crm-portal-page',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url && /^\/portal(\/|$|\?|#)/.test(req.url)) req.url = '/portal.html';
      next();
    });
  },
});

/** Files the server sends compressed when the browser accepts it (docs/ARCHITECTURE.md#the-web-app). */
const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest)$/;

/**
 * Each compressible file of the build beside its Brotli (`.br`) and gzip (`.gz`) copies, made once here: the server
 * picks the one the browser accepts (`@fastify/static`'s `preCompressed`) without compressing per request.
 */
const precompress = (): Plugin => ({
  name: 'crm-precompress',
  apply: 'build',
  writeBundle({ dir }) {
    if (!dir) return;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      const content = fs.readFileSync(file);
      if (content.length < 1024) continue; // not worth a second request header's bytes
      fs.writeFileSync(
        `${file}.br`,
        zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
    }
  },
});

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), portalPage(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // two pages: the staff app and the customer portal
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        portal: fileURLToPath(new URL('portal.html', import.meta.url)),
      },
      // antd's Input (on the sign-in page) imports one context of @rc-component/form, whose package does not say it
      // is free of side effects: without this, all of the form's machinery and its validator come with it
      treeshake: { moduleSideEffects: [{ test: SIDE_EFFECT_FREE, sideEffects: false }] },
    },
  },
  server: {
    port: 5173,
    // CRM_API_URL: another server than `npm run dev`'s on port 3000
    proxy: { '/api': api, '/healthz': api, '/readyz': api },
  },
});
