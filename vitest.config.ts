import { defineConfig } from 'vitest/config';

const serverTests = {
  include: ['server/src/**/*.test.ts', 'packages/**/*.test.ts', 'scripts/**/*.test.ts'],
  globalSetup: ['server/src/test/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

/** API tests run on PGlite always, and on PostgreSQL too when TEST_DATABASE_URL is set. */
export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/api.json' },
    maxWorkers: 2,
    projects: [
      // `*.pg.test.ts`: what only PostgreSQL can show (several connections at once);
      // `*.pglite.test.ts`: what concerns only the embedded database (the data-folder lock)
      {
        test: {
          ...serverTests,
          name: 'pglite',
          exclude: ['**/node_modules/**', '**/*.pg.test.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                ...serverTests,
                name: 'postgres',
                exclude: ['**/node_modules/**', '**/*.pglite.test.ts'],
                env: { TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
