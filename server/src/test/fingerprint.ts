import type { Database } from '../db/client.ts';

/**
 * Row counts of every table of ours. An insert or delete changes a count, and every update of business data writes
 * an audit row, so a refusal that changed anything shows here. Session and bookkeeping tables are left out.
 */
export async function fingerprint(database: Database): Promise<string> {
  const tables = await database.query<{ t: string }>(
    `select tablename as t from pg_tables where schemaname = 'public'
       and tablename not in ('sessions', 'portal_sessions', 'login_throttle', 'login_devices', 'idempotency_keys', 'job_runs', '__drizzle_migrations') order by 1`,
  );
  const [row] = await database.query<{ v: string }>(
    `select concat_ws(',', ${tables.map(({ t }) => `'${t}:' || (select count(*) from "${t}")`).join(', ')}) as v`,
  );
  return row!.v;
}
