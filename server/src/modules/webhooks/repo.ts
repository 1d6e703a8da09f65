import type {
  Webhook,
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookFormat,
  WebhookEvent,
  WebhookQuery,
} from '@crm/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { pageWithTotal } from '../../db/page.ts';
import { rows } from '../../db/sql.ts';
import { limitOffset } from '../../platform/pagination.ts';

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

// ——— receivers ———

/** An instant inside JSON as ISO 8601 UTC, like every other instant of the API. */
const isoIn = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const webhookColumns = sql`h.id, h.name, h.url, h.events, h.format, h.secret is not null as "hasSecret", h.active,
  h.created_at as "createdAt", h.updated_at as "updatedAt",
  (select json_build_object('status', d.status, 'at', ${isoIn(sql`coalesce(d.delivered_at, d.created_at)`)})
     from webhook_deliveries d where d.webhook_id = h.id order by d.seq desc limit 1) as "lastDelivery"`;

export function listWebhooks(db: DbOrTx, q: WebhookQuery) {
  const { limit, offset } = limitOffset(q);
  return pageWithTotal<Webhook>(db, {
    page: sql`select ${webhookColumns} from webhooks h order by h.id limit ${limit} offset ${offset}`,
    order: sql`p.id`,
    total: sql`select count(*) from webhooks`,
    timestamps: ['createdAt', 'updatedAt'],
  });
}

export async function findWebhook(db: DbOrTx, id: number, lock = false): Promise<Webhook | undefined> {
  const [row] = await rows<Webhook>(
    db,
    sql`select ${webhookColumns} from webhooks h where h.id = ${id}${lock ? sql` for update of h` : sql``}`,
  );
  return row;
}

/** The receiver with its secret: for the sender only. */
export async function findWebhookForSending(db: DbOrTx, id: number) {
  const [row] = await rows<{ id: number; name: string; url: string; format: WebhookFormat; secret: string | null }>(
    db,
    sql`select id, name, url, format, secret from webhooks where id = ${id}`,
  );
  return row;
}

export type WebhookValues = {
  name: string;
  url: string;
  events: string[];
  format: WebhookFormat;
  secret: string | null;
  active: boolean;
};

const textArray = (values: string[]) => sql`${`{${values.map((v) => `"${v}"`).join(',')}}`}::text[]`;

export async function insertWebhook(tx: DbOrTx, v: WebhookValues, by: number, now: Date): Promise<number> {
  const [row] = await rows<{ id: number }>(
    tx,
    sql`insert into webhooks (name, url, events, format, secret, active, created_by, created_at, updated_at)
        values (${v.name}, ${v.url}, ${textArray(v.events)}, ${v.format}, ${v.secret}, ${v.active}, ${by},
                ${at(now)}, ${at(now)})
        returning id`,
  );
  return row!.id;
}

