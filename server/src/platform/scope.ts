import type { Permission, ScopeFamily } from '@crm/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { rowCount } from '../db/page.ts';
import { whereOf, within } from '../db/sql.ts';
import { utcMonthsOf } from './calendar.ts';
import type { Actor } from './context.ts';

/**
 * Data scope (docs/organisation.md#data-scope): the one place that turns a user's scope into the SQL condition of the
 * query that reads the records — lists, details, exports, reports, the workbench and the pickers all use it, so a
 * record outside the scope is never read, not filtered out afterwards.
 */
export type Reader = Pick<Actor, 'id' | 'departmentId' | 'dataScope'>;

/** What the system reads for what it sends out itself (webhooks, docs/webhooks.md#events): every record. */
export const SYSTEM_READER: Reader = {
  id: 0,
  departmentId: null,
  dataScope: { customers: 'all', opportunities: 'all', services: 'all', churn: 'all' },
};

/**
 * The departments whose users are inside the reader's scope for `family` — theirs (`department`), or theirs and every
 * one below it (`departmentTree`) — as a query of department ids; none for `self`, for `all` and for a reader without
 * a department (who sees as `self`). The reader is a user of their own department.
 */
function scopeDepartments(reader: Reader, family: ScopeFamily): SQL | undefined {
  const scope = reader.dataScope[family];
  if (reader.departmentId === null || scope === 'self' || scope === 'all') return undefined;
  return scope === 'department'
    ? sql`select ${reader.departmentId}::int`
    : sql`select sdp.descendant_id from department_paths sdp where sdp.ancestor_id = ${reader.departmentId}`;
}

/** The users of the scope's departments. */
function colleagues(reader: Reader, family: ScopeFamily): SQL | undefined {
  const departments = scopeDepartments(reader, family);
  return departments && sql`select su.id from users su where su.department_id in (${departments})`;
}

/**
 * True when one of `people` (SQL expressions of user ids: the people the record belongs to) is inside the reader's
 * scope for `family`: the reader themself, or (department scopes) a user of their department (tree). A reader
 * without a department sees as `self`. `lookup`: how each person is compared with the scope's users — `index` (the
 * default) keeps each comparison one index condition; `hash` suits a scan of many rows without such an index (a table
 * of kept totals), each person looked up in a hash of the users rather than compared with each of them.
 */
export function peopleInScope(
  reader: Reader,
  family: ScopeFamily,
  people: SQL[],
  lookup: 'index' | 'hash' = 'index',
): SQL {
  if (reader.dataScope[family] === 'all') return sql`true`;
  const members = colleagues(reader, family);
  const users = members ? sql`select ${reader.id}::int union all ${members}` : undefined;
  // `= any(array(…))`: the reader and their colleagues are read once (an init plan), and each comparison stays one
  // index condition (e.g. customers_manager_idx), which `in (subquery)` or several `or`s would not; over a scan
  // `in (subquery)` is one hash (a region's 136 users at scale XL against 47,441 rows of totals: 38 → 11 ms)
  const inScope = (p: SQL) =>
    !users ? sql`${p} = ${reader.id}` : lookup === 'hash' ? sql`${p} in (${users})` : sql`${p} = any(array(${users}))`;
  return sql`(${sql.join(people.map(inScope), sql` or `)})`;
}

const col = (alias: string, column: string) => sql.raw(`${alias}.${column}`);

/** The customers the reader sees through their managers (docs/organisation.md#data-scope, rule 2). */
const ownedCustomerInScope = (reader: Reader, c = 'c') => peopleInScope(reader, 'customers', [col(c, 'manager_id')]);

/** A customer belongs to its manager; a customer in the pool (no manager) is seen by every customer reader. */
export const customerInScope = (reader: Reader, c = 'c') =>
  reader.dataScope.customers === 'all'
    ? sql`true`
    : sql`(${col(c, 'manager_id')} is null or ${ownedCustomerInScope(reader, c)})`;

