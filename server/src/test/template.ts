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
