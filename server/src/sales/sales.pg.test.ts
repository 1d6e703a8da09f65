import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../db/client.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { refreshSalesFigures } from './figures.ts';
import { depsOf, installSalesSchema } from '../test/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await installSalesSchema(t.database);
});
afterAll(() => t.close());

describe('sales figures on several instances', () => {
  it('refreshes once when two instances start at the same moment (advisory lock)', async () => {
    // two app instances: each its own CRM pool and sales pool on the same database
    const url = t.database.pool!.options.connectionString!;
    const other = openPostgres(url, { max: 2 });
    const a = depsOf(t);
    const b = { ...depsOf(t), database: other, db: other.db };
    try {
      const first = new Date(t.clock.now.getTime() + 10_000);
      const second = new Date(t.clock.now.getTime() + 20_000);
      const [ra, rb] = await Promise.all([
        refreshSalesFigures(a, 'full', first),
        refreshSalesFigures(b, 'full', second),
      ]);
      expect(ra.asOf).toBe(rb.asOf); // the second waited for the first and answered its result
      const [sync] = await t.database.query<{ as_of: Date }>('select as_of from sales_sync');
      expect(new Date(sync!.as_of).toISOString()).toBe(ra.asOf);
    } finally {
      await a.sales.close();
      await b.sales.close();
      await other.close();
    }
  });
});
