import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './access.ts';

/**
 * An import of customers from a file (docs/imports.md): what was uploaded, how its columns map to fields, and how far
 * its run has come. The counts are written with each batch, in the batch's transaction.
 */
export const imports = pgTable(
  'imports',
  {
    id: serial('id').primaryKey(),
    entity: text('entity').notNull().default('customers'),
    fileName: text('file_name').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('uploaded'),
    /** The headers of the file, in order. */
    columns: jsonb('columns').$type<string[]>().notNull(),
    /** The headers joined: the key of the mapping suggested again for a file with the same ones (rule 4). */
    headerKey: text('header_key').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    /** Whether the user saved this mapping (PATCH): only such mappings are suggested again. */
    mappingSaved: integer('mapping_saved').notNull().default(0),
    mode: text('mode').notNull().default('create'),
    matchOn: text('match_on').notNull().default('creditCode'),
    defaults: jsonb('defaults').$type<Record<string, number | null>>().notNull().default({}),
    rowCount: integer('row_count').notNull(),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** Who the run acts as: the creator's id, department and data scope when the run was started. */
    runAs: jsonb('run_as').$type<{ id: number; departmentId: number | null; dataScope: unknown }>(),
    /** The last check's answer (rule 5), shown again while the import is `checked`; a change of settings drops it. */
    checkResult: jsonb('check_result'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('imports_status', sql`${t.status} in ('uploaded', 'checked', 'running', 'done', 'failed', 'reverted')`),
    index('imports_created_by_idx').on(t.createdBy, t.headerKey, t.id),
    index('imports_running_idx')
      .on(t.id)
      .where(sql`${t.status} = 'running'`),
  ],
);

/**
 * The rows of an imported file, kept in the database so that the check, the run, the errors file and the revert work
 * on any app instance and after a restart (docs/imports.md, rule 6). `row` counts the header as row 1.
 */
export const importRows = pgTable(
  'import_rows',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    cells: jsonb('cells').$type<string[]>().notNull(),
    /** null until the run has handled the row: created, updated, skipped or failed. */
    outcome: text('outcome'),
    error: text('error'),
    /** The key matched on (rule 5), to find duplicates inside the file across batches. */
    matchKey: text('match_key'),
    customerId: integer('customer_id'),
    /** The customer's version after this row wrote it: a revert leaves a customer changed since alone. */
    versionAfter: integer('version_after'),
    /** The values an update replaced, restored by a revert. */
    before: jsonb('before').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.row] }),
    check('import_rows_outcome', sql`${t.outcome} in ('created', 'updated', 'skipped', 'failed')`),
    index('import_rows_key_idx').on(t.importId, t.matchKey),
  ],
);
