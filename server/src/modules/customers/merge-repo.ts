import { sql } from 'drizzle-orm';
import { MERGE_FIELDS, type MergeField } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { customers } from '../../db/schema/index.ts';
import { rows } from '../../db/sql.ts';
import { writeNamePinyin } from '../../db/pinyin.ts';
import { customerInScope, type Reader } from '../../platform/scope.ts';

/** Every number whose orders are this customer's: its own and its aliases (docs/duplicates-and-merge.md, rule 7). */
export async function customerNumbers(db: DbOrTx, customer: { id: number; number: string }): Promise<string[]> {
  const aliases = await rows<{ number: string }>(
    db,
    sql`select number from customer_number_aliases where customer_id = ${customer.id} order by number`,
  );
  return [customer.number, ...aliases.map((a) => a.number)];
}

export type MergeFacts = { id: number; number: string; name: string; status: string; visible: boolean };

/**
 * docs/duplicates-and-merge.md, rule 6: locks the customers of a merge in one statement, in the order of their ids — so
 * that two merges over the same customers wait for each other instead of deadlocking — and answers their facts, with
 * whether each is inside the reader's scope.
 */
export async function lockForMerge(tx: DbOrTx, ids: number[], reader: Reader) {
  return rows<MergeFacts>(
    tx,
    sql`select c.id, c.number, c.name, c.status, ${customerInScope(reader)} as visible
        from customers c where c.id = any(${sql.param(ids)}::int[]) order by c.id for update`,
  );
}

/**
 * The merged customers become `merged`, pointing at the survivor, without a credit code (unique: the survivor may keep
 * it); the survivor takes each chosen field from the customer named for it (`fields`), in one statement.
 */
export async function markMerged(tx: DbOrTx, sourceIds: number[], survivorId: number, now: Date) {
  await tx.execute(sql`
    update customers set status = 'merged', merged_into_id = ${survivorId}, credit_code = null,
      updated_at = ${now.toISOString()}::timestamptz, version = version + 1
    where id = any(${sql.param(sourceIds)}::int[])`);
}

const column = (f: MergeField) => sql.identifier(customers[f].name);

/** Copies each field of `fields` from the customer named for it (before the merge: `previous` holds its credit code). */
export async function takeFields(
  tx: DbOrTx,
  survivorId: number,
  fields: Partial<Record<MergeField, number>>,
  creditCodes: Map<number, string | null>,
  now: Date,
) {
  const sets = MERGE_FIELDS.filter((f) => fields[f] !== undefined && fields[f] !== survivorId).map((f) =>
    f === 'creditCode'
      ? sql`credit_code = ${creditCodes.get(fields[f]!) ?? null}`
      : sql`${column(f)} = (select o.${column(f)} from customers o where o.id = ${fields[f]!})`,
  );
  await tx.execute(sql`
    update customers set ${sql.join([...sets, sql`updated_at = ${now.toISOString()}::timestamptz`, sql`version = version + 1`], sql`, `)}
    where id = ${survivorId}`);
  if (fields.name !== undefined && fields.name !== survivorId) {
    const [row] = await rows<{ id: number; name: string }>(
      tx,
      sql`select id, name from customers where id = ${survivorId}`,
    );
    await writeNamePinyin(tx, 'customers', [row!]); // docs/search.md#pinyin, rule 3
  }
}

export async function creditCodesOf(tx: DbOrTx, ids: number[]) {
  const found = await rows<{ id: number; creditCode: string | null }>(
    tx,
    sql`select id, credit_code as "creditCode" from customers where id = any(${sql.param(ids)}::int[])`,
  );
  return new Map(found.map((r) => [r.id, r.creditCode]));
}

/** The contacts and interaction records of the merged customers move to the survivor; answers how many of each. */
export async function moveRecords(tx: DbOrTx, sourceIds: number[], survivorId: number) {
  const from = sql.param(sourceIds);
  const contacts = await rows<{ id: number }>(
    tx,
    sql`update contacts set customer_id = ${survivorId} where customer_id = any(${from}::int[]) returning id`,
  );
  const activities = await rows<{ id: number }>(
    tx,
    sql`update activities set customer_id = ${survivorId} where customer_id = any(${from}::int[]) returning id`,
  );
  return { contacts: contacts.length, activities: activities.length };
}

/**
 * docs/duplicates-and-merge.md, rule 7: the merged customers' numbers — and the aliases they held — name the survivor.
 */
export async function writeAliases(tx: DbOrTx, sources: { number: string }[], survivorId: number, sourceIds: number[]) {
  await tx.execute(
    sql`update customer_number_aliases set customer_id = ${survivorId} where customer_id = any(${sql.param(sourceIds)}::int[])`,
  );
  await tx.execute(sql`
    insert into customer_number_aliases (number, customer_id)
    select n, ${survivorId} from unnest(${sql.param(sources.map((s) => s.number))}::text[]) as n`);
}

/** docs/duplicates-and-merge.md, rule 2: merged customers leave their duplicate groups; a group of one goes. */
export async function leaveDuplicateGroups(tx: DbOrTx, sourceIds: number[]) {
  const left = await rows<{ groupId: number }>(
    tx,
    sql`delete from duplicate_group_members where customer_id = any(${sql.param(sourceIds)}::int[])
        returning group_id as "groupId"`,
  );
  if (!left.length) return;
  await tx.execute(sql`
    delete from duplicate_groups g where g.id = any(${sql.param([...new Set(left.map((l) => l.groupId))])}::int[])
      and (select count(*) from duplicate_group_members m where m.group_id = g.id) < 2`);
}
