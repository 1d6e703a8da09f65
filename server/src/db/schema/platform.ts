import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { apiTokens, users } from './access.ts';

/** Every change of business data: who, what, when, before/after, request id. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    /** The API token the change was made with (docs/sign-in.md#api-tokens, rule 6); null for a browser session. */
    tokenId: integer('token_id').references(() => apiTokens.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_user_idx').on(t.userId, t.at),
  ],
);

/** A replayed create (same user, same `Idempotency-Key`) answers the first answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    route: text('route').notNull(),
    /** SHA-256 of the request body (keys sorted): a key reused with another body is refused, not replayed. */
    fingerprint: text('fingerprint').notNull().default(''),
    statusCode: smallint('status_code').notNull(),
    body: jsonb('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Runs of scheduled jobs, so that the UI can show when a job last ran. */
export const jobRuns = pgTable('job_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  job: text('job').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  result: jsonb('result'),
});

/**
 * Exact row counts of the big tables whose lists are most often opened without a filter (customers, services),
 * kept by statement triggers (migration 0007): the unfiltered list reads its total here instead of counting
 * 100,000 rows on every request.
 */
export const rowCounts = pgTable('row_counts', {
  tableName: text('table_name').primaryKey(),
  n: bigint('n', { mode: 'number' }).notNull(),
});

/**
 * Work that must run once at a time across every instance, without holding a connection while it runs (a refresh
 * waits on the sales system for minutes): a row claimed with one statement, renewed while the work goes on, and
 * taken over by another instance once it has expired (its holder died).
 */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
