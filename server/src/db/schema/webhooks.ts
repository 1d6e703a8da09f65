import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './access.ts';

/**
 * Receivers of events (docs/webhooks.md): an address, the events it subscribed to, the format of what it is sent and
 * an optional secret (the HMAC key of JSON deliveries, the signing secret of a DingTalk or Feishu robot) — the API
 * never shows it.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    format: text('format').notNull(),
    secret: text('secret'),
    active: boolean('active').notNull().default(true),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('webhooks_format', sql`${t.format} in ('json', 'dingtalk', 'wecom', 'feishu')`)],
);

/**
 * The outbox and the delivery log in one (docs/webhooks.md#delivery): a row per event and receiver, written in the
 * event's transaction; `id` is the `X-CRM-Delivery` header, `event_id` the body's `id` (the same for every receiver of
 * one event). An instance claims due rows (`for update skip locked`) by moving `next_attempt_at` past a hold and
 * counting the attempt, sends outside any transaction, then records the outcome; a claim whose instance died runs out
 * and the row is due again. Retried with back-off until `give_up_at`, then `failed`.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The order deliveries were written in (instants tie inside one transaction). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    giveUpAt: timestamp('give_up_at', { withTimezone: true }).notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    check('webhook_deliveries_status', sql`${t.status} in ('pending', 'delivered', 'failed')`),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.seq),
  ],
);
