import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';
import { customers, jobRuns } from '../../db/schema/index.ts';
import { webhookFanOutSql } from '../webhooks/index.ts';

/**
 * Any number: the same in every instance of the CRM (docs/product.md#churn, rule 2: scans on several instances make one
 * set).
 */
export const CHURN_SCAN_LOCK = 4_711_105;
export const CHURN_SCAN_JOB = 'churn-scan';

type Who = { actorId: number | null; requestId: string };

/**
 * PostgreSQL only (PGlite has one session, where it always succeeds): held until the transaction ends. The check's
 * few big statements gain nothing from JIT compilation, which costs more than it saves at this size.
 */
export async function tryScanLock(tx: DbOrTx): Promise<boolean> {
  await tx.execute(sql`set local jit = off`);
  const [row] = await rows<{ locked: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(${CHURN_SCAN_LOCK}) as locked`,
  );
  return Boolean(row?.locked);
}

/**
 * docs/product.md#churn, rule 5 (the sensible addition): an open warning whose customer has ordered since the warning's
 * last order date is closed as `recovered`. One statement for all warnings, audited in the same statement.
 */
export async function recoverOrderedAgain(tx: DbOrTx, at: Date, who: Who): Promise<number> {
  const [row] = await rows<{ n: number }>(
    tx,
    // the last order date per customer number is kept in customer_sales_totals (by the sales refresh)
    sql`with candidates as (
          select w.id, w.status as old_status, lo.last_order_date as new_last
          from churn_warnings w
          join customers c on c.id = w.customer_id
          join customer_sales_totals lo on lo.customer_no = c.number
          where w.status in ('warning', 'delayed')
            and (w.last_order_date is null or lo.last_order_date > w.last_order_date)
        ), recovered as (
          update churn_warnings w set status = 'recovered', recovered_at = ${at.toISOString()}::timestamptz
          from candidates x
          where w.id = x.id and w.status in ('warning', 'delayed')
          returning w.id, x.old_status, x.new_last, w.recovered_at
        ), logged as (
          insert into audit_log (user_id, action, entity, entity_id, before, after, request_id)
          select ${who.actorId}::int, 'recover', 'churnWarning', r.id::text,
                 jsonb_build_object('status', r.old_status),
                 jsonb_build_object('status', 'recovered', 'recoveredAt', r.recovered_at, 'newLastOrderDate', r.new_last),
                 ${who.requestId}::text
          from recovered r
        )
        select count(*)::int as n from recovered`,
  );
  return row?.n ?? 0;
}

/** Each new warning (of the `created` step below) as the `data` of its churn.warning event. */
const warningEvents = sql`select w.id::text as key, jsonb_build_object('warning', jsonb_build_object(
    'id', w.id, 'customer', jsonb_build_object('id', cu.id, 'number', cu.number, 'name', cu.name),
    'managerId', w.manager_id, 'lastOrderDate', w.last_order_date, 'status', 'warning')) as payload
  from created w join customers cu on cu.id = w.customer_id`;

/**
 * docs/product.md#churn, rules 1 and 3: a warning for every `normal` customer whose last counted order is before
 * `lastOrderBefore`, or who never ordered and was created before `createdBefore`, unless it has an open warning or is
 * in the pool (no manager to warn: docs/organisation.md#customer-pool, rule 8). The
 * partial unique index (one open warning per customer) is the arbiter, so a racing scan can never add a second one.
 */
export async function createWarnings(
  tx: DbOrTx,
  c: { at: Date; lastOrderBefore: string; createdBefore: Date },
  who: Who,
): Promise<number> {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`with created as (
          insert into churn_warnings (customer_id, manager_id, last_order_date, status, created_at)
          select c.id, c.manager_id, lo.last_order_date, 'warning', ${c.at.toISOString()}::timestamptz
          from customers c
          left join customer_sales_totals lo on lo.customer_no = c.number
          where c.status = 'normal' and c.manager_id is not null
            and (lo.last_order_date < ${c.lastOrderBefore}::date
                 or (lo.last_order_date is null and c.created_at < ${c.createdBefore.toISOString()}::timestamptz))
            and not exists (
              select 1 from churn_warnings o where o.customer_id = c.id and o.status in ('warning', 'delayed'))
          order by c.id
          on conflict (customer_id) where status in ('warning', 'delayed') do nothing
          returning id, customer_id, manager_id, last_order_date
        ), logged as (
          insert into audit_log (user_id, action, entity, entity_id, before, after, request_id)
          select ${who.actorId}::int, 'create', 'churnWarning', w.id::text, null,
                 jsonb_build_object('customerId', w.customer_id, 'managerId', w.manager_id,
                                    'lastOrderDate', w.last_order_date, 'status', 'warning'),
                 ${who.requestId}::text
          from created w
        ), told as (
          -- docs/notifications.md#kinds: the customer's manager is told of the warning
          insert into notifications (user_id, kind, key, payload, ref_type, ref_id, created_at)
          select w.manager_id, 'churn.warning', 'churn.warning:' || w.id,
                 jsonb_build_object('warningId', w.id, 'customerId', w.customer_id, 'customerName', c.name,
                                    'lastOrderDate', w.last_order_date),
                 'churnWarning', w.id, ${c.at.toISOString()}::timestamptz
          from created w join customers c on c.id = w.customer_id
          on conflict (user_id, key) do nothing
        ), hooked as (
          -- docs/webhooks.md#events: the receivers of churn.warning hear of each new warning
          ${webhookFanOutSql('churn.warning', c.at, warningEvents)}
        )
        select count(*)::int as n from created`,
  );
  return row?.n ?? 0;
}

export const countNormalCustomers = (tx: DbOrTx): Promise<number> =>
  tx.$count(customers, eq(customers.status, 'normal'));

export async function insertJobRun(
  tx: DbOrTx,
  run: { job: string; startedAt: Date; finishedAt: Date; result: unknown },
) {
  await tx.insert(jobRuns).values(run);
}

export async function lastJobRun(db: DbOrTx, job: string) {
  const [row] = await db
    .select({ startedAt: jobRuns.startedAt, finishedAt: jobRuns.finishedAt, result: jobRuns.result })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), isNotNull(jobRuns.finishedAt)))
    .orderBy(desc(jobRuns.finishedAt), desc(jobRuns.id))
    .limit(1);
  return row;
}

export async function salesAsOf(db: DbOrTx): Promise<string | null> {
  const [row] = await rows<{ asOf: string | null }>(
    db,
    sql`select as_of as "asOf" from sales_sync order by id limit 1`,
  );
  return row?.asOf ?? null;
}
