import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { seedOnFirstStart } from '../../db/seed/index.ts';
import type { Deps } from '../../deps.ts';
import { createSalesSystem } from '../../sales/system.ts';
import { installSalesSchema } from '../../test/factories.ts';
import { emptyDatabase } from '../../test/databases.ts';
import { scanForChurn } from './scan.ts';

let database: Database;
let drop: () => Promise<void>;
let deps: Deps;
const now = new Date();

beforeAll(async () => {
  const empty = await emptyDatabase();
  drop = empty.drop;
  database = empty.open();
  await migrate(database);
  await seedOnFirstStart(database, { demo: true, adminPassword: undefined }, now);
  await installSalesSchema(database); // a no-op once the demo brings its own sales data
  const config = loadConfig({ CRM_DEMO: '1' });
  deps = { config, database, db: database.db, sales: createSalesSystem(config, database) };
});
afterAll(async () => {
  await deps.sales.close();
  if (database.kind === 'postgres') await database.close();
  await drop();
});

describe('the demo company (docs/product.md#churn)', () => {
  it('has churn warnings in every status; delayed and lost ones with measures, the lost one with its reason', async () => {
    const found = await database.query<{
      status: string;
      measures: number;
      reason: string | null;
      confirmed: boolean;
      customer_status: string;
    }>(
      `select w.status, (select count(*)::int from churn_measures m where m.warning_id = w.id) as measures, w.reason,
              w.confirmed_at is not null as confirmed, c.status as customer_status
       from churn_warnings w join customers c on c.id = w.customer_id order by w.id`,
    );
    const by = Object.fromEntries(found.map((f) => [f.status, f]));
    expect(Object.keys(by).sort()).toEqual(['delayed', 'lost', 'recovered', 'warning']);
    expect(by.delayed!.measures).toBeGreaterThanOrEqual(2);
    expect(by.lost).toMatchObject({ confirmed: true, customer_status: 'lost' });
    expect(by.lost!.reason).toBeTruthy();
    expect(by.lost!.measures).toBeGreaterThanOrEqual(1);
    expect(by.warning!.customer_status).toBe('normal');
  });

  it('stays consistent under a real check, which runs quickly on it', async () => {
    const before = await database.query<{ id: number; status: string }>(
      'select id, status from churn_warnings order by id',
    );
    const result = await scanForChurn(deps, { actor: null, requestId: 'demo-test', now });
    console.log(`churn check on the demo company: ${JSON.stringify(result)}`);
    // the open ones stay open, the closed ones closed (a recovered demo customer without sales data may be warned anew)
    expect(result.recovered).toBe(0);
    const after = await database.query<{ id: number; status: string }>(
      'select id, status from churn_warnings where id = any($1::int[]) order by id',
      [before.map((b) => b.id)],
    );
    expect(after).toEqual(before);
    expect(result.durationMs).toBeLessThan(5_000);
  });
});
