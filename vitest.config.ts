import { defineConfig } from 'vitest/config';

const serverTests = {
  include: ['server/src/**/*.test.ts', 'packages/**/*.test.ts'],
  globalSetup: ['server/src/test/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

/** API tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { test: { ...serverTests, name: 'pglite', env: { TEST_DB: 'pglite' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ test: { ...serverTests, name: 'postgres', env: { TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
});
