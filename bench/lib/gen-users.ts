import { hashPassword } from '../../server/src/platform/passwords.ts';
import { DEMO_PASSWORD } from '../../server/src/db/seed/users.ts';
import type { Scale } from './scales.ts';
import * as N from './names.ts';
import type { Query } from './sql-params.ts';

export type BenchUser = { username: string; displayName: string; role: string };

/**
 * The staff: the demo accounts (admin, director, manager1, manager2, executive — the benchmark signs in with them)
 * plus more managers and directors up to the scale's counts. All share one password (`demo1234`), hashed once.
 */
export function benchUsers(scale: Scale): BenchUser[] {
  const name = (i: number) => `${N.SURNAMES[i % N.SURNAMES.length]}${N.GIVEN_CHARS[(i * 7) % N.GIVEN_CHARS.length]}`;
  const users: BenchUser[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin' },
    { username: 'executive', displayName: '赵总', role: 'executive' },
    { username: 'executive2', displayName: '钱总', role: 'executive' },
  ];
  for (let i = 1; i <= scale.directors; i++) {
    users.push({
      username: i === 1 ? 'director' : `director${i}`,
      displayName: i === 1 ? '王主管' : `${name(i + 100)}主管`,
      role: 'director',
    });
  }
  for (let i = 1; i <= scale.managers; i++) {
    const fixed = ['李经理', '张经理'][i - 1];
    users.push({ username: `manager${i}`, displayName: fixed ?? `${name(i)}经理`, role: 'manager' });
  }
  return users;
}

export async function insertUsers(q: Query, scale: Scale) {
  const users = benchUsers(scale);
  const hash = await hashPassword(DEMO_PASSWORD);
  await q(
    `insert into users (username, display_name, password_hash)
     select u, d, $3 from unnest($1::text[], $2::text[]) x(u, d)`,
    [users.map((u) => u.username), users.map((u) => u.displayName), hash],
  );
  await q(
    `insert into user_roles (user_id, role_id)
     select u.id, r.id from unnest($1::text[], $2::text[]) x(username, role)
     join users u on u.username = x.username join roles r on r.code = x.role`,
    [users.map((u) => u.username), users.map((u) => u.role)],
  );
}

/** The ids generation needs, read back from the base data and the users. */
export async function lookupIds(q: Query) {
  const ids = async (sql: string) => (await q<{ id: number }>(sql)).map((r) => r.id);
  const byRole = (role: string) =>
    ids(
      `select u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id where r.code = '${role}' order by u.id`,
    );
  const dict = (type: string) => ids(`select id from dictionary_entries where type = '${type}' order by value, id`);
  return {
    managerIds: await byRole('manager'),
    directorIds: await byRole('director'),
    regionIds: await dict('region'),
    levelIds: await dict('customerLevel'),
    serviceTypeIds: await dict('serviceType'),
  };
}
