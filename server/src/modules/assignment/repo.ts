import type { AssignmentRule, AssignmentStrategy } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

/** Whole-number ids (validated) as one `int[]` parameter. */
const intArray = (ids: readonly number[]) => sql`${`{${ids.join(',')}}`}::int[]`;

/** Active managers: the people work can be assigned to (docs/product.md#access-control, rule 7). */
const ACTIVE_MANAGER = sql.raw(`u.active and exists (select 1 from user_roles ur join roles r on r.id = ur.role_id
  where ur.user_id = u.id and r.code = 'manager')`);

type RuleRow = Omit<AssignmentRule, 'problems'>;

const columns = sql`a.id, a.name, a.active, a.priority,
  json_build_object('typeIds', a.type_ids, 'regionIds', a.region_ids, 'levelIds', a.level_ids) as conditions,
  a.strategy, a.assignee_ids as "assigneeIds",
  coalesce((select json_agg(json_build_object('id', u.id, 'displayName', u.display_name, 'active', ${ACTIVE_MANAGER})
      order by array_position(a.assignee_ids, u.id))
    from users u where u.id = any(a.assignee_ids)), '[]'::json) as assignees,
  a.created_at as "createdAt", a.updated_at as "updatedAt"`;

/** Every rule in the order they are tried (docs/assignment-rules.md#order, rule 1). */
export async function listRules(db: DbOrTx, limit: number, offset: number) {
  const items = await rows<RuleRow>(
    db,
    sql`select ${columns} from assignment_rules a order by a.priority, a.id limit ${limit} offset ${offset}`,
  );
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from assignment_rules`);
  return { items, total: count?.n ?? 0 };
}

export async function findRule(db: DbOrTx, id: number, lock = false): Promise<RuleRow | undefined> {
  const [row] = await rows<RuleRow>(
    db,
    sql`select ${columns} from assignment_rules a where a.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return row;
}

export type RuleValues = {
  name: string;
  active: boolean;
  priority: number;
  typeIds: number[];
  regionIds: number[];
  levelIds: number[];
  strategy: AssignmentStrategy;
  assigneeIds: number[];
};

export async function insertRule(tx: DbOrTx, v: RuleValues, now: Date): Promise<number> {
  const [row] = await rows<{ id: number }>(
    tx,
    sql`insert into assignment_rules
          (name, active, priority, type_ids, region_ids, level_ids, strategy, assignee_ids, created_at, updated_at)
        values (${v.name}, ${v.active}, ${v.priority}, ${intArray(v.typeIds)}, ${intArray(v.regionIds)},
          ${intArray(v.levelIds)}, ${v.strategy}, ${intArray(v.assigneeIds)}, ${now.toISOString()}::timestamptz,
          ${now.toISOString()}::timestamptz)
        returning id`,
  );
  return row!.id;
}

export async function updateRule(tx: DbOrTx, id: number, v: RuleValues, now: Date) {
  await tx.execute(
    sql`update assignment_rules set name = ${v.name}, active = ${v.active}, priority = ${v.priority},
          type_ids = ${intArray(v.typeIds)}, region_ids = ${intArray(v.regionIds)}, level_ids = ${intArray(v.levelIds)},
          strategy = ${v.strategy}, assignee_ids = ${intArray(v.assigneeIds)},
          updated_at = ${now.toISOString()}::timestamptz
        where id = ${id}`,
  );
}

export async function deleteRule(tx: DbOrTx, id: number) {
  const deleted = await rows<{ id: number }>(tx, sql`delete from assignment_rules where id = ${id} returning id`);
  return deleted.length > 0;
}

/** The ids among `ids` that are entries of the dictionary type. */
export async function entriesOfType(db: DbOrTx, ids: number[], type: string): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const found = await rows<{ id: number }>(
    db,
    sql`select id from dictionary_entries where id = any(${intArray(ids)}) and type = ${type}`,
  );
  return new Set(found.map((r) => r.id));
}

/** The users among `ids` that exist, and whether each is an active manager. */
export async function usersOf(db: DbOrTx, ids: number[]): Promise<Map<number, boolean>> {
  if (!ids.length) return new Map();
  const found = await rows<{ id: number; manager: boolean }>(
    db,
    sql`select u.id, ${ACTIVE_MANAGER} as manager from users u where u.id = any(${intArray(ids)})`,
  );
  return new Map(found.map((r) => [r.id, r.manager]));
}

// ---- choosing the assignee of a new service (docs/assignment-rules.md#assigning) ------------------------------

export type Candidate = { ruleId: number; name: string; strategy: AssignmentStrategy; people: number[] };

/**
 * The active rules whose conditions the service meets, in order, each with the people it could give it to now: its
 * assignees that are active managers (in its order), or for `customerManager` the customer's manager if one.
 */
export async function matchingRules(tx: DbOrTx, serviceId: number): Promise<Candidate[]> {
  return rows<Candidate>(
    tx,
    sql`select a.id as "ruleId", a.name, a.strategy,
          case when a.strategy = 'customerManager' then
            coalesce((select array_agg(u.id) from users u where u.id = c.manager_id and ${ACTIVE_MANAGER}), '{}')
          else coalesce((select array_agg(u.id order by array_position(a.assignee_ids, u.id)) from users u
                         where u.id = any(a.assignee_ids) and ${ACTIVE_MANAGER}), '{}') end as people
        from services s
        join customers c on c.id = s.customer_id
        join assignment_rules a on a.active
          and (cardinality(a.type_ids) = 0 or s.type_id = any(a.type_ids))
          and (cardinality(a.region_ids) = 0 or c.region_id = any(a.region_ids))
          and (cardinality(a.level_ids) = 0 or c.level_id = any(a.level_ids))
        where s.id = ${serviceId}
        order by a.priority, a.id`,
  );
}

/**
 * Advances the rule's rotation and answers the position before it. The row stays locked until the creating
 * transaction ends, so services created at once on any number of instances take turns (docs/assignment-rules.md,
 * rule 4).
 */
export async function takeTurn(tx: DbOrTx, ruleId: number): Promise<number> {
  const [row] = await rows<{ turn: number }>(
    tx,
    sql`update assignment_rules set rotation = rotation + 1 where id = ${ruleId} returning rotation - 1 as turn`,
  );
  return row!.turn;
}

/** How many `assigned` services each person holds now (people without any: 0). */
export async function openCounts(tx: DbOrTx, people: number[]): Promise<Map<number, number>> {
  const found = await rows<{ id: number; n: number }>(
    tx,
    sql`select assignee_id as id, count(*)::int as n from services
        where status = 'assigned' and assignee_id = any(${intArray(people)}) group by assignee_id`,
  );
  return new Map(found.map((r) => [r.id, r.n]));
}
