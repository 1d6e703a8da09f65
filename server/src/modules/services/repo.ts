import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Service, ServiceEvent, ServiceEventKind, ServiceStatus } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { customers, serviceEvents, services } from '../../db/schema/index.ts';
import { pageWithTotal } from '../../db/page.ts';
import { rows, whereOf, withPlainPlans } from '../../db/sql.ts';
import { containsPattern } from '../../platform/pagination.ts';
import { customerNameContains } from '../../db/search.ts';
import {
  customerInScope,
  keptServiceCount,
  readersInScope,
  serviceInScope,
  servicePeople,
  type Reader,
} from '../../platform/scope.ts';
import { serviceNumber } from './numbers.ts';

const person = (alias: string) =>
  sql.raw(
    `case when ${alias}.id is null then null else json_build_object('id', ${alias}.id, 'displayName', ${alias}.display_name) end`,
  );

/** A user by id as {id, displayName}, or null: looked up for the page's rows only (see serviceJoins). */
const personOf = (column: string) =>
  sql.raw(`(select json_build_object('id', u.id, 'displayName', u.display_name) from users u where u.id = ${column})`);

/** The contact who filed a portal request, or null (docs/portal.md#into-the-crm, rule 1). */
export const requesterOf = (alias: string) =>
  sql.raw(
    `case when ${alias}.requested_by_name is null then null else json_build_object('contactId', ${alias}.requested_by_contact_id, 'name', ${alias}.requested_by_name) end`,
  );

const serviceColumns = sql`s.id, s.number, s.type_id as "typeId",
  (select t.item from dictionary_entries t where t.id = s.type_id) as type, s.summary,
  json_build_object('id', c.id, 'name', c.name) as customer, s.status, s.request,
  ${personOf('s.created_by')} as "createdBy", s.created_at as "createdAt", s.source,
  ${requesterOf('s')} as "requestedBy",
  ${personOf('s.assignee_id')} as assignee, s.assigned_at as "assignedAt",
  s.handling, ${personOf('s.handled_by')} as "handledBy", s.handled_at as "handledAt", s.result, s.satisfaction,
  case when s.assigned_rule_name is null then null
    else json_build_object('id', s.assigned_rule_id, 'name', s.assigned_rule_name) end as "assignedByRule",
  s.assign_due_at as "assignDueAt", s.handle_due_at as "handleDueAt"`;

/** A service as read, before `overdue` (which depends on the clock: service.ts). */
export type ServiceRow = Omit<Service, 'overdue'>;

/**
 * docs/service-sla.md#deadlines, rule 3: `new` past either deadline, or `assigned` past the handling one. Each arm is
 * a range on a partial index (services_assign_due_idx, services_handle_due_idx).
 */
export const overdueAt = (now: Date) => {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`((s.status = 'new' and s.assign_due_at < ${at}) or (s.status in ('new', 'assigned') and s.handle_due_at < ${at}))`;
};

/**
 * Only the customer is joined (the customer-name filter reads it); type and people are scalar subqueries on primary
 * keys (foreign keys: the type and creator always exist). Planning a six-table join cost 12-26 ms per list request,
 * ten times running it.
 */
const serviceJoins = sql`from services s join customers c on c.id = s.customer_id`;

type ServiceFilter = {
  status?: ServiceStatus;
  typeId?: number;
  customerName?: string;
  summary?: string;
  /** Inclusive lower and exclusive upper bound of the creation instant. */
  createdFrom?: Date;
  createdBefore?: Date;
  assigneeId?: number;
  /** Overdue (true) or not (false) at this instant. */
  overdue?: { is: boolean; now: Date };
  limit: number;
  offset: number;
};

/**
 * The services inside the reader's scope (docs/organisation.md#data-scope, rules 2 to 4) matching the filters, newest
 * first, with their total.
 */
