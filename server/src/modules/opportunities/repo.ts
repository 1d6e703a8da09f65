import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { OpportunityRecord, OpportunityStatus, PlanItem } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { opportunities as o, planItems as p } from '../../db/schema/index.ts';
import { rowCount } from '../../db/page.ts';
import { rows, whereOf } from '../../db/sql.ts';
import { containsPattern } from '../../platform/pagination.ts';
import { opportunityInScope, opportunityOwners, scopeBranches, type Reader } from '../../platform/scope.ts';

const columns = sql`o.id, o.source, o.customer_name as "customerName", o.success_rate as "successRate", o.summary,
  o.contact_name as "contactName", o.contact_phone as "contactPhone", o.description, o.status,
  json_build_object('id', c.id, 'displayName', c.display_name) as "createdBy", o.created_at as "createdAt",
  case when a.id is null then null else json_build_object('id', a.id, 'displayName', a.display_name) end as assignee,
  o.assigned_at as "assignedAt", o.closed_at as "closedAt", o.fail_reason as "failReason",
  o.customer_id as "customerId", o.version, o.expected_amount::float8 as "expectedAmount",
  o.expected_close_date as "expectedCloseDate",
  case when st.id is null then null else json_build_object('id', st.id, 'item', st.item) end as stage`;
const from = sql`from opportunities o join users c on c.id = o.created_by left join users a on a.id = o.assignee_id
  left join dictionary_entries st on st.id = o.stage_id`;
export { columns as opportunityColumns, from as opportunityFrom };

type ListFilter = {
  status?: OpportunityStatus;
  customerName?: string;
  summary?: string;
  contactName?: string;
  limit: number;
  offset: number;
};

/**
 * The list's total. Without a part-of-text filter a sum over `opportunity_totals` (kept by the writes, migration 0033;
 * its owner columns are named as the opportunities' are), or the table's row count. With one, a narrowed scope is
 * counted one person column at a time, each through its (column, id) index, the ids united: the scope's OR of two
 * columns would read every row of the table.
 */
function listTotal(reader: Reader, f: ListFilter, conditions: SQL[]): SQL {
  if (!f.customerName && !f.summary && !f.contactName)
    return reader.dataScope.opportunities === 'all' && !f.status
      ? sql`select (${rowCount('opportunities')})::int as n`
      : sql`select coalesce(sum(t.n), 0)::int as n from opportunity_totals t
            ${whereOf([opportunityInScope(reader, 't', 'hash'), f.status && sql`t.status = ${f.status}`])}`;
  const branches = scopeBranches(reader, 'opportunities', opportunityOwners());
  if (!branches) return sql`select count(*)::int as n from opportunities o ${whereOf(conditions)}`;
  return sql`select count(*)::int as n from (${sql.join(
    branches.map((inScope) => sql`select o.id from opportunities o ${whereOf([inScope, ...conditions])}`),
    sql` union `,
  )}) x`;
}

/**
 * Newest first; the page and its count cover only the opportunities inside the reader's scope
 * (docs/organisation.md#data-scope, rules 2 to 4).
 */
export async function listOpportunities(db: DbOrTx, reader: Reader, f: ListFilter) {
  // only the conditions given, not left to `whereOf`: without any, the total is the table's row count (`rowCount`)
  const conditions = [
    f.status && sql`o.status = ${f.status}`,
    f.customerName && sql`o.customer_name ilike ${containsPattern(f.customerName)}`,
    f.summary && sql`o.summary ilike ${containsPattern(f.summary)}`,
    f.contactName && sql`o.contact_name ilike ${containsPattern(f.contactName)}`,
  ].filter((c): c is SQL => Boolean(c));
  const items = await rows<OpportunityRecord>(
    db,
    sql`select ${columns} ${from} ${whereOf([opportunityInScope(reader), ...conditions])}
        order by o.created_at desc, o.id desc limit ${f.limit} offset ${f.offset}`,
  );
  const [total] = await rows<{ n: number }>(db, listTotal(reader, f, conditions));
  return { items, total: total?.n ?? 0 };
}

