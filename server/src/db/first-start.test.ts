import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../platform/passwords.ts';
import { onPostgres } from '../test/harness.ts';
import { emptyDatabase } from '../test/databases.ts';
import type { Database } from './client.ts';
import { migrate } from './migrate.ts';
import { seedOnFirstStart } from './seed/index.ts';

const users = async (db: Database) =>
  db.query<{ username: string; password_hash: string }>('select username, password_hash from users order by id');

describe('first start', () => {
  it('without the demo creates only admin, with a generated password shown once, and never seeds again', async () => {
    const empty = await emptyDatabase();
    const db = empty.open();
    await migrate(db);
    const first = await seedOnFirstStart(db, { demo: false, adminPassword: undefined });
    expect(first.seeded).toBe(true);
    expect(first.generatedAdminPassword).toMatch(/^\S{12,}$/);
    const [admin, ...others] = await users(db);
    expect(others).toHaveLength(0);
    expect(await verifyPassword(admin!.password_hash, first.generatedAdminPassword!)).toBe(true);
    expect(await verifyPassword(admin!.password_hash, 'demo1234')).toBe(false);
    const second = await seedOnFirstStart(db, { demo: false, adminPassword: undefined });
    expect(second).toEqual({ seeded: false, demo: false });
    expect((await db.query('select * from roles')).length).toBe(4);
    // the system's entries only: Part I's 13 and the four opportunity stages (docs/pipeline.md#stages)
    expect((await db.query('select * from dictionary_entries')).length).toBe(17);
    expect((await db.query(`select * from dictionary_entries where type = 'opportunityStage'`)).length).toBe(4);
    if (onPostgres) await db.close();
    await empty.drop();
  });

  it('uses CRM_ADMIN_PASSWORD when given', async () => {
    const empty = await emptyDatabase();
    const db = empty.open();
    await migrate(db);
    const first = await seedOnFirstStart(db, { demo: false, adminPassword: 'chosen-by-ops' });
    expect(first.generatedAdminPassword).toBeUndefined();
    const [admin] = await users(db);
    expect(await verifyPassword(admin!.password_hash, 'chosen-by-ops')).toBe(true);
    if (onPostgres) await db.close();
    await empty.drop();
  });
});