export async function listServices(db: DbOrTx, reader: Reader, f: ServiceFilter) {
  const filters = [
    f.typeId && sql`s.type_id = ${f.typeId}`,
    f.customerName && customerNameContains(f.customerName),
    f.summary && sql`s.summary ilike ${containsPattern(f.summary)}`,
    f.createdFrom && sql`s.created_at >= ${f.createdFrom.toISOString()}`,
    f.createdBefore && sql`s.created_at < ${f.createdBefore.toISOString()}`,
    f.assigneeId && sql`s.assignee_id = ${f.assigneeId}`,
    f.overdue && (f.overdue.is ? overdueAt(f.overdue.now) : sql`not coalesce(${overdueAt(f.overdue.now)}, false)`),
  ].filter((c): c is SQL => Boolean(c));
  const narrowing = [f.status && sql`s.status = ${f.status}`, ...filters];
  const inScope = (page: boolean) => reader.dataScope.services !== 'all' && serviceInScope(reader, 's', page);
  // narrowed by nothing but the scope and the status: kept (a `self` scope's are counted)
  const kept = filters.length > 0 ? undefined : keptServiceCount(reader, f.status);
  const page = (tx: DbOrTx) =>
    pageWithTotal<ServiceRow>(tx, {
      page: sql`select ${serviceColumns} ${serviceJoins} ${whereOf([inScope(true), ...narrowing])} order by s.created_at desc, s.id desc limit ${f.limit} offset ${f.offset}`,
      order: sql`p."createdAt" desc, p.id desc`,
      // every service has its customer (foreign key, not null): the join only matters for the customer-name filter
      total:
        kept ??
        sql`select count(*) from services s ${f.customerName ? sql`join customers c on c.id = s.customer_id` : sql``} ${whereOf([inScope(false), ...narrowing])}`,
      timestamps: ['createdAt', 'assignedAt', 'handledAt', 'assignDueAt', 'handleDueAt'],
    });
  // a narrower scope's count reads its services one by one
  return kept || reader.dataScope.services === 'all' ? page(db) : withPlainPlans(db, page);
}

/** The service, if it is inside the reader's scope (docs/organisation.md#data-scope, rule 4). */
export async function findService(db: DbOrTx, id: number, reader: Reader): Promise<ServiceRow | undefined> {
  const [row] = await rows<ServiceRow>(
    db,
    sql`select ${serviceColumns} ${serviceJoins} where s.id = ${id} and ${serviceInScope(reader)}`,
  );
  return row;
}

/**
 * Locks the service for the rest of the transaction that changes it, if it is inside the reader's scope
 * (docs/organisation.md#data-scope, rule 5: a director's powers act only inside it); answers whether it is.
 */
export async function lockService(tx: DbOrTx, id: number, reader: Reader) {
  const found = await rows<{ id: number }>(
    tx,
    sql`select s.id from services s where s.id = ${id} and ${serviceInScope(reader)} for update of s`,
  );
  return found.length > 0;
}

/**
 * The whole history, oldest first; an assignment names its assignee (the service's current one for events written
 * before assignments kept theirs, when a service was assigned once).
 */
export async function listServiceEvents(db: DbOrTx, serviceId: number, reader: Reader): Promise<ServiceEvent[]> {
  return rows<ServiceEvent>(
    db,
    sql`select e.kind, e.text, e.satisfaction, ${person('u')} as "user",
          case when e.contact_name is null then null
               else json_build_object('contactId', e.contact_id, 'name', e.contact_name) end as contact,
          case when e.kind = 'assigned' then ${person('a')} else null end as assignee,
          case when e.rule_name is null then null else json_build_object('id', e.rule_id, 'name', e.rule_name) end
            as rule, e.at
        from service_events e
        join services s on s.id = e.service_id
        left join users u on u.id = e.user_id
        left join users a on a.id = coalesce(e.assignee_id, s.assignee_id)
        where e.service_id = ${serviceId} and ${serviceInScope(reader)}
        order by e.at, e.id`,
  );
}

/** The customer exists inside the reader's customer scope (outside it, it does not exist for them). */
/** The status of a customer inside the reader's scope; undefined when there is none. */
export const customerStatus = async (db: DbOrTx, id: number, reader: Reader) =>
  (
    await db
      .select({ status: customers.status })
      .from(customers)
      .where(and(eq(customers.id, id), customerInScope(reader, 'customers')))
  )[0]?.status;