/** The opportunity if it is inside the reader's scope (docs/organisation.md#data-scope, rule 4). */
export async function findOpportunity(db: DbOrTx, id: number, reader: Reader): Promise<OpportunityRecord | undefined> {
  const [row] = await rows<OpportunityRecord>(
    db,
    sql`select ${columns} ${from} where o.id = ${id} and ${opportunityInScope(reader)}`,
  );
  return row;
}

/**
 * The facts the record rules need, with the row locked until the transaction ends (two closings queue here); an
 * opportunity outside the reader's scope is not found (docs/organisation.md#data-scope, rules 4 and 5).
 */
export async function lockOpportunity(db: DbOrTx, id: number, reader: Reader) {
  const [row] = await db
    .select({
      id: o.id,
      status: o.status,
      createdById: o.createdById,
      assigneeId: o.assigneeId,
      version: o.version,
      createdAt: o.createdAt,
      stageId: o.stageId,
    })
    .from(o)
    .where(and(eq(o.id, id), opportunityInScope(reader, 'opportunities')))
    .for('update');
  return row as (typeof row & { status: OpportunityStatus }) | undefined;
}

export type OpportunityFields = {
  source: string | null;
  customerName: string;
  successRate: number;
  summary: string;
  contactName: string | null;
  contactPhone: string | null;
  description: string;
  expectedAmount: number | null;
  expectedCloseDate: string | null;
};

/** Drizzle keeps `numeric` as text: the amount as the column takes it. */
const money = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : v.toFixed(2));

export async function insertOpportunity(db: DbOrTx, v: OpportunityFields & { createdById: number; createdAt: Date }) {
  const [row] = await db
    .insert(o)
    .values({ ...v, expectedAmount: money(v.expectedAmount), status: 'unassigned' })
    .returning({ id: o.id });
  return row!.id;
}

/** Writes only while unassigned and at the given version; answers whether it did. */
export async function updateUnassignedOpportunity(
  db: DbOrTx,
  id: number,
  version: number,
  v: Partial<OpportunityFields>,
  status: 'unassigned' | 'assigned' = 'unassigned',
) {
  const done = await db
    .update(o)
    .set({ ...v, expectedAmount: money(v.expectedAmount), version: sql`${o.version} + 1` })
    .where(and(eq(o.id, id), eq(o.status, status), eq(o.version, version)))
    .returning({ id: o.id });
  return done.length > 0;
}

export async function deleteUnassignedOpportunity(db: DbOrTx, id: number) {
  const done = await db
    .delete(o)
    .where(and(eq(o.id, id), eq(o.status, 'unassigned')))
    .returning({ id: o.id });
  return done.length > 0;
}

/** Assigns at the first stage (docs/pipeline.md#stages, rule 2); answers whether it did (it was still unassigned). */
export async function assignUnassignedOpportunity(
  db: DbOrTx,
  id: number,
  assigneeId: number,
  at: Date,
  stageId: number | null,
) {
  const done = await db
    .update(o)
    .set({ status: 'assigned', assigneeId, assignedAt: at, stageId, version: sql`${o.version} + 1` })
    .where(and(eq(o.id, id), eq(o.status, 'unassigned')))
    .returning({ id: o.id });
  return done.length > 0;
}

/** Closes an assigned opportunity (success or failure); answers whether it did. */
export async function closeAssignedOpportunity(
  db: DbOrTx,
  id: number,
  v: { status: 'succeeded' | 'failed'; at: Date; customerId?: number; failReason?: string | null },
) {
  const done = await db
    .update(o)
    .set({
      status: v.status,
      closedAt: v.at,
      customerId: v.customerId ?? null,
      failReason: v.failReason ?? null,
      version: sql`${o.version} + 1`,
    })
    .where(and(eq(o.id, id), eq(o.status, 'assigned')))
    .returning({ id: o.id });
  return done.length > 0;
}

