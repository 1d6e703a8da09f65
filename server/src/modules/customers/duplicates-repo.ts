import { sql } from 'drizzle-orm';
import type { DuplicateGroup } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { pageWithTotal } from '../../db/page.ts';
import { rows } from '../../db/sql.ts';
import { customerInScope, type Reader } from '../../platform/scope.ts';

/** docs/duplicates-and-merge.md, rule 2: the similarity of two normalised names from which they are duplicates. */
export const NAME_SIMILARITY = 0.6;
/** A phone number names a company from this many digits on. */
const PHONE_DIGITS = 7;

type Found = { reason: 'creditCode' | 'name' | 'phone'; key: string; ids: number[] };

/** The groups of the same credit code and of the same phone digits, each one statement. */
async function sameValueGroups(tx: DbOrTx): Promise<Found[]> {
  return rows<Found>(
    tx,
    sql`select 'creditCode' as reason, credit_code as key, array_agg(id order by id) as ids from customers
        where status <> 'merged' and credit_code is not null group by credit_code having count(*) > 1
        union all
        select 'phone', phone_digits, array_agg(id order by id) from customers
        where status <> 'merged' and length(phone_digits) >= ${PHONE_DIGITS} group by phone_digits having count(*) > 1`,
  );
}

/**
 * The pairs of customers with similar normalised names (the trigram index answers `%` at the threshold set for the
 * transaction), joined into groups: customers linked through any chain of similar names are one group.
 */
async function nameGroups(tx: DbOrTx): Promise<Found[]> {
  await tx.execute(sql.raw(`set local pg_trgm.similarity_threshold = ${NAME_SIMILARITY}`));
  const pairs = await rows<{ a: number; b: number }>(
    tx,
    sql`select x.id as a, y.id as b from customers x join customers y
          on y.name_key % x.name_key and y.id > x.id and y.status <> 'merged'
        where x.status <> 'merged' and length(x.name_key) >= 2 and length(y.name_key) >= 2`,
  );
  const parent = new Map<number, number>();
  const root = (id: number): number => {
    let r = id;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  for (const { a, b } of pairs) {
    const [ra, rb] = [root(a), root(b)];
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number[]>();
  for (const id of parent.keys()) {
    const r = root(id);
    groups.set(r, [...(groups.get(r) ?? []), id]);
  }
  const keys = await rows<{ id: number; key: string }>(
    tx,
    sql`select id, name_key as key from customers where id = any(${sql.param([...groups.keys()])}::int[])`,
  );
  const keyOf = new Map(keys.map((k) => [k.id, k.key]));
  return [...groups.entries()].map(([r, ids]) => ({
    reason: 'name' as const,
    key: keyOf.get(r) ?? '',
    ids: ids.sort((x, y) => x - y),
  }));
}

/** docs/duplicates-and-merge.md, rule 2: replaces every group by what the customers show now; answers their number. */
export async function replaceGroups(tx: DbOrTx, now: Date): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('duplicate-scan'))`);
  const found = [...(await sameValueGroups(tx)), ...(await nameGroups(tx))];
  await tx.execute(sql`delete from duplicate_groups`);
  if (!found.length) return 0;
  const p = <T>(a: T[]) => sql.param(a);
  const made = await rows<{ id: number }>(
    tx,
    sql`insert into duplicate_groups (reason, key, found_at)
        select reason, key, ${now.toISOString()}::timestamptz
        from unnest(${p(found.map((f) => f.reason))}::text[], ${p(found.map((f) => f.key))}::text[])
          with ordinality as g(reason, key, n)
        order by n returning id`,
  );
  const groupIds = found.flatMap((f, i) => f.ids.map(() => made[i]!.id));
  const memberIds = found.flatMap((f) => f.ids);
  await tx.execute(sql`
    insert into duplicate_group_members (group_id, customer_id)
    select * from unnest(${p(groupIds)}::int[], ${p(memberIds)}::int[])`);
  return found.length;
}

/**
 * docs/duplicates-and-merge.md, rule 2: the groups with at least two members inside the reader's customer scope, each
 * with those members only, oldest group first.
 */
export async function listGroups(db: DbOrTx, reader: Reader, limit: number, offset: number) {
  const visible = sql`select m.group_id from duplicate_group_members m join customers c on c.id = m.customer_id
    where c.status <> 'merged' and ${customerInScope(reader)} group by m.group_id having count(*) >= 2`;
  return pageWithTotal<DuplicateGroup>(db, {
    page: sql`select g.id as "groupId", g.reason,
                (select json_agg(json_build_object('id', c.id, 'number', c.number, 'name', c.name,
                   'manager', case when u.id is null then null else json_build_object('id', u.id, 'displayName', u.display_name) end,
                   'createdAt', c.created_at) order by c.id)
                 from duplicate_group_members m join customers c on c.id = m.customer_id
                 left join users u on u.id = c.manager_id
                 where m.group_id = g.id and c.status <> 'merged' and ${customerInScope(reader)}) as customers
              from duplicate_groups g where g.id in (${visible})
              order by g.id limit ${limit} offset ${offset}`,
    order: sql`p."groupId"`,
    total: sql`select count(*) from (${visible}) v`,
  });
}
