import { eq, sql } from 'drizzle-orm';
import type { ChurnMeasure, ChurnStatus, ChurnWarningSummary } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { churnMeasures } from '../../db/schema/index.ts';
import { rows, whereOf } from '../../db/sql.ts';
import { customerNameContains } from '../../db/search.ts';
import { containsPattern } from '../../platform/pagination.ts';
import { churnInScope, type Reader } from '../../platform/scope.ts';

type WarningRow = {
  id: number;
  customerId: number;
  customerNumber: string;
  customerName: string;
  managerId: number;
  managerName: string;
  lastOrderDate: string | null;
  status: ChurnStatus;
  reason: string | null;
  confirmedAt: string | null;
  recoveredAt: string | null;
  createdAt: string;
  measureCount: number;
};

const present = (r: WarningRow): ChurnWarningSummary => ({
  id: r.id,
  customer: { id: r.customerId, number: r.customerNumber, name: r.customerName },
  manager: { id: r.managerId, displayName: r.managerName },
  lastOrderDate: r.lastOrderDate,
  status: r.status,
  reason: r.reason,
  confirmedAt: r.confirmedAt,
  recoveredAt: r.recoveredAt,
  createdAt: r.createdAt,
  measureCount: r.measureCount,
});

const columns = sql`w.id, c.id as "customerId", c.number as "customerNumber", c.name as "customerName",
  w.manager_id as "managerId", u.display_name as "managerName", w.last_order_date as "lastOrderDate", w.status,
  w.reason, w.confirmed_at as "confirmedAt", w.recovered_at as "recoveredAt", w.created_at as "createdAt",
  (select count(*)::int from churn_measures m where m.warning_id = w.id) as "measureCount"`;
const from = sql`from churn_warnings w join customers c on c.id = w.customer_id join users u on u.id = w.manager_id`;

/**
 * The warnings inside the reader's churn scope (docs/organisation.md#data-scope, rules 2 to 4), newest first, and how
 * many there are.
 */
export async function listWarnings(
  db: DbOrTx,
  f: { status?: ChurnStatus; customerName?: string; managerName?: string; limit: number; offset: number },
  reader: Reader,
) {
  const all = reader.dataScope.churn === 'all';
  const where = whereOf([
    churnInScope(reader),
    f.status && sql`w.status = ${f.status}`,
    f.customerName && customerNameContains(f.customerName),
    f.managerName && sql`u.display_name ilike ${containsPattern(f.managerName)}`,
  ]);
  const items = await rows<WarningRow>(
    db,
    sql`select ${columns} ${from} ${where} order by w.created_at desc, w.id desc limit ${f.limit} offset ${f.offset}`,
  );
  // every warning has its customer and manager (foreign keys, not null): the count joins only what the filters read
  const countFrom = sql`from churn_warnings w
    ${f.customerName || !all ? sql`join customers c on c.id = w.customer_id` : sql``}
    ${f.managerName ? sql`join users u on u.id = w.manager_id` : sql``}`;
  const [total] = await rows<{ n: number }>(db, sql`select count(*)::int as n ${countFrom} ${where}`);
  return { items: items.map(present), total: total?.n ?? 0 };
}

export async function findWarning(db: DbOrTx, id: number, reader: Reader) {
  const [row] = await rows<WarningRow>(
    db,
    sql`select ${columns} ${from} where w.id = ${id} and ${churnInScope(reader)}`,
  );
  return row && present(row);
}

/** A warning's measures, oldest first; none when the warning is outside the reader's scope. */
export async function listMeasures(db: DbOrTx, warningId: number, reader: Reader): Promise<ChurnMeasure[]> {
  const found = await rows<{ id: number; text: string; createdAt: string; userId: number; displayName: string }>(
    db,
    sql`select m.id, m.text, m.created_at as "createdAt", u.id as "userId", u.display_name as "displayName"
        from churn_measures m join users u on u.id = m.created_by
        where m.warning_id = ${warningId}
          and exists (select 1 from churn_warnings w join customers c on c.id = w.customer_id
                      where w.id = ${warningId} and ${churnInScope(reader)})
        order by m.created_at, m.id`,
  );
  return found.map((m) => ({
    id: m.id,
    text: m.text,
    createdAt: m.createdAt,
    createdBy: { id: m.userId, displayName: m.displayName },
  }));
}

/**
 * Locks the warning (and its customer, which a confirmation changes) for the rest of the transaction; a warning
 * outside the reader's scope is not found (docs/organisation.md#data-scope, rules 4 and 5).
 */
export async function lockWarning(tx: DbOrTx, id: number, reader: Reader) {
  const [row] = await rows<{
    id: number;
    status: ChurnStatus;
    customerId: number;
    customerStatus: string;
    responsibleId: number | null;
  }>(
    tx,
    sql`select w.id, w.status, w.customer_id as "customerId", c.status as "customerStatus",
               c.manager_id as "responsibleId"
        from churn_warnings w join customers c on c.id = w.customer_id
        where w.id = ${id} and ${churnInScope(reader)} for update of w, c`,
  );
  return row;
}

export async function insertMeasure(tx: DbOrTx, m: { warningId: number; text: string; userId: number; at: Date }) {
  const [row] = await rows<{ id: number }>(
    tx,
    sql`insert into churn_measures (warning_id, text, created_by, created_at)
        values (${m.warningId}, ${m.text}, ${m.userId}, ${m.at.toISOString()}::timestamptz) returning id`,
  );
  return row!.id;
}

export const countMeasures = (tx: DbOrTx, warningId: number) =>
  tx.$count(churnMeasures, eq(churnMeasures.warningId, warningId));

/** Moves an open warning on; the `from` status is part of the statement, so a changed warning is left alone. */
export async function setStatus(
  tx: DbOrTx,
  id: number,
  from: ChurnStatus[],
  to: { status: ChurnStatus; reason?: string; confirmedAt?: Date },
): Promise<boolean> {
  const found = await rows<{ id: number }>(
    tx,
    sql`update churn_warnings set status = ${to.status}
          ${to.reason === undefined ? sql`` : sql`, reason = ${to.reason}`}
          ${to.confirmedAt === undefined ? sql`` : sql`, confirmed_at = ${to.confirmedAt.toISOString()}::timestamptz`}
        where id = ${id} and status in (${sql.join(
          from.map((s) => sql`${s}`),
          sql`, `,
        )})
        returning id`,
  );
  return found.length > 0;
}

/** docs/product.md#churn, rule 9: a confirmed loss makes the customer `lost` (read-only from then on). */
export async function markCustomerLost(tx: DbOrTx, customerId: number, at: Date): Promise<boolean> {
  const found = await rows<{ id: number }>(
    tx,
    sql`update customers set status = 'lost', version = version + 1, updated_at = ${at.toISOString()}::timestamptz
        where id = ${customerId} and status = 'normal' returning id`,
  );
  return found.length > 0;
}
