import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** At most one department (docs/organisation.md, rule 1); none for a user outside the tree. */
    departmentId: integer('department_id').references((): AnyPgColumn => departments.id),
    email: text('email'),
    /** Two-step verification (docs/sign-in.md#two-step-verification): the base32 secret once enabled. */
    totpSecret: text('totp_secret'),
    /** A secret offered by setup and not yet confirmed with a code. */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The time step of the last code accepted: a code is accepted once (no replay). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    index('users_department_idx').on(t.departmentId),
  ],
);

/** The department tree (部门, docs/organisation.md#departments). A name is unique among its siblings. */
export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => departments.id),
    leaderId: integer('leader_id').references((): AnyPgColumn => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('departments_sibling_name_key').on(sql`coalesce(${t.parentId}, 0)`, sql`lower(${t.name})`),
    index('departments_parent_idx').on(t.parentId),
  ],
);

/**
 * The tree's closure: a row for every department and each of its ancestors, itself included (depth 0), so that "this
 * department and everything below it" is one indexed lookup, never a recursive query per row.
 */
export const departmentPaths = pgTable(
  'department_paths',
  {
    ancestorId: integer('ancestor_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    descendantId: integer('descendant_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    depth: integer('depth').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index('department_paths_descendant_idx').on(t.descendantId),
  ],
);

export const roles = pgTable('roles', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Its users must use two-step verification (docs/sign-in.md#two-step-verification, rule 5). */
  requireTwoFactor: boolean('require_two_factor').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const rolePermissions = pgTable(
  'role_permissions',
  {
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    permission: text('permission').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

/** A role's data scope per record family (docs/organisation.md#data-scope); every role has a row per family. */
export const roleScopes = pgTable(
  'role_scopes',
  {
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    family: text('family').notNull(),
    scope: text('scope').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.family] }),
    check('role_scopes_family_check', sql`${t.family} in ('customers', 'opportunities', 'services', 'churn')`),
    check('role_scopes_scope_check', sql`${t.scope} in ('self', 'department', 'departmentTree', 'all')`),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_roles_role_idx').on(t.roleId)],
);

/** A session is known only by the SHA-256 of its token; the token itself lives in the user's cookie. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** What the API names a session by (`GET /me/sessions`): never its token's hash. */
    id: serial('id').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * The sign-in limiter's counters (modules/access/throttle.ts): one row per username-and-address pair, username,
 * address or remembered browser, with the failed (or running) attempts of its window and when it next admits one.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  nextAt: timestamp('next_at', { withTimezone: true }),
});

/** Browsers that signed in before (the `crm_device` cookie, known by its SHA-256), and as whom. */
export const loginDevices = pgTable(
  'login_devices',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_devices_user_idx').on(t.userId), index('login_devices_last_used_idx').on(t.lastUsedAt)],
);

/**
 * Personal API tokens (docs/sign-in.md#api-tokens): known by the SHA-256 of the secret; `permissions` null means all of
 * the user's (current) permissions. A revoked token stays, so that the audit entries made with it still name it.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    permissions: text('permissions').array(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/** One-time recovery codes of two-step verification, known by their SHA-256; a used one keeps its `usedAt`. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * A sign-in whose password was right and that waits for the second step (the `crm_2fa` cookie, known by its
 * SHA-256); it lasts five minutes and takes a limited number of wrong codes.
 */
export const pendingSignIns = pgTable('pending_sign_ins', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  deviceHash: text('device_hash'),
  failures: integer('failures').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * A single sign-on under way (docs/sign-in.md#single-sign-on): the browser holds the handle (`crm_oidc` cookie), the
 * row holds state, nonce and PKCE verifier; it is used once.
 */
export const oidcLogins = pgTable('oidc_logins', {
  handleHash: text('handle_hash').primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