/**
 * The customers in scope as two disjoint parts, the pool and the scope's own, for a count or sum over many of them:
 * each part is one index condition on the manager, where `customerInScope`'s `or` reads every customer.
 */
export const customerScopeParts = (reader: Reader, c = 'c'): [SQL, SQL] => [
  sql`${col(c, 'manager_id')} is null`,
  ownedCustomerInScope(reader, c),
];

/** An opportunity belongs to its creator and its assignee. */
export const opportunityOwners = (o = 'o') => [col(o, 'created_by'), col(o, 'assignee_id')];
export const opportunityInScope = (reader: Reader, o = 'o', lookup?: 'index' | 'hash') =>
  peopleInScope(reader, 'opportunities', opportunityOwners(o), lookup);

/**
 * The scope of `family` as one condition per person column of `people`, for a count that reads each column's index on
 * its own and unites the ids (the OR of several columns reads the whole table); null when the reader sees all.
 */
export const scopeBranches = (reader: Reader, family: ScopeFamily, people: SQL[]): SQL[] | null =>
  reader.dataScope[family] === 'all' ? null : people.map((p) => peopleInScope(reader, family, [p]));

/**
 * A service belongs to its creator, assignee and handler, and to the manager of its customer. The customer's manager
 * is asked as `exists`, which the planner may answer either per service (an index lookup, for a detail or a short
 * page) or once for the whole scan (a hash of the customers in scope, for a count over many services); a scalar
 * subquery of the manager could only be looked up per service (at 2,000,000 services, 11.4 s for a region's count).
 * `page`: a page in a department's scope looks the manager up per service read — the planner, not knowing how many
 * customers the scope holds, would hash them all (a region's 335,017 at scale XL: 210 ms) for twenty services, most
 * of which are in scope (an `offset` keeps PostgreSQL from turning the `exists` into a hashed subplan); a `self`
 * scope's few services among many keep the planner's choice.
 */
export const serviceInScope = (reader: Reader, s = 's', page = false) =>
  reader.dataScope.services === 'all'
    ? sql`true`
    : sql`(${peopleInScope(reader, 'services', [col(s, 'created_by'), col(s, 'assignee_id'), col(s, 'handled_by')])}
          or exists (select 1 from customers sc where sc.id = ${col(s, 'customer_id')}
                     and ${peopleInScope(reader, 'services', [sql`sc.manager_id`])}
                     ${page && scopeDepartments(reader, 'services') ? sql`offset 0` : sql``}))`;

/**
 * The number of services inside the reader's scope, of one status or of every one, kept rather than counted: every
 * service, the table's row count; of one status or in a department's scope, a sum over the counts kept per the
 * departments of a service's four people and its status (`service_totals`, migration 0035) — inside the scope when one
 * of the four departments is one of the scope's (docs/organisation.md#data-scope, rule 4). None for a `self` scope,
 * whose services are counted.
 */
export function keptServiceCount(reader: Reader, status?: string): SQL | undefined {
  const all = reader.dataScope.services === 'all';
  if (all && !status) return rowCount('services');
  const d = scopeDepartments(reader, 'services');
  if (!all && !d) return undefined;
  return sql`select coalesce(sum(t.n), 0)::bigint from service_totals t ${whereOf([
    status && sql`t.status = ${status}`,
    d && inDepartments(d),
  ])}`;
}

/** A kept combination of a service's four people's departments (`t`) with one of them among `departments`. */
const inDepartments = (departments: SQL) =>
  sql`(t.creator_department in (${departments}) or t.assignee_department in (${departments})
       or t.handler_department in (${departments}) or t.manager_department in (${departments}))`;

/**
 * The number of services inside the reader's scope created in [from, to), kept rather than counted for everyone's
 * and a department's scope: a sum over the counts kept per departments and UTC month (`service_month_totals`,
 * migration 0042) of the range's whole months, and the services between its ends and the nearest month starts
 * counted (`utcMonthsOf`). None for a `self` scope, whose services are counted.
 */