export async function updateWebhook(tx: DbOrTx, id: number, v: Partial<WebhookValues>, now: Date) {
  const sets: SQL[] = [sql`updated_at = ${at(now)}`];
  if (v.name !== undefined) sets.push(sql`name = ${v.name}`);
  if (v.url !== undefined) sets.push(sql`url = ${v.url}`);
  if (v.events !== undefined) sets.push(sql`events = ${textArray(v.events)}`);
  if (v.format !== undefined) sets.push(sql`format = ${v.format}`);
  if (v.secret !== undefined) sets.push(sql`secret = ${v.secret}`);
  if (v.active !== undefined) sets.push(sql`active = ${v.active}`);
  await tx.execute(sql`update webhooks set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

export async function deleteWebhook(tx: DbOrTx, id: number) {
  await tx.execute(sql`delete from webhooks where id = ${id}`);
}

// ——— the outbox ———

/** docs/webhooks.md#delivery, rule 3: attempts go on for 24 hours after the event (or a redelivery). */
export const GIVE_UP_MS = 24 * 3_600_000;

/**
 * One delivery per active receiver subscribed to the event, for each item (`eventId`, `data`), in the caller's
 * transaction — one statement, none written when nobody listens.
 */
export async function insertDeliveries(
  tx: DbOrTx,
  event: WebhookEvent,
  items: { eventId: string; data: unknown }[],
  now: Date,
) {
  await tx.execute(
    sql`insert into webhook_deliveries
          (webhook_id, event_id, event, payload, occurred_at, next_attempt_at, give_up_at, created_at)
        select h.id, e.event_id, ${event}::text, e.payload, ${at(now)}, ${at(now)},
               ${at(now)} + ${GIVE_UP_MS} * interval '1 millisecond', ${at(now)}
        from webhooks h
        cross join lateral (select r.event_id, r.payload, o.ordinality
          from jsonb_array_elements(${JSON.stringify(items.map((i) => ({ event_id: i.eventId, payload: i.data })))}::jsonb)
            with ordinality o(item, ordinality),
          lateral jsonb_to_record(o.item) as r(event_id uuid, payload jsonb)) e
        where h.active and ${event}::text = any(h.events)
        order by e.ordinality, h.id`,
  );
}

/**
 * The same fan-out as a statement of its own, for a set-based caller (the churn check) to put in its `with` chain:
 * `rowsSql` selects `key` (unique per event, e.g. the warning's id) and `payload`; the event's id is derived from
 * the event and the key, so it is the same for every receiver.
 */
export const fanOutSql = (event: WebhookEvent, now: Date, rowsSql: SQL) =>
  sql`insert into webhook_deliveries
        (webhook_id, event_id, event, payload, occurred_at, next_attempt_at, give_up_at, created_at)
      select h.id, md5(${event}::text || ':' || e.key || ':' || ${now.toISOString()}::text)::uuid, ${event}::text,
             e.payload,
             ${at(now)}, ${at(now)}, ${at(now)} + ${GIVE_UP_MS} * interval '1 millisecond', ${at(now)}
      from webhooks h cross join (${rowsSql}) e
      where h.active and ${event}::text = any(h.events)`;

export type Claimed = {
  id: string;
  webhookId: number;
  eventId: string;
  event: string;
  payload: Record<string, unknown>;
  /** ISO instants, as raw SQL gives them. */
  occurredAt: string;
  attempts: number;
  giveUpAt: string;
  url: string;
  format: WebhookFormat;
  secret: string | null;
};

/**
 * Claims up to `limit` due deliveries of active receivers for `holdMs` (docs/webhooks.md#delivery, rule 1): one
 * statement, `for update skip locked`, moving `next_attempt_at` past the hold and counting the attempt — so two
 * instances never claim the same delivery, and one whose instance died is due again when the hold runs out.
 */
export function claimDue(db: DbOrTx, now: Date, holdMs: number, limit: number) {
  return rows<Claimed>(
    db,
    sql`update webhook_deliveries d
        set next_attempt_at = ${at(now)} + ${holdMs} * interval '1 millisecond', attempts = d.attempts + 1
        from (select d2.id from webhook_deliveries d2 join webhooks h2 on h2.id = d2.webhook_id
              where d2.status = 'pending' and d2.next_attempt_at <= ${at(now)} and h2.active
              order by d2.next_attempt_at, d2.seq limit ${limit}
              for update of d2 skip locked) due, webhooks h
        where d.id = due.id and h.id = d.webhook_id
        returning d.id, d.webhook_id as "webhookId", d.event_id as "eventId", d.event, d.payload,
                  d.occurred_at as "occurredAt", d.attempts, d.give_up_at as "giveUpAt",
                  h.url, h.format, h.secret`,
  );
}

/**
 * The outcome of the claim that counted `attempts` (a later claim's outcome is not overwritten): delivered; or failed
 * with the next attempt at `retryAt`, or for good (`retryAt` null).
 */
export async function recordOutcome(
  db: DbOrTx,
  id: string,
  attempts: number,
  o: { delivered: boolean; statusCode: number | null; error: string | null; retryAt: Date | null; now: Date },
) {
  const status = o.delivered ? 'delivered' : o.retryAt ? 'pending' : 'failed';
  await db.execute(
    sql`update webhook_deliveries
        set status = ${status}, last_status_code = ${o.statusCode}, last_error = ${o.error},
            delivered_at = ${o.delivered ? at(o.now) : null},
            next_attempt_at = ${o.retryAt ? at(o.retryAt) : sql`next_attempt_at`}
        where id = ${id} and attempts = ${attempts} and status = 'pending'`,
  );
}

// ——— the log ———

const deliveryColumns = sql`d.id, d.event, d.status, d.attempts, d.last_status_code as "lastStatusCode",
  d.last_error as "lastError", d.created_at as "createdAt", d.delivered_at as "deliveredAt",
  case when d.status = 'pending' then d.next_attempt_at end as "nextAttemptAt"`;

export async function listDeliveries(db: DbOrTx, webhookId: number, q: WebhookDeliveryQuery) {
  const where = sql`d.webhook_id = ${webhookId}${q.status ? sql` and d.status = ${q.status}` : sql``}`;
  const { limit, offset } = limitOffset(q);
  const { items, total } = await pageWithTotal<WebhookDelivery & { seq?: number }>(db, {
    page: sql`select ${deliveryColumns}, d.seq from webhook_deliveries d where ${where}
              order by d.seq desc limit ${limit} offset ${offset}`,
    order: sql`p.seq desc`,
    total: sql`select count(*) from webhook_deliveries d where ${where}`,
    timestamps: ['createdAt', 'deliveredAt', 'nextAttemptAt'],
  });
  return { items: items.map(({ seq: _seq, ...delivery }) => delivery), total };
}

export async function findDelivery(db: DbOrTx, webhookId: number, id: string, lock = false) {
  const [row] = await rows<WebhookDelivery>(
    db,
    sql`select ${deliveryColumns} from webhook_deliveries d where d.webhook_id = ${webhookId} and d.id = ${id}
        ${lock ? sql`for update` : sql``}`,
  );
  return row;
}

/** docs/webhooks.md#the-delivery-log, rule 2: the same delivery (same id) due again now, for another 24 hours. */
export async function requeueDelivery(tx: DbOrTx, id: string, now: Date) {
  await tx.execute(
    sql`update webhook_deliveries set status = 'pending', next_attempt_at = ${at(now)}, delivered_at = null,
        give_up_at = ${at(now)} + ${GIVE_UP_MS} * interval '1 millisecond' where id = ${id}`,
  );
}

/**
 * The test button's delivery (docs/webhooks.md#delivery, rule 5): written as claimed by this request (one attempt,
 * held for `holdMs`) with no retry after it.
 */
export async function insertTestDelivery(
  tx: DbOrTx,
  d: { webhookId: number; eventId: string; event: string; payload: unknown },
  now: Date,
  holdMs: number,
): Promise<string> {
  const [row] = await rows<{ id: string }>(
    tx,
    sql`insert into webhook_deliveries
          (webhook_id, event_id, event, payload, occurred_at, attempts, next_attempt_at, give_up_at, created_at)
        values (${d.webhookId}, ${d.eventId}, ${d.event}, ${JSON.stringify(d.payload)}::jsonb, ${at(now)}, 1,
                ${at(now)} + ${holdMs} * interval '1 millisecond', ${at(now)}, ${at(now)})
        returning id`,
  );
  return row!.id;
}

/** docs/webhooks.md#the-delivery-log, rule 3: finished deliveries are kept 30 days. */
export async function pruneDeliveries(db: DbOrTx, before: Date): Promise<number> {
  const deleted = await rows<{ id: string }>(
    db,
    sql`delete from webhook_deliveries where status <> 'pending' and created_at < ${at(before)} returning id`,
  );
  return deleted.length;
}
