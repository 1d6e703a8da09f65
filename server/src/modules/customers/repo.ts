import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Customer, UpdateCustomerBody } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { contacts, customerNumberDays as days, customers as c } from '../../db/schema/index.ts';
import { pageWithTotal, rowCount } from '../../db/page.ts';
import { maskedPhone } from '../../db/mask.ts';
import { namePinyinColumns, writeNamePinyin } from '../../db/pinyin.ts';
import { rows, whereOf } from '../../db/sql.ts';
import type { PinyinForms } from '../../platform/pinyin.ts';
import { fromDriver, insertUnnest, returningAll } from '../../db/unnest.ts';
import { customerNameContains } from '../../db/search.ts';
import { containsPattern } from '../../platform/pagination.ts';
import { customerInScope, customerScopeParts, type Reader } from '../../platform/scope.ts';

/** A pool customer's phone reads masked unless `poolPhones` (docs/organisation.md#customer-pool, rule 2). */
const columns = (
  poolPhones: boolean,
) => sql`c.id, c.number, c.name, c.credit_code as "creditCode", c.region_id as "regionId", r.item as region,
  c.manager_id as "managerId",
  case when u.id is null then null else json_build_object('id', u.id, 'displayName', u.display_name) end as manager,
  c.level_id as "levelId", l.item as level, c.satisfaction, c.credit, c.address, c.postcode,
  ${maskedPhone(sql`c.phone`, poolPhones || sql`c.manager_id is not null`)} as phone, c.fax, c.website,
  c.licence_no as "licenceNo",
  c.legal_representative as "legalRepresentative", c.registered_capital::float8 as "registeredCapital",
  c.annual_turnover::float8 as "annualTurnover", c.bank, c.bank_account as "bankAccount", c.local_tax_no as "localTaxNo",
  c.national_tax_no as "nationalTaxNo", c.status, c.merged_into_id as "mergedIntoId", c.created_at as "createdAt",
  c.version`;

const from = sql`from customers c left join users u on u.id = c.manager_id
  left join dictionary_entries r on r.id = c.region_id left join dictionary_entries l on l.id = c.level_id`;

type CustomerFilter = {
  number?: string;
  name?: string;
  regionId?: number;
  managerId?: number;
  levelId?: number;
  status?: 'normal' | 'lost';
  pool?: 'true' | 'false';
  /** The reader sees pool customers' phones unmasked (`pool.manage`). */
  poolPhones: boolean;
  limit: number;
  offset: number;
};

type ListFilter = Omit<CustomerFilter, 'limit' | 'offset' | 'poolPhones'>;

/**
 * The list's conditions on `customers c` (docs/organisation.md#data-scope, rule 4): the reader's scope — or the pool
 * filter inside it — and the filters.
 */
function listConditions(reader: Reader, f: ListFilter) {
  const narrowed = reader.dataScope.customers !== 'all';
  const filters = [
    f.number && sql`c.number ilike ${containsPattern(f.number)}`,
    f.name && customerNameContains(f.name),
    f.regionId && sql`c.region_id = ${f.regionId}`,
    f.managerId && sql`c.manager_id = ${f.managerId}`,
    f.levelId && sql`c.level_id = ${f.levelId}`,
    f.status && sql`c.status = ${f.status}`,
  ];
  const [pool, ownedInScope] = customerScopeParts(reader);
  const owned = narrowed ? ownedInScope : sql`c.manager_id is not null`;
  // only those given, not left to `whereOf`: without any, the total is the table's row count (`rowCount`)
  const conditions = [
    f.pool === 'true' ? pool : f.pool === 'false' ? owned : narrowed && customerInScope(reader),
    ...filters,
  ].filter((c): c is SQL => Boolean(c));
  return { narrowed, filters, pool, owned, conditions };
}

/** docs/duplicates-and-merge.md, rule 5: merged customers are in no list. */
const NOT_MERGED = sql`c.status <> 'merged'`;

/**
 * `count`, less the merged customers it counted: those few are found through their own partial index, by manager
 * (`customers_merged_idx`), so the count itself keeps its plan (an index condition on the manager, or the exact row
 * count).
 */
function lessMerged(count: SQL, where: SQL[]) {
  return sql`select (${count}) - (select count(*) from customers c ${whereOf([...where, sql`c.status = 'merged'`])})`;
}