export function keptServicesCreated(reader: Reader, range: { from: Date; to: Date }): SQL | undefined {
  const d = scopeDepartments(reader, 'services');
  if (reader.dataScope.services !== 'all' && !d) return undefined;
  const { firstMonth, lastMonth, edges } = utcMonthsOf(range);
  const counted = edges.map(
    (e) => sql`${e.sign}::int * (select count(*) from services s
                                 where ${within(sql`s.created_at`, e)} and ${serviceInScope(reader)})`,
  );
  return sql`(select coalesce(sum(t.n), 0) from service_month_totals t
              where t.month >= ${firstMonth} and t.month < ${lastMonth} ${d ? sql`and ${inDepartments(d)}` : sql``})
             + ${sql.join(counted, sql` + `)}`;
}

/** A churn warning belongs to the manager of its customer (and to the manager it was raised for). */
export const churnInScope = (reader: Reader, w = 'w', c = 'c') =>
  peopleInScope(reader, 'churn', [col(c, 'manager_id'), col(w, 'manager_id')]);

/**
 * The warnings in scope as two disjoint parts, for a count over many of them: those raised for a manager in scope (the
 * warning alone, no customer read), and the others whose customer's manager is in scope — where `churnInScope`'s `or`
 * across the two tables joins every open warning with every customer (a region at scale L: 15 → 9 ms). The second
 * part looks its managers up in a hash of the scope's users: PostgreSQL, not knowing how many customers the scope holds,
 * would otherwise hash them all (a region's 335,017 at scale XL: 152 → 69 ms).
 */
export const churnScopeParts = (reader: Reader, w = 'w', c = 'c'): [SQL, SQL] => {
  const raisedFor = (lookup?: 'hash') => peopleInScope(reader, 'churn', [col(w, 'manager_id')], lookup);
  return [
    raisedFor(),
    sql`not coalesce(${raisedFor('hash')}, false) and ${peopleInScope(reader, 'churn', [col(c, 'manager_id')], 'hash')}`,
  ];
};

/** A user inside the reader's scope for `family` (the assignee pickers, transfers, handovers). */
export const userInScope = (reader: Reader, family: ScopeFamily, userId: SQL) =>
  peopleInScope(reader, family, [userId]);

/**
 * The reverse of `peopleInScope`: the active users who hold `permission` and whose scope for `family` reaches one of
 * `people` (a query of user ids, the people a record belongs to) — the readers to tell of a record, e.g. the
 * directors of a dissatisfied service (docs/notifications.md#kinds). Per user the widest scope of their roles, as
 * `effectiveScope` reads it at sign-in.
 */
export function readersInScope(permission: Permission, family: ScopeFamily, people: SQL): SQL {
  return sql`select r.id from (
      select u.id, u.department_id,
             (array_agg(rs.scope order by case rs.scope when 'all' then 4 when 'departmentTree' then 3
                                            when 'department' then 2 else 1 end desc))[1] as scope
      from users u
      join user_roles ur on ur.user_id = u.id
      join role_scopes rs on rs.role_id = ur.role_id and rs.family = ${family}
      where u.active and exists (select 1 from user_roles pr join role_permissions rp on rp.role_id = pr.role_id
                                 where pr.user_id = u.id and rp.permission = ${permission})
      group by u.id, u.department_id
    ) r
    where r.scope = 'all' or exists (
      select 1 from (${people}) p(id)
      where p.id = r.id
         or (r.scope = 'department' and p.id in (select su.id from users su where su.department_id = r.department_id))
         or (r.scope = 'departmentTree' and p.id in (
               select su.id from department_paths sdp join users su on su.department_id = sdp.descendant_id
               where sdp.ancestor_id = r.department_id)))`;
}

/** The people a service belongs to (docs/organisation.md#data-scope, rule 2), as a query of user ids. */
export const servicePeople = (serviceId: SQL) =>
  sql`select unnest(array[s.created_by, s.assignee_id, s.handled_by, c.manager_id])
      from services s join customers c on c.id = s.customer_id where s.id = ${serviceId}`;
