import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INITIAL_DATA_SCOPES, INITIAL_ROLES, ROLE_CODES } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { ok, testApp } from '../test/factories.ts';

/**
 * Migration 0014 on a database of Part I: its data statements give every existing role the scopes that keep Part I
 * (docs/organisation.md#data-scope, rule 6) and the built-in roles the new permissions. Replayed here on the test
 * database after removing what they write, as on a database upgraded from Part I.
 */
const migration = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations/0014_organisation_and_pool.sql'),
  'utf8',
);
const dataStatements = migration
  .split('--> statement-breakpoint')
  .map((s) => s.trim())
  .filter((s) => /^(--[^\n]*\n)*INSERT INTO "role_(scopes|permissions)"/.test(s));
const NEW_PERMISSIONS = ['department.manage', 'user.handover', 'customer.transfer', 'pool.claim', 'pool.manage'];

const { t, admin } = await testApp('admin');

describe('migration 0014 on a Part I database', () => {
  it('gives the built-in roles their initial scopes and permissions, and a custom role the scopes Part I read', async () => {
    expect(dataStatements).toHaveLength(2);
    const custom = ok(
      await admin.post('/roles', {
        code: 'watcher',
        name: '观察员',
        permissions: ['opportunity.read', 'churn.read', 'customer.read'],
      }),
      201,
    );
    await t.database.query(
      `update role_permissions set permission = 'opportunity.all'
      where role_id = $1 and permission = 'opportunity.read'`,
      [custom.id],
    );
    await t.database.query('delete from role_scopes');
    await t.database.query(`delete from role_permissions where permission = any($1)`, [NEW_PERMISSIONS]);

    for (const statement of dataStatements) await t.database.query(statement);

    const roles = ok(await admin.get('/roles')) as { code: string; permissions: string[]; dataScope: unknown }[];
    for (const code of ROLE_CODES) {
      const role = roles.find((r) => r.code === code)!;
      expect(role.dataScope, code).toEqual(INITIAL_DATA_SCOPES[code]);
      expect([...role.permissions].sort(), code).toEqual([...INITIAL_ROLES[code].permissions].sort());
    }
    expect(roles.find((r) => r.code === 'watcher')!.dataScope).toEqual({
      customers: 'all',
      opportunities: 'all',
      services: 'all',
      churn: 'self',
    });
  });
});