/** Draws ids from the table's own sequence, because the number is made from the id. */
export async function nextServiceIds(tx: DbOrTx, n = 1) {
  const drawn = await rows<{ id: number }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('services', 'id'))::int as id from generate_series(1, ${n}::int)`,
  );
  return drawn.map((r) => r.id);
}

/** The instant `now` plus the type's limit of one kind in hours, or null without one (docs/service-sla.md#deadlines). */
export const dueAfter = (now: Date, typeId: number, column: 'assign_within_hours' | 'handle_within_hours') =>
  sql`${now.toISOString()}::timestamptz + (select ${sql.raw(column)} from service_sla where type_id = ${typeId}) * interval '1 hour'`;

export async function insertService(
  tx: DbOrTx,
  v: {
    typeId: number;
    summary: string;
    customerId: number;
    request: string;
    createdById: number;
    now: Date;
  },
) {
  const id = (await nextServiceIds(tx))[0]!;
  await tx.insert(services).values({
    assignDueAt: dueAfter(v.now, v.typeId, 'assign_within_hours'),
    handleDueAt: dueAfter(v.now, v.typeId, 'handle_within_hours'),
    id,
    number: serviceNumber(v.now, id),
    typeId: v.typeId,
    summary: v.summary,
    customerId: v.customerId,
    status: 'new',
    request: v.request,
    createdById: v.createdById,
    createdAt: v.now,
  });
  return id;
}

export async function insertServiceEvent(
  tx: DbOrTx,
  v: {
    serviceId: number;
    kind: ServiceEventKind;
    text?: string | null;
    satisfaction?: number | null;
    /** Null for a step of a contact in the customer portal (`contactId`, `contactName`). */
    userId: number | null;
    contactId?: number | null;
    contactName?: string | null;
    /** For an `assigned` event: to whom. */
    assigneeId?: number;
    /** For an assignment by an assignment rule. */
    rule?: AssigningRule;
    at: Date;
  },
) {
  const { rule, ...rest } = v;
  await tx.insert(serviceEvents).values({
    ...rest,
    text: v.text ?? null,
    satisfaction: v.satisfaction ?? null,
    assigneeId: v.assigneeId ?? null,
    ruleId: rule?.id ?? null,
    ruleName: rule?.name ?? null,
    contactId: v.contactId ?? null,
    contactName: v.contactName ?? null,
  });
}

export type AssigningRule = { id: number; name: string };

/** What a notification of the service names, and its creator. */
export async function serviceFacts(db: DbOrTx, id: number) {
  const [row] = await rows<{
    number: string;
    summary: string;
    customerName: string;
    createdById: number | null;
    requestedByContactId: number | null;
    requestedByName: string | null;
  }>(
    db,
    sql`select s.number, s.summary, c.name as "customerName", s.created_by as "createdById",
               s.requested_by_contact_id as "requestedByContactId", s.requested_by_name as "requestedByName"
        from services s join customers c on c.id = s.customer_id where s.id = ${id}`,
  );
  return row!;
}

/** Status and assignee, to explain why a transition found no row. */
export async function findServiceState(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ status: services.status, assigneeId: services.assigneeId })
    .from(services)
    .where(eq(services.id, id));
  return row as { status: ServiceStatus; assigneeId: number | null } | undefined;
}

// Each transition checks its state in its own UPDATE … WHERE: of two concurrent ones, the second finds no row.

export async function assignNewService(
  tx: DbOrTx,
  id: number,
  assigneeId: number,
  now: Date,
  rule: AssigningRule | null = null,
) {
  const updated = await tx
    .update(services)
    .set({
      status: 'assigned',
      assigneeId,
      assignedAt: now,
      assignedRuleId: rule?.id ?? null,
      assignedRuleName: rule?.name ?? null,
    })
    .where(and(eq(services.id, id), eq(services.status, 'new')))
    .returning({ id: services.id });
  return updated.length > 0;
}

export async function handleAssignedService(tx: DbOrTx, id: number, userId: number, handling: string, now: Date) {
  const updated = await tx
    .update(services)
    .set({ status: 'handled', handling, handledById: userId, handledAt: now })
    .where(and(eq(services.id, id), eq(services.status, 'assigned'), eq(services.assigneeId, userId)))
    .returning({ id: services.id });
  return updated.length > 0;
}

export async function recordFeedbackOnHandledService(
  tx: DbOrTx,
  id: number,
  userId: number,
  v: { result: string; satisfaction: number; nextStatus: ServiceStatus },
) {
  const updated = await tx
    .update(services)
    .set({ status: v.nextStatus, result: v.result, satisfaction: v.satisfaction })
    .where(and(eq(services.id, id), eq(services.status, 'handled'), eq(services.assigneeId, userId)))
    .returning({ id: services.id });
  return updated.length > 0;
}

/** Hands an assigned service to another manager; answers whether it did (it was still assigned). */
export async function reassignAssignedService(tx: DbOrTx, id: number, assigneeId: number, now: Date) {
  const updated = await tx
    .update(services)
    // a director's move: the rule no longer explains who has it
    .set({ assigneeId, assignedAt: now, assignedRuleId: null, assignedRuleName: null })
    .where(and(eq(services.id, id), eq(services.status, 'assigned')))
    .returning({ id: services.id });
  return updated.length > 0;
}

/** The directors (`service.assign`) whose services scope reaches the service: told of a dissatisfied customer. */
export async function directorsOfService(db: DbOrTx, id: number): Promise<number[]> {
  const found = await rows<{ id: number }>(db, readersInScope('service.assign', 'services', servicePeople(sql`${id}`)));
  return found.map((r) => r.id);
}
