import { sql } from 'drizzle-orm';
import type { Tx } from '../client.ts';
import { rows } from '../sql.ts';

const DAY = 86_400_000;

/** Why the demo's released customers left their managers (customer_pool_events.reason). */
const RELEASE_REASONS = ['客户暂无采购计划，转入公海', '联系人离职，多次联系未果', '客户区域调整，不再跟进'];

/**
 * The demo company's organisation (docs/organisation.md#departments): 销售部 with 华北销售部 and 华南销售部 under
 * it, with their closure rows; the director leads 销售部, manager1 works in 华北, manager2 in 华南.
 */
async function seedDepartments(tx: Tx, users: Record<string, number>) {
  const [top] = await rows<{ id: number }>(
    tx,
    sql`insert into departments (name, leader_id) values ('销售部', ${users.director!}) returning id`,
  );
  const regions = await rows<{ id: number; name: string }>(
    tx,
    sql`insert into departments (name, parent_id) values ('华北销售部', ${top!.id}), ('华南销售部', ${top!.id})
        returning id, name`,
  );
  const north = regions.find((r) => r.name === '华北销售部')!.id;
  const south = regions.find((r) => r.name === '华南销售部')!.id;
  await tx.execute(sql`insert into department_paths (ancestor_id, descendant_id, depth) values
    (${top!.id}, ${top!.id}, 0), (${north}, ${north}, 0), (${south}, ${south}, 0),
    (${top!.id}, ${north}, 1), (${top!.id}, ${south}, 1)`);
  const member = (userId: number, departmentId: number) =>
    tx.execute(sql`update users set department_id = ${departmentId} where id = ${userId}`);
  await member(users.director!, top!.id);
  await member(users.manager1!, north);
  await member(users.manager2!, south);
}

/**
 * A few customers in the pool (docs/organisation.md#customer-pool): three released by their managers (with the
 * `released` event of their pool history) and two new ones that never had a manager. Only customers nothing else of
 * the demo points at (no churn warning, service or opportunity), and that the churn check will not warn — they
 * ordered in the last 60 days, or (without the demo's sales data) were created in the last 150 days — since a
 * warning needs a manager.
 */
async function seedPool(tx: Tx, now: Date) {
  const [sales] = await rows<{ ok: boolean }>(tx, sql`select to_regclass('sales.orders') is not null as ok`);
  const since = new Date(now.getTime() - 60 * DAY).toISOString();
  const young = sql`c.created_at > ${new Date(now.getTime() - 150 * DAY).toISOString()}::timestamptz`;
  const free = sql`c.status = 'normal'
    and not exists (select 1 from churn_warnings w where w.customer_id = c.id)
    and not exists (select 1 from services s where s.customer_id = c.id)
    and not exists (select 1 from opportunities o where o.customer_id = c.id)`;
  const ordered = sales?.ok
    ? sql`exists (select 1 from sales.orders so where so.customer_no = c.number and so.status in (5, 6)
                  and so.order_date >= ${since}::date)`
    : young;
  const released = await rows<{ id: number; managerId: number }>(
    tx,
    sql`select c.id, c.manager_id as "managerId" from customers c where ${free} and ${ordered} and not ${young}
        order by c.id limit 3`,
  );
  const fresh = await rows<{ id: number; createdAt: string }>(
    tx,
    sql`select c.id, c.created_at as "createdAt" from customers c
        where ${free} and ${young} and (${ordered} or c.created_at > ${since}::timestamptz)
        order by c.created_at desc limit 2`,
  );
  for (const [i, c] of released.entries()) {
    const at = new Date(now.getTime() - (3 + i * 6) * DAY).toISOString();
    await tx.execute(sql`update customers set manager_id = null, pool_entered_at = ${at}::timestamptz,
        pool_reason = 'released', previous_manager_id = ${c.managerId}, updated_at = ${at}::timestamptz
      where id = ${c.id}`);
    await tx.execute(sql`insert into customer_pool_events (customer_id, at, action, by_id, manager_id, reason)
      values (${c.id}, ${at}::timestamptz, 'released', ${c.managerId}, ${c.managerId}, ${RELEASE_REASONS[i]!})`);
  }
  // new customers enter the pool when they are created: no event (the history records released, returned, claimed
  // and assigned), no previous manager
  for (const c of fresh) {
    await tx.execute(sql`update customers set manager_id = null, pool_entered_at = created_at, pool_reason = 'new'
      where id = ${c.id}`);
  }
  return { released: released.length, new: fresh.length };
}

/** The organisation part of the demo company; after every other part, so that it picks the pool from the rest. */
export async function seedDemoOrganisation(tx: Tx, users: Record<string, number>, now: Date) {
  await seedDepartments(tx, users);
  return seedPool(tx, now);
}
