import { eq, sql } from 'drizzle-orm';
import type { Department } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { departments } from '../../db/schema/index.ts';
import { rows } from '../../db/sql.ts';

const columns = sql`d.id, d.name, d.parent_id as "parentId", d.leader_id as "leaderId",
  (select count(*)::int from users u where u.department_id = d.id) as "userCount"`;

/** The whole tree, parents before their children: by depth, then by name. */
export const listDepartments = (db: DbOrTx) =>
  rows<Department>(
    db,
    sql`select ${columns} from departments d
        order by (select max(p.depth) from department_paths p where p.descendant_id = d.id), lower(d.name), d.id`,
  );

export async function findDepartment(db: DbOrTx, id: number): Promise<Department | undefined> {
  const [row] = await rows<Department>(db, sql`select ${columns} from departments d where d.id = ${id}`);
  return row;
}

export async function departmentExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  return Boolean(row);
}

export async function isActiveUser(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await rows<{ ok: boolean }>(
    db,
    sql`select exists (select 1 from users where id = ${id} and active) as ok`,
  );
  return Boolean(row?.ok);
}

/** Whether `candidate` is `id` itself or one of the departments below it. */
export async function isInSubtree(db: DbOrTx, id: number, candidate: number): Promise<boolean> {
  const [row] = await rows<{ ok: boolean }>(
    db,
    sql`select exists (select 1 from department_paths where ancestor_id = ${id} and descendant_id = ${candidate}) as ok`,
  );
  return Boolean(row?.ok);
}

/** A new department with its closure rows: itself at depth 0 and each ancestor of its parent one deeper. */
export async function insertDepartment(
  db: DbOrTx,
  v: { name: string; parentId: number | null; leaderId: number | null },
): Promise<number> {
  const [row] = await db.insert(departments).values(v).returning({ id: departments.id });
  const id = row!.id;
  await db.execute(
    sql`insert into department_paths (ancestor_id, descendant_id, depth)
        select ${id}::int, ${id}::int, 0
        union all
        select p.ancestor_id, ${id}::int, p.depth + 1 from department_paths p where p.descendant_id = ${v.parentId}::int`,
  );
  return id;
}

export async function updateDepartment(
  db: DbOrTx,
  id: number,
  v: Partial<{ name: string; parentId: number | null; leaderId: number | null }>,
) {
  const changes = Object.fromEntries(Object.entries(v).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length) await db.update(departments).set(changes).where(eq(departments.id, id));
}

/**
 * Re-hangs the closure of `id`'s subtree under `parentId` (null: a top department), set-based: the links of every
 * department of the subtree to the ancestors above `id` go, and the cross product of the new parent's ancestors (it
 * included) with the subtree comes in. The caller holds the tree lock and has refused a parent inside the subtree.
 */
export async function moveSubtree(db: DbOrTx, id: number, parentId: number | null) {
  await db.execute(
    sql`delete from department_paths
        where descendant_id in (select descendant_id from department_paths where ancestor_id = ${id})
          and ancestor_id not in (select descendant_id from department_paths where ancestor_id = ${id})`,
  );
  if (parentId === null) return;
  await db.execute(
    sql`insert into department_paths (ancestor_id, descendant_id, depth)
        select above.ancestor_id, below.descendant_id, above.depth + below.depth + 1
        from department_paths above cross join department_paths below
        where above.descendant_id = ${parentId} and below.ancestor_id = ${id}`,
  );
}

/** Deletes the department only while no user and no sub-department is in it; answers whether it did. */
export async function deleteEmptyDepartment(db: DbOrTx, id: number): Promise<boolean> {
  const deleted = await rows<{ id: number }>(
    db,
    sql`delete from departments d where d.id = ${id}
          and not exists (select 1 from users u where u.department_id = d.id)
          and not exists (select 1 from departments c where c.parent_id = d.id)
        returning d.id`,
  );
  return deleted.length > 0;
}

/** A lock held until the transaction ends, taking turns with every other holder of `key`. */
export async function advisoryXactLock(db: DbOrTx, key: number) {
  await db.execute(sql`select pg_advisory_xact_lock(${key})`);
}
