import { describe, expect, it } from 'vitest';
import { emptyDatabase } from './test/databases.ts';
import { crashScenario } from './test/crash-scenario.ts';

describe('crash safety on PostgreSQL', () => {
  it('keeps every acknowledged write and no half-done change when the server is killed', async () => {
    const empty = await emptyDatabase();
    try {
      const result = await crashScenario({ DATABASE_URL: empty.url! });
      expect(result.succeeded).toBeGreaterThan(0);
    } finally {
      await empty.drop();
    }
  }, 900_000);
});