/** The customers of a page, cut from `cut` (a subquery of customers `c`), with their names of things. */
const withNames = (poolPhones: boolean, cut: SQL) =>
  sql`select ${columns(poolPhones)} from ${cut} left join users u on u.id = c.manager_id
      left join dictionary_entries r on r.id = c.region_id left join dictionary_entries l on l.id = c.level_id`;

/** docs/organisation.md#data-scope, rule 4: only the customers inside the reader's scope, counted in the same way. */
export async function listCustomers(db: DbOrTx, reader: Reader, f: CustomerFilter) {
  const { narrowed, filters, pool, owned, conditions } = listConditions(reader, f);
  // a narrowed scope without a pool filter is counted as its two parts, each one index condition on the manager
  // (one `or` of both made the count scan every customer: 45-90 ms at 100,000)
  const count =
    narrowed && !f.pool
      ? lessMerged(
          sql`select (select count(*) from customers c ${whereOf([pool, ...filters])})
                   + (select count(*) from customers c ${whereOf([owned, ...filters])})`,
          conditions,
        )
      : undefined;
  const where = whereOf(conditions);
  // the page is cut from customers alone (the id index, or the matches of a name index), then joined: joining every
  // match first made a common name part cost a join per match (1,553 of them: 59 ms at 100,000 customers)
  const cut = sql`(select * from customers c ${whereOf([...conditions, NOT_MERGED])}
                   order by c.id desc limit ${f.limit} offset ${f.offset}) c`;
  const { items, total } = await pageWithTotal<Customer>(db, {
    page: withNames(f.poolPhones, cut),
    order: sql`p.id desc`,
    total:
      count ??
      lessMerged(
        conditions.length ? sql`select count(*) from customers c ${where}` : rowCount('customers'),
        conditions,
      ),
    timestamps: ['createdAt'],
  });
  return { items, total };
}

/**
 * docs/product.md#customers, rule 11: every customer of the list's filters, in its order (newest first), `size` at a
 * time — each batch one short query after the last id of the one before (keyset), so that no connection is held
 * while the download waits on its client. Small batches keep the export's memory flat: a batch lives while its rows
 * are written, and one that outlives two young-generation collections is moved to V8's old space, where it stays
 * until a full collection — 2,000 rows a batch grew the server by 40–100 MB over 100,000 customers, 250 by 3–27 MB
 * (docs/PERFORMANCE.md, the export's memory).
 */
export async function* customerBatches(
  db: DbOrTx,
  reader: Reader,
  f: ListFilter & { poolPhones: boolean },
  size = 250,
): AsyncGenerator<Customer[]> {
  const { conditions } = listConditions(reader, f);
  for (let before: number | undefined; ;) {
    const after = before === undefined ? [] : [sql`c.id < ${before}`];
    const cut = sql`(select * from customers c ${whereOf([...conditions, NOT_MERGED, ...after])} order by c.id desc limit ${size}) c`;
    const batch = await rows<Customer>(db, sql`${withNames(f.poolPhones, cut)} order by c.id desc`);
    if (batch.length) yield batch;
    if (batch.length < size) return;
    before = batch.at(-1)!.id;
  }
}

/** `reader` null: the server's own read (after a write the actor was allowed to make). */
export async function findCustomer(
  db: DbOrTx,
  id: number,
  reader: Reader | null,
  poolPhones = false,
): Promise<Customer | undefined> {
  const scope = reader ? customerInScope(reader) : sql`true`;
  const [row] = await rows<Customer>(db, sql`select ${columns(poolPhones)} ${from} where c.id = ${id} and ${scope}`);
  return row;
}

/** Numeric columns are written as text so that no binary rounding creeps in. */
export const money = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : v.toFixed(2));

type CustomerChanges = Omit<UpdateCustomerBody, 'version'>;

/** The required fields an edit must leave filled (the manager is set by its own rules: transfer, the pool). */
const REQUIRED = {
  name: c.name,
  regionId: c.regionId,
  levelId: c.levelId,
  satisfaction: c.satisfaction,
  credit: c.credit,
};

/**
 * docs/product.md#customers, rule 7 in one statement: the row changes only if its version matches, it is `normal`, the
 * actor may edit it (responsible manager, unless `anyManager`), and every required field has a value afterwards.
 * Answers the id, or nothing when one of those did not hold (the caller finds out which).
 */
