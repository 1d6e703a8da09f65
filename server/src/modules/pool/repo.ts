import { sql } from 'drizzle-orm';
import type { PoolAction, PoolCustomer, PoolHistoryEntry } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { maskedPhone } from '../../db/mask.ts';
import { pageWithTotal } from '../../db/page.ts';
import { customerNameContains } from '../../db/search.ts';
import { rows, whereOf } from '../../db/sql.ts';
import { customerInScope, type Reader } from '../../platform/scope.ts';

type PoolFilter = {
  name?: string;
  regionId?: number;
  levelId?: number;
  poolPhones: boolean;
  limit: number;
  offset: number;
};

/**
 * docs/organisation.md#customer-pool, rules 1 and 2: the customers without a manager, newest entries first (the
 * partial index customers_pool_idx), phones masked unless `poolPhones`. Every customer reader sees them all.
 */
export async function listPool(db: DbOrTx, f: PoolFilter) {
  const where = whereOf([
    sql`c.manager_id is null`,
    sql`c.status <> 'merged'`, // docs/duplicates-and-merge.md, rule 5
    f.name && customerNameContains(f.name),
    f.regionId && sql`c.region_id = ${f.regionId}`,
    f.levelId && sql`c.level_id = ${f.levelId}`,
  ]);
  const cut = sql`(select * from customers c ${where}
                   order by c.pool_entered_at desc, c.id desc limit ${f.limit} offset ${f.offset}) c`;
  return pageWithTotal<PoolCustomer>(db, {
    page: sql`select c.id, c.number, c.name, r.item as region, l.item as level,
                     ${maskedPhone(sql`c.phone`, f.poolPhones)} as phone, c.pool_entered_at as "enteredAt",
                     c.pool_reason as reason,
                     case when pm.id is null then null
                          else json_build_object('id', pm.id, 'displayName', pm.display_name) end as "previousManager"
              from ${cut}
              left join dictionary_entries r on r.id = c.region_id left join dictionary_entries l on l.id = c.level_id
              left join users pm on pm.id = c.previous_manager_id`,
    order: sql`p."enteredAt" desc, p.id desc`,
    total: sql`select count(*) from customers c ${where}`,
    timestamps: ['enteredAt'],
  });
}

/** The facts behind a refused claim, release or assignment; `visible`: inside the reader's customer scope. */
export async function findPoolFacts(db: DbOrTx, id: number, reader: Reader) {
  const [row] = await rows<{ managerId: number | null; name: string; status: 'normal' | 'lost'; visible: boolean }>(
    db,
    sql`select c.manager_id as "managerId", c.name, c.status, ${customerInScope(reader)} as visible
        from customers c where c.id = ${id}`,
  );
  return row;
}

/**
 * Serialises one manager's claims (docs/organisation.md#customer-pool, rule 3): each claim locks its manager's row
 * before it counts, so simultaneous claims of one manager are counted one after another. `for no key update` leaves
 * the foreign keys that point at the user (a claim's own writes) unblocked.
 */
export async function lockClaimant(tx: DbOrTx, userId: number) {
  await tx.execute(sql`select id from users where id = ${userId} for no key update`);
}

/** What the limits of a claim count: the manager's claims since `dayStart`, their customers, a recent loss of this one. */
export async function claimCounts(
  tx: DbOrTx,
  c: { managerId: number; customerId: number; dayStart: Date; dayEnd: Date; lostSince: Date },
) {
  const [row] = await rows<{ claimedToday: number; owned: number; lostLately: boolean }>(
    tx,
    sql`select
          (select count(*)::int from customer_pool_events e
            where e.manager_id = ${c.managerId} and e.action = 'claimed'
              and e.at >= ${c.dayStart.toISOString()}::timestamptz and e.at < ${c.dayEnd.toISOString()}::timestamptz)
            as "claimedToday",
          (select count(*)::int from customers o where o.manager_id = ${c.managerId} and o.status = 'normal') as owned,
          exists (select 1 from customer_pool_events e
            where e.manager_id = ${c.managerId} and e.customer_id = ${c.customerId}
              and e.action in ('released', 'returned') and e.at > ${c.lostSince.toISOString()}::timestamptz)
            as "lostLately"`,
  );
  return row!;
}

/** Out of the pool to `managerId` — only while it is in the pool (one winner); `normalOnly` for claims. */
export async function takeFromPool(
  tx: DbOrTx,
  c: { customerId: number; managerId: number; now: Date; normalOnly: boolean },
) {
  const [row] = await rows<{ id: number; previousManagerId: number | null; reason: string }>(
    tx,
    sql`update customers x set manager_id = ${c.managerId}, pool_entered_at = null, pool_reason = null,
               previous_manager_id = null, updated_at = ${c.now.toISOString()}::timestamptz, version = x.version + 1
        from customers b
        where x.id = ${c.customerId} and b.id = x.id and x.manager_id is null and x.status <> 'merged'
          ${c.normalOnly ? sql`and x.status = 'normal'` : sql``}
        returning x.id, b.previous_manager_id as "previousManagerId", b.pool_reason as reason`,
  );
  return row;
}

/**
 * Into the pool: the responsible manager's own `normal` customer, or (`anyInScope`, customer.all) any `normal`
 * customer inside the reader's scope. Answers the manager it left.
 */
export async function releaseToPool(
  tx: DbOrTx,
  c: { customerId: number; reader: Reader; anyInScope: boolean; now: Date },
) {
  const mine = c.anyInScope ? customerInScope(c.reader, 'x') : sql`x.manager_id = ${c.reader.id}`;
  const [row] = await rows<{ managerId: number }>(
    tx,
    sql`update customers x set manager_id = null, pool_entered_at = ${c.now.toISOString()}::timestamptz,
               pool_reason = 'released', previous_manager_id = b.manager_id,
               updated_at = ${c.now.toISOString()}::timestamptz, version = x.version + 1
        from customers b
        where x.id = ${c.customerId} and b.id = x.id and x.manager_id is not null and x.status = 'normal' and ${mine}
        returning b.manager_id as "managerId"`,
  );
  return row;
}

export async function insertPoolEvent(
  tx: DbOrTx,
  e: {
    customerId: number;
    at: Date;
    action: PoolAction;
    byId: number | null;
    managerId: number | null;
    reason?: string | null;
  },
) {
  await tx.execute(
    sql`insert into customer_pool_events (customer_id, at, action, by_id, manager_id, reason)
        values (${e.customerId}, ${e.at.toISOString()}::timestamptz, ${e.action}, ${e.byId}, ${e.managerId},
                ${e.reason ?? null})`,
  );
}

/** docs/organisation.md#customer-pool, rule 6: newest first. */
export async function poolHistory(db: DbOrTx, customerId: number) {
  return rows<PoolHistoryEntry>(
    db,
    sql`select e.at, e.action,
               case when b.id is null then null else json_build_object('id', b.id, 'displayName', b.display_name) end
                 as by,
               case when m.id is null then null else json_build_object('id', m.id, 'displayName', m.display_name) end
                 as manager,
               e.reason
        from customer_pool_events e left join users b on b.id = e.by_id left join users m on m.id = e.manager_id
        where e.customer_id = ${customerId}
        order by e.at desc, e.id desc`,
  );
}