/** The full row, for the success's customer (name, manager, contact). */
export async function findOpportunityRow(db: DbOrTx, id: number) {
  const [row] = await db.select().from(o).where(eq(o.id, id));
  return row;
}

// ---- plan items (docs/product.md#development-plans, rule 3) ----

const planColumns = { id: p.id, date: p.date, content: p.content, result: p.result, createdAt: p.createdAt };
const presentItem = (r: {
  id: number;
  date: string;
  content: string;
  result: string | null;
  createdAt: Date;
}): PlanItem => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

/** In date order, as the plan is carried out; none when the opportunity is outside the reader's scope. */
export async function listPlanItems(db: DbOrTx, opportunityId: number, reader: Reader) {
  const items = await db
    .select(planColumns)
    .from(p)
    .where(
      and(
        eq(p.opportunityId, opportunityId),
        sql`exists (select 1 from opportunities o where o.id = ${opportunityId} and ${opportunityInScope(reader)})`,
      ),
    )
    .orderBy(asc(p.date), asc(p.id));
  return items.map(presentItem);
}

export async function findPlanItem(db: DbOrTx, opportunityId: number, itemId: number) {
  const [row] = await db
    .select(planColumns)
    .from(p)
    .where(and(eq(p.id, itemId), eq(p.opportunityId, opportunityId)));
  return row && presentItem(row);
}

/** Inserts the item only while its opportunity is assigned (one statement: the state and the write together). */
export async function insertPlanItem(
  db: DbOrTx,
  opportunityId: number,
  v: { date: string; content: string; createdAt: Date },
) {
  const [row] = await rows<{ id: number }>(
    db,
    sql`insert into plan_items (opportunity_id, date, content, created_at)
        select o.id, ${v.date}, ${v.content}, ${v.createdAt.toISOString()} from opportunities o
        where o.id = ${opportunityId} and o.status = 'assigned'
        returning id`,
  );
  return row?.id;
}

const whileAssigned = (opportunityId: number) =>
  sql`exists (select 1 from opportunities o where o.id = ${opportunityId} and o.status = 'assigned')`;

export async function updatePlanItemWhileAssigned(
  db: DbOrTx,
  opportunityId: number,
  itemId: number,
  v: { content?: string; result?: string | null },
) {
  const done = await db
    .update(p)
    .set(v)
    .where(and(eq(p.id, itemId), eq(p.opportunityId, opportunityId), whileAssigned(opportunityId)))
    .returning({ id: p.id });
  return done.length > 0;
}

export async function deletePlanItemWhileAssigned(db: DbOrTx, opportunityId: number, itemId: number) {
  const done = await db
    .delete(p)
    .where(and(eq(p.id, itemId), eq(p.opportunityId, opportunityId), whileAssigned(opportunityId)))
    .returning({ id: p.id });
  return done.length > 0;
}

/** Hands an assigned opportunity to another manager; answers whether it did (it was still assigned). */
export async function reassignAssignedOpportunity(db: DbOrTx, id: number, assigneeId: number, at: Date) {
  const done = await db
    .update(o)
    .set({ assigneeId, assignedAt: at, version: sql`${o.version} + 1` })
    .where(and(eq(o.id, id), eq(o.status, 'assigned')))
    .returning({ id: o.id });
  return done.length > 0;
}

/** Per `assigned` opportunity, its plan items of `day` without a result (docs/notifications.md#kinds, `plan.due`). */
export function plansDueOn(db: DbOrTx, day: string) {
  return rows<{ opportunityId: number; assigneeId: number; customerName: string; items: number }>(
    db,
    sql`select o.id as "opportunityId", o.assignee_id as "assigneeId", o.customer_name as "customerName",
               count(*)::int as items
        from plan_items p join opportunities o on o.id = p.opportunity_id
        where p.date = ${day}::date and p.result is null and o.status = 'assigned' and o.assignee_id is not null
        group by o.id order by o.id`,
  );
}