export async function updateCustomerWhereAllowed(
  db: DbOrTx,
  id: number,
  v: { version: number; actor: Reader; anyManager: boolean; now: Date },
  changes: CustomerChanges,
) {
  const conditions: (SQL | undefined)[] = [eq(c.id, id), eq(c.version, v.version), eq(c.status, 'normal')];
  // docs/organisation.md#data-scope, rule 5: "any customer" means any inside the editor's scope
  conditions.push(v.anyManager ? customerInScope(v.actor, 'customers') : eq(c.managerId, v.actor.id));
  for (const [field, column] of Object.entries(REQUIRED)) {
    if (changes[field as keyof CustomerChanges] === undefined) conditions.push(isNotNull(column));
  }
  const { registeredCapital, annualTurnover, ...rest } = changes;
  const updated = await db
    .update(c)
    .set({
      ...rest,
      registeredCapital: money(registeredCapital),
      annualTurnover: money(annualTurnover),
      updatedAt: v.now,
      version: sql`${c.version} + 1`,
    })
    .where(and(...conditions))
    .returning({ id: c.id, name: c.name });
  // docs/search.md#pinyin, rule 3: a new name's pinyin in the same transaction
  if (updated[0] && changes.name !== undefined) await writeNamePinyin(db, 'customers', [updated[0]]);
  return updated[0]?.id;
}

/** The raw facts behind a refused update, of a customer inside the reader's scope. */
export async function findCustomerFacts(db: DbOrTx, id: number, reader: Reader) {
  const [row] = await db
    .select({ ...REQUIRED, managerId: c.managerId, status: c.status, version: c.version })
    .from(c)
    .where(and(eq(c.id, id), customerInScope(reader, 'customers')));
  return row;
}

export type NewCustomer = Omit<
  typeof c.$inferInsert,
  'id' | 'number' | 'status' | 'createdAt' | 'updatedAt' | 'version'
>;
export type NewContact = Omit<typeof contacts.$inferInsert, 'id' | 'customerId' | 'createdAt'>;

/**
 * Takes the next `count` numbers of a day's sequence of customer numbers (docs/product.md#customers, rule 2) and
 * answers the last of them. The counter row is locked by the upsert until the transaction ends, so concurrent
 * creations inside their transactions get distinct numbers.
 */
export async function nextDaySequence(tx: DbOrTx, day: string, count = 1): Promise<number> {
  const [row] = await tx
    .insert(days)
    .values({ day, last: count })
    .onConflictDoUpdate({ target: days.day, set: { last: sql`${days.last} + ${count}` } })
    .returning({ last: days.last });
  return row!.last;
}

/** Gives back the last `count` numbers of a day's sequence, taken by this transaction and not used. */
export async function returnDaySequence(tx: DbOrTx, day: string, count: number) {
  await tx
    .update(days)
    .set({ last: sql`${days.last} - ${count}` })
    .where(eq(days.day, day));
}

/**
 * Inserts customers, one statement, with their names' pinyin (`pinyin`, in the same order; docs/search.md#pinyin,
 * rule 3). `skipTaken`: a row that
 * would break a unique constraint (a credit code or number another transaction wrote) is left out instead of failing
 * the statement. Answers the rows written.
 */
export async function insertCustomerRows(
  tx: DbOrTx,
  values: (NewCustomer & { number: string; createdAt: Date })[],
  pinyin: PinyinForms[],
  skipTaken = false,
) {
  const inserted = await rows<Record<string, unknown>>(
    tx,
    sql`${insertUnnest(
      c,
      values.map((v) => ({ ...v, updatedAt: v.createdAt })),
      namePinyinColumns(pinyin),
    )} ${skipTaken ? sql`on conflict do nothing` : sql``} ${returningAll(c)}`,
  );
  return inserted.map((row) => fromDriver(c, row));
}

/** Gives a customer written in this transaction another number (closing a gap in the day's sequence). */
export async function renumberCustomer(tx: DbOrTx, id: number, number: string) {
  const [customer] = await tx.update(c).set({ number }).where(eq(c.id, id)).returning();
  return customer!;
}

/** Inserts contacts, one statement, with their names' pinyin (docs/search.md#pinyin, rule 3). */
export async function insertContactRows(
  tx: DbOrTx,
  list: { customerId: number; contact: NewContact; pinyin: PinyinForms }[],
  createdAt: Date,
) {
  if (!list.length) return;
  await tx.execute(
    insertUnnest(
      contacts,
      list.map((l) => ({ ...l.contact, customerId: l.customerId, createdAt })),
      namePinyinColumns(list.map((l) => l.pinyin)),
    ),
  );
}
