import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './access.ts';
import { contacts } from './customers.ts';

/**
 * A contact's access to the customer portal (docs/portal.md#accounts): one per contact, an invitation until it is
 * accepted (only the SHA-256 of its one-time token is kept), then a username and password. Revoking deletes it; a
 * deleted contact takes it along, and the sessions go with it.
 */
export const portalAccounts = pgTable(
  'portal_accounts',
  {
    id: serial('id').primaryKey(),
    contactId: integer('contact_id')
      .notNull()
      .unique()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** Null until the invitation is accepted. */
    username: text('username'),
    passwordHash: text('password_hash'),
    /** SHA-256 of the invitation's token; null once accepted (a token works once). */
    inviteTokenHash: text('invite_token_hash').unique(),
    inviteExpiresAt: timestamp('invite_expires_at', { withTimezone: true }),
    invitedById: integer('invited_by').references(() => users.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('portal_accounts_username_key').on(sql`lower(${t.username})`),
    check(
      'portal_accounts_state_check',
      sql`(${t.acceptedAt} is null and ${t.inviteTokenHash} is not null and ${t.inviteExpiresAt} is not null
           and ${t.username} is null and ${t.passwordHash} is null)
       or (${t.acceptedAt} is not null and ${t.inviteTokenHash} is null and ${t.username} is not null
           and ${t.passwordHash} is not null)`,
    ),
  ],
);

/** A portal sign-in (docs/portal.md#sessions): the SHA-256 of its cookie's token, never the token. */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    id: serial('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: integer('account_id')
      .notNull()
      .references(() => portalAccounts.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('portal_sessions_account_idx').on(t.accountId), index('portal_sessions_seen_idx').on(t.lastSeenAt)],
);
