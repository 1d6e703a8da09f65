import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server forwards the API to the Fastify server (npm run dev), so the browser sees one origin as in production.
// Pages are split per route with React.lazy, so the sign-in page loads only the shell's code.
const api = process.env.CRM_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    // CRM_API_URL: another server than `npm run dev`'s on port 3000
    proxy: { '/api': api, '/healthz': api, '/readyz': api },
  },
});
