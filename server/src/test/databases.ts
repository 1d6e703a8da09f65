import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../db/client.ts';
import { onPostgres } from './harness.ts';
import { dropDatabase, withDatabase } from './template.ts';

/** A database with nothing in it, not even the schema; `open` may be called several times on PostgreSQL. */
export async function emptyDatabase(): Promise<{ open: () => Database; drop: () => Promise<void>; url?: string }> {
  if (!onPostgres) {
    const db = await openPglite(undefined);
    return { open: () => db, drop: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `crm_first_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabase(url, name),
    open: () => openPostgres(withDatabase(url, name), { max: 3 }),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await dropDatabase(c, name);
      await c.end();
    },
  };
}
