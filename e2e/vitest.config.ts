import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Browser journeys (run through `npm run e2e`, which starts the server and sets E2E_BASE_URL and E2E_VIEWPORT, once per
 * screen size, each pass writing test-results/e2e-<size>.json): one at a time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // pages load lazily; on a busy machine a page's title may take seconds to change
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
