import { count, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Database } from '../client.ts';
import { roles } from '../schema/index.ts';
import { seedBase } from './base.ts';
import { seedDemo } from './demo.ts';
import { seedAdmin } from './users.ts';

const SEED_LOCK = 4_711_002;

export type FirstStart = { seeded: boolean; demo: boolean; generatedAdminPassword?: string };

/**
 * First start: base data, then the demo company or the lone admin. A database that already has roles is never
 * seeded again, and on PostgreSQL instances starting together queue on a lock so that one of them seeds.
 */
export async function seedOnFirstStart(
  database: Database,
  config: Pick<Config, 'demo' | 'adminPassword'> & Partial<Pick<Config, 'salesDatabaseUrl'>>,
  now = new Date(),
): Promise<FirstStart> {
  return database.db.transaction(async (tx) => {
    if (database.kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx.select({ n: count() }).from(roles);
    if ((existing?.n ?? 0) > 0) return { seeded: false, demo: false };
    await seedBase(tx);
    if (config.demo) {
      // the demo's sales system lives in the CRM's own database only when no other one is configured
      await seedDemo(tx, now, { salesSchema: !config.salesDatabaseUrl });
      return { seeded: true, demo: true };
    }
    const generatedAdminPassword = await seedAdmin(tx, config.adminPassword);
    return { seeded: true, demo: false, generatedAdminPassword };
  });
}
