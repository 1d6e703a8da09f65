import type pg from 'pg';
import type { Tx } from '../db/client.ts';
import { seedBase } from '../db/seed/base.ts';
import { seedDemoUsers } from '../db/seed/users.ts';

/** What every test database starts with: the base data and the five demo accounts (password demo1234). */
export async function seedTestTemplate(tx: Tx) {
  await seedBase(tx);
  await seedDemoUsers(tx);
}

export const TEMPLATE_DB = 'crm_test_template';

/** The admin connection string with another database name. */
export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Drops a test database and ends the connections to it. PostgreSQL lets a role that is no superuser end only its
 * own connections: an autovacuum worker that happens to be busy in the database (likely just after a seed) makes
 * `with (force)` fail with 42501, so the drop is tried again until the worker is done (it is a moment).
 */
export async function dropDatabase(admin: pg.Client, name: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
