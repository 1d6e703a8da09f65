import { hashPassword } from '../../server/src/platform/passwords.ts';
import { DEMO_PASSWORD } from '../../server/src/db/seed/users.ts';
import type { Scale } from './scales.ts';
import * as N from './names.ts';
import type { Query } from './sql-params.ts';

export type BenchUser = { username: string; displayName: string; role: string };

/**
 * The staff: the demo accounts (admin, director, manager1, manager2, executive — the benchmark signs in with them)
 * plus more managers and directors up to the scale's counts, and `regional`, the director of one region (the role
 * `regional_director`: the director's permissions, `departmentTree` scope in every family). All share one password
 * (`demo1234`), hashed once.
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
  users.push({ username: REGIONAL, displayName: '华北大区总监', role: REGIONAL_ROLE });
  for (let i = 1; i <= scale.managers; i++) {
    const fixed = ['李经理', '张经理'][i - 1];
    users.push({ username: `manager${i}`, displayName: fixed ?? `${name(i)}经理`, role: 'manager' });
  }
  return users;
}

/** The regional director the benchmark measures the scoped reads with, and their role. */
export const REGIONAL = 'regional';
const REGIONAL_ROLE = 'regional_director';

/**
 * The sales organisation (docs/organisation.md#departments): 销售部 with three regions of two groups each. The
 * managers are spread over the six groups in turn (manager1 in 北京组), so a region holds about a third of them and
 * of their customers; the directors sit in 销售部 and `regional` in 华北大区.
 */
const REGIONS: [string, string[]][] = [
  ['华北大区', ['北京组', '天津组']],
  ['华东大区', ['上海组', '杭州组']],
  ['华南大区', ['广州组', '深圳组']],
];

/** The regional director's role: the director's permissions, seeing the department tree in every family. */
async function insertRegionalRole(q: Query) {
  await q(
    `with r as (insert into roles (code, name, description) values ($1, '大区总监', 'A director of one region')
                returning id),
          p as (insert into role_permissions (role_id, permission)
                select r.id, rp.permission from r, role_permissions rp join roles d on d.id = rp.role_id
                where d.code = 'director')
     insert into role_scopes (role_id, family, scope)
     select r.id, f, 'departmentTree' from r, unnest(array['customers', 'opportunities', 'services', 'churn']) f`,
    [REGIONAL_ROLE],
  );
}

/** A department and its rows of the closure table (one per ancestor and itself). */
async function insertDepartment(q: Query, name: string, parentId: number | null) {
  const [row] = await q<{ id: number }>(`insert into departments (name, parent_id) values ($1, $2) returning id`, [
    name,
    parentId,
  ]);
  const id = row!.id;
  await q(
    `insert into department_paths (ancestor_id, descendant_id, depth)
     select ancestor_id, $1::int, depth + 1 from department_paths where descendant_id = $2::int
     union all select $1::int, $1::int, 0`,
    [id, parentId],
  );
  return id;
}

/** The tree, and every user in it: managers in turn over the groups, directors at the top, `regional` in 华北大区. */
export async function insertDepartments(q: Query) {
  const top = await insertDepartment(q, '销售部', null);
  const regions: number[] = [];
  const groups: number[] = [];
  for (const [region, children] of REGIONS) {
    const id = await insertDepartment(q, region, top);
    regions.push(id);
    for (const child of children) groups.push(await insertDepartment(q, child, id));
  }
  await q(
    `update users u set department_id = ($1::int[])[1 + (m.n - 1) % cardinality($1::int[])]
     from (select u2.id, row_number() over (order by u2.id) as n from users u2
           join user_roles ur on ur.user_id = u2.id join roles r on r.id = ur.role_id where r.code = 'manager') m
     where u.id = m.id`,
    [groups],
  );
  await q(
    `update users set department_id = $1 where id in (select ur.user_id from user_roles ur join roles r on r.id = ur.role_id
                                                      where r.code = 'director')`,
    [top],
  );
  await q(`update users set department_id = $1 where username = $2`, [regions[0], REGIONAL]);
}

export async function insertUsers(q: Query, scale: Scale) {
  await insertRegionalRole(q);
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
