import { sql } from 'drizzle-orm';
import type { PortalService, ServiceStatus } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { pageWithTotal } from '../../db/page.ts';
import { rows } from '../../db/sql.ts';
import { dueAfter, nextServiceIds, requesterOf } from './repo.ts';
import { serviceNumber } from './numbers.ts';

/**
 * A service as the customer portal shows it (docs/portal.md#requests, rule 4): nothing of staff but the handler's
 * display name.
 */
const portalColumns = sql`s.id, s.number, s.type_id as "typeId",
  (select t.item from dictionary_entries t where t.id = s.type_id) as type, s.summary, s.request, s.status,
  s.created_at as "createdAt", s.source, ${requesterOf('s')} as "requestedBy", s.handling,
  (select json_build_object('displayName', u.display_name) from users u where u.id = s.handled_by) as "handledBy",
  s.handled_at as "handledAt", s.result, s.satisfaction`;

/** One customer's services, newest first (every one of them, whoever filed it). */
export async function listCustomerServices(
  db: DbOrTx,
  customerId: number,
  f: { status?: ServiceStatus; limit: number; offset: number },
) {
  const where = sql`where s.customer_id = ${customerId} ${f.status ? sql`and s.status = ${f.status}` : sql``}`;
  return pageWithTotal<PortalService>(db, {
    page: sql`select ${portalColumns} from services s ${where}
              order by s.created_at desc, s.id desc limit ${f.limit} offset ${f.offset}`,
    order: sql`p."createdAt" desc, p.id desc`,
    total: sql`select count(*) from services s ${where}`,
    timestamps: ['createdAt', 'handledAt'],
  });
}

/** The service if it is this customer's; another customer's is not there. */
export async function findCustomerService(db: DbOrTx, customerId: number, id: number) {
  const [row] = await rows<PortalService>(
    db,
    sql`select ${portalColumns} from services s where s.id = ${id} and s.customer_id = ${customerId}`,
  );
  return row;
}

/**
 * The customer's status and manager, locked `for share` until the transaction ends: a customer becoming lost
 * meanwhile waits for the portal's write, or the write sees it (docs/portal.md#requests, rule 5).
 */
export async function shareCustomer(tx: DbOrTx, customerId: number) {
  const [row] = await rows<{ status: string; managerId: number | null; name: string }>(
    tx,
    sql`select status, manager_id as "managerId", name from customers where id = ${customerId} for share`,
  );
  return row;
}

export async function insertPortalService(
  tx: DbOrTx,
  v: { typeId: number; summary: string; request: string; customerId: number; contactId: number; contactName: string },
  now: Date,
) {
  const id = (await nextServiceIds(tx))[0]!;
  await tx.execute(sql`
    insert into services (id, number, type_id, summary, customer_id, status, request, created_by, created_at, source,
                          requested_by_contact_id, requested_by_name, assign_due_at, handle_due_at)
    values (${id}, ${serviceNumber(now, id)}, ${v.typeId}, ${v.summary}, ${v.customerId}, 'new', ${v.request}, null,
            ${now.toISOString()}, 'portal', ${v.contactId}, ${v.contactName},
            ${dueAfter(now, v.typeId, 'assign_within_hours')}, ${dueAfter(now, v.typeId, 'handle_within_hours')})`);
  return id;
}

/** Locks the customer's service for the feedback; answers its status, or undefined if it is not theirs. */
export async function lockCustomerService(tx: DbOrTx, customerId: number, id: number) {
  const [row] = await rows<{ status: ServiceStatus }>(
    tx,
    sql`select status from services where id = ${id} and customer_id = ${customerId} for update`,
  );
  return row;
}

/** The feedback on a `handled` service, in its own `UPDATE … WHERE`; answers whether it was still handled. */
export async function recordPortalFeedback(
  tx: DbOrTx,
  id: number,
  v: { result: string | null; satisfaction: number; nextStatus: ServiceStatus },
) {
  const updated = await rows<{ id: number }>(
    tx,
    sql`update services set status = ${v.nextStatus}, result = ${v.result}, satisfaction = ${v.satisfaction}
        where id = ${id} and status = 'handled' returning id`,
  );
  return updated.length > 0;
}

/** The people a dissatisfied feedback tells (docs/notifications.md#kinds): handler and assignee. */
export async function handlersOf(tx: DbOrTx, id: number) {
  const [row] = await rows<{ handledBy: number | null; assigneeId: number | null }>(
    tx,
    sql`select handled_by as "handledBy", assignee_id as "assigneeId" from services where id = ${id}`,
  );
  return row;
}
