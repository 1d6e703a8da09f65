import {
  MERGE_FIELDS,
  type MergeField,
  type ImportCheck,
  type ImportDetail,
  type ImportQuery,
  type ImportRecord,
} from '@crm/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { customers } from '../../db/schema/index.ts';
import { pageWithTotal } from '../../db/page.ts';
import { writeNamePinyin } from '../../db/pinyin.ts';
import { rows } from '../../db/sql.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { customerInScope, userInScope, type Reader } from '../../platform/scope.ts';
import type { Lookups } from './rows.ts';

export type ImportRow = {
  id: number;
  fileName: string;
  status: ImportRecord['status'];
  createdBy: number;
  columns: string[];
  mapping: Record<string, string>;
  mode: 'create' | 'update' | 'upsert';
  matchOn: 'creditCode' | 'number' | 'name';
  defaults: Record<string, number | null>;
  rowCount: number;
  runAs: Reader | null;
};

const record = sql`i.id, i.entity, i.file_name as "fileName", i.status, i.mode, i.match_on as "matchOn",
  i.row_count as "rowCount", i.processed, i.created, i.updated, i.skipped, i.failed, i.created_at as "createdAt",
  i.started_at as "startedAt", i.finished_at as "finishedAt", i.columns, i.mapping, i.defaults,
  json_build_object('id', u.id, 'displayName', u.display_name) as "createdBy"`;

/** `mine`: the imports of that user only (docs/imports.md, rule 10); null: every import (an administrator). */
const visible = (mine: number | null) => (mine === null ? sql`true` : sql`i.created_by = ${mine}`);

export async function insertImport(
  tx: DbOrTx,
  v: {
    fileName: string;
    createdBy: number;
    at: Date;
    columns: string[];
    mapping: Record<string, string>;
    mode: string;
    matchOn: string;
    defaults: Record<string, unknown>;
  },
) {
  const [row] = await rows<{ id: number }>(
    tx,
    sql`insert into imports (file_name, created_by, created_at, columns, header_key, mapping, mode, match_on, defaults,
          row_count)
        values (${v.fileName}, ${v.createdBy}, ${v.at.toISOString()}::timestamptz, ${JSON.stringify(v.columns)}::jsonb,
          ${v.columns.join('\u001f')}, ${JSON.stringify(v.mapping)}::jsonb, ${v.mode}, ${v.matchOn},
          ${JSON.stringify(v.defaults)}::jsonb, 0)
        returning id`,
  );
  return row!.id;
}

/** Rows of a file, in one statement (the upload gives them a chunk at a time). */
export async function insertRows(tx: DbOrTx, importId: number, data: { row: number; cells: string[] }[]) {
  if (!data.length) return;
  await tx.execute(
    sql`insert into import_rows (import_id, row, cells)
        select ${importId}, r, c::jsonb
        from unnest(${sql.param(data.map((d) => d.row))}::int[], ${sql.param(data.map((d) => JSON.stringify(d.cells)))}::text[]) as t(r, c)`,
  );
}

/** The number of data rows, known once the whole file is stored. */
export async function setRowCount(tx: DbOrTx, id: number, rowCount: number) {
  await tx.execute(sql`update imports set row_count = ${rowCount} where id = ${id}`);
}

/** The last mapping the user saved for a file with the same headers (docs/imports.md, rule 4). */
export async function savedMapping(db: DbOrTx, userId: number, columns: string[]) {
  const [row] = await rows<Pick<ImportRow, 'mapping' | 'mode' | 'matchOn' | 'defaults'>>(
    db,
    sql`select mapping, mode, match_on as "matchOn", defaults from imports
        where created_by = ${userId} and header_key = ${columns.join('\u001f')} and mapping_saved = 1
        order by id desc limit 1`,
  );
  return row;
}

export async function findImportRow(db: DbOrTx, id: number, mine: number | null, lock = false) {
  const [row] = await rows<ImportRow>(
    db,
    sql`select i.id, i.file_name as "fileName", i.status, i.created_by as "createdBy", i.columns, i.mapping, i.mode,
          i.match_on as "matchOn", i.defaults, i.row_count as "rowCount", i.run_as as "runAs"
        from imports i where i.id = ${id} and ${visible(mine)} ${lock ? sql`for update` : sql``}`,
  );
  return row;
}

/** An import with its last check's answer while that answer holds (status `checked`). */
export async function findImport(db: DbOrTx, id: number, mine: number | null) {
  const [row] = await rows<ImportDetail>(
    db,
    sql`select ${record}, case when i.status = 'checked' then i.check_result end as "check"
        from imports i join users u on u.id = i.created_by where i.id = ${id} and ${visible(mine)}`,
  );
  return row;
}

export async function listImports(db: DbOrTx, q: ImportQuery, mine: number | null) {
  const { limit, offset } = limitOffset(q);
  const where = sql`${visible(mine)}${q.status ? sql` and i.status = ${q.status}` : sql``}`;
  return pageWithTotal<ImportRecord>(db, {
    page: sql`select ${record} from imports i join users u on u.id = i.created_by where ${where}
              order by i.id desc limit ${limit} offset ${offset}`,
    order: sql`p.id desc`,
    total: sql`select count(*) from imports i where ${where}`,
    timestamps: ['createdAt', 'startedAt', 'finishedAt'],
  });
}

export async function saveSettings(
  tx: DbOrTx,
  id: number,
  s: { mapping: Record<string, string>; mode: string; matchOn: string; defaults: Record<string, unknown> },
) {
  await tx.execute(
    sql`update imports set mapping = ${JSON.stringify(s.mapping)}::jsonb, mode = ${s.mode}, match_on = ${s.matchOn},
          defaults = ${JSON.stringify(s.defaults)}::jsonb, mapping_saved = 1, check_result = null,
          status = case when status = 'checked' then 'uploaded' else status end
        where id = ${id}`,
  );
}

/** The import checked, its answer kept for the wizard to show again (docs/imports.md, rule 5). */
export async function setChecked(tx: DbOrTx, id: number, answer: ImportCheck) {
  await tx.execute(
    sql`update imports set status = 'checked', check_result = ${JSON.stringify(answer)}::jsonb
        where id = ${id} and status in ('uploaded', 'checked')`,
  );
}

/** The import was reverted (docs/imports.md, rule 9). */
export async function markReverted(tx: DbOrTx, id: number) {
  await tx.execute(sql`update imports set status = 'reverted' where id = ${id}`);
}

/** The run starts, as `runAs` (docs/imports.md, rule 6). */
export async function markRunning(tx: DbOrTx, id: number, now: Date, runAs: unknown) {
  await tx.execute(sql`update imports set status = 'running', started_at = ${now.toISOString()}::timestamptz,
    run_as = ${JSON.stringify(runAs)}::jsonb where id = ${id}`);
}

/** The run ends: its status and end, and its counts as they stand. */
export async function markFinished(tx: DbOrTx, id: number, status: 'done' | 'failed', now: Date) {
  const [counts] = await rows<{ created: number; updated: number; skipped: number; failed: number; processed: number }>(
    tx,
    sql`update imports set status = ${status}, finished_at = ${now.toISOString()}::timestamptz where id = ${id}
        returning created, updated, skipped, failed, processed`,
  );
  return counts!;
}

/** The imports running without an instance's lease on them: their instance stopped (docs/imports.md, rule 6). */
export async function runningWithoutLease(db: DbOrTx) {
  const found = await rows<{ id: number }>(
    db,
    sql`select i.id from imports i where i.status = 'running' and not exists
          (select 1 from job_leases l where l.name = 'import:' || i.id and l.expires_at > clock_timestamp())
        order by i.id`,
  );
  return found.map((r) => r.id);
}

/** The rows of the file after `after`, in order, `limit` of them. */
export async function rowsAfter(db: DbOrTx, id: number, after: number, limit: number) {
  return rows<{ row: number; cells: string[] }>(
    db,
    sql`select row, cells from import_rows where import_id = ${id} and row > ${after} order by row limit ${limit}`,
  );
}

/**
 * The next rows the run has not handled yet, read ahead of their batch's transaction (docs/imports.md, rule 6):
 * `lockPending` takes them in it. `after`: the last row the run read (0 at its start), so that the read starts there
 * in the primary key instead of passing every handled row again.
 */
export async function pendingRows(db: DbOrTx, id: number, after: number, limit: number) {
  return rows<{ row: number; cells: string[] }>(
    db,
    sql`select row, cells from import_rows where import_id = ${id} and row > ${after} and outcome is null
        order by row limit ${limit}`,
  );
}

/** Locks these rows of the import for the batch's transaction; answers those still without an outcome. */
export async function lockPending(tx: DbOrTx, id: number, list: number[]): Promise<Set<number>> {
  const locked = await rows<{ row: number }>(
    tx,
    sql`select row from import_rows where import_id = ${id} and row = any(${sql.param(list)}::int[]) and outcome is null
        order by row
        for update`,
  );
  return new Set(locked.map((l) => l.row));
}

/** The regions, levels and managers a row may name, as the actor may use them. */
export async function lookups(db: DbOrTx, reader: Reader): Promise<Lookups> {
  const items = await rows<{ type: string; item: string; id: number }>(
    db,
    sql`select type, item, id from dictionary_entries where type in ('region', 'customerLevel') order by id`,
  );
  const regions = new Map<string, number>();
  const levels = new Map<string, number>();
  for (const i of items) {
    const map = i.type === 'region' ? regions : levels;
    if (!map.has(i.item)) map.set(i.item, i.id);
  }
  const people = await rows<{ id: number; username: string; displayName: string }>(
    db,
    sql`select distinct u.id, u.username, u.display_name as "displayName" from users u
        join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
        where u.active and r.code = 'manager' and ${userInScope(reader, 'customers', sql`u.id`)}`,
  );
  const managers = new Map<string, number | 'ambiguous'>();
  for (const p of people) {
    const named = managers.get(p.displayName);
    if (named === undefined || named === p.id) managers.set(p.displayName, p.id);
    else managers.set(p.displayName, 'ambiguous');
  }
  for (const p of people) managers.set(p.username, p.id); // a username is unique and wins
  return { regions, levels, managers };
}

export type Match = { id: number; version: number; inScope: boolean };

const KEY_COLUMN = { creditCode: sql`c.credit_code`, number: sql`c.number`, name: sql`c.name` } as const;

/** The customers each key names (a name may name several), with whether the reader may change them. */
export async function customersByKey(
  db: DbOrTx,
  matchOn: keyof typeof KEY_COLUMN,
  keys: string[],
  reader: Reader,
): Promise<Map<string, Match[]>> {
  const found = new Map<string, Match[]>();
  if (!keys.length) return found;
  const column = KEY_COLUMN[matchOn];
  const list = await rows<Match & { key: string }>(
    db,
    sql`select ${column} as key, c.id, c.version, (${customerInScope(reader)}) as "inScope" from customers c
        where ${column} = any(${sql.param(keys)}::text[]) and c.status <> 'merged'`,
  );
  for (const m of list) found.set(m.key, [...(found.get(m.key) ?? []), m]);
  return found;
}

/** The keys this import created or updated a customer for already (a later row with one is a duplicate). */
export async function keysDone(tx: DbOrTx, importId: number, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const found = await rows<{ key: string }>(
    tx,
    sql`select distinct match_key as key from import_rows
        where import_id = ${importId} and match_key = any(${sql.param(keys)}::text[]) and outcome in ('created', 'updated')`,
  );
  return new Set(found.map((f) => f.key));
}

/** Serialises the imports that may create a customer with the same credit code: locks taken in one order. */
export async function lockKeys(tx: DbOrTx, keys: string[]) {
  const sorted = [...new Set(keys)].sort();
  if (!sorted.length) return;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('import-key:' || k)) from unnest(${sql.param(sorted)}::text[]) as k`,
  );
}

export type Outcome = {
  row: number;
  outcome: 'created' | 'updated' | 'skipped' | 'failed';
  error: string | null;
  key: string | null;
  customerId: number | null;
  versionAfter: number | null;
  before: Record<string, unknown> | null;
};

/** Writes the batch's outcomes and moves the import's counts on, in the batch's transaction. */
export async function recordOutcomes(tx: DbOrTx, importId: number, out: Outcome[]) {
  if (!out.length) return;
  await tx.execute(
    sql`update import_rows r set outcome = o.outcome, error = o.error, match_key = o.key, customer_id = o.customer_id,
          version_after = o.version_after, before = o.before::jsonb
        from unnest(${sql.param(out.map((o) => o.row))}::int[], ${sql.param(out.map((o) => o.outcome))}::text[],
          ${sql.param(out.map((o) => o.error))}::text[], ${sql.param(out.map((o) => o.key))}::text[],
          ${sql.param(out.map((o) => o.customerId))}::int[], ${sql.param(out.map((o) => o.versionAfter))}::int[],
          ${sql.param(out.map((o) => (o.before ? JSON.stringify(o.before) : null)))}::text[])
          as o(row, outcome, error, key, customer_id, version_after, before)
        where r.import_id = ${importId} and r.row = o.row`,
  );
  const n = (k: Outcome['outcome']) => out.filter((o) => o.outcome === k).length;
  await tx.execute(
    sql`update imports set processed = processed + ${out.length}, created = created + ${n('created')},
          updated = updated + ${n('updated')}, skipped = skipped + ${n('skipped')}, failed = failed + ${n('failed')}
        where id = ${importId}`,
  );
}

/** The customer fields an import may change (docs/imports.md, rule 3): those a merge may take, and the manager. */
type Changeable = MergeField | 'managerId';
const CHANGEABLE: readonly Changeable[] = [...MERGE_FIELDS, 'managerId'];
const isChangeable = (f: string): f is Changeable => (CHANGEABLE as readonly string[]).includes(f);
const customerColumn = (f: Changeable) => sql.identifier(customers[f].name);

/**
 * Sets `changes` on a customer (version one up) and answers the values they replaced and the new version; nothing
 * when the customer is gone or no longer `normal`. Money is written as text, as the customer form writes it.
 */
export async function changeCustomer(
  tx: DbOrTx,
  id: number,
  changes: Record<string, unknown>,
  now: Date,
): Promise<
  | { before: Record<string, unknown>; version: number; customer: { id: number; number: string; name: string } }
  | undefined
> {
  const fields = Object.keys(changes).filter(isChangeable);
  const old = sql.join(
    fields.map((f) => sql`${customerColumn(f)} as ${sql.identifier(f)}`),
    sql`, `,
  );
  const [before] = await rows<Record<string, unknown>>(
    tx,
    sql`select ${fields.length ? sql`${old},` : sql``} 1 as one from customers where id = ${id} and status = 'normal'
        for update`,
  );
  if (!before) return undefined;
  delete before.one;
  const sets = fields.map((f) => {
    const v = changes[f];
    const value = typeof v === 'number' && /capital|turnover/i.test(f) ? v.toFixed(2) : v;
    return sql`${customerColumn(f)} = ${value ?? null}`;
  });
  const [after] = await rows<{ version: number; id: number; number: string; name: string }>(
    tx,
    sql`update customers set ${sql.join([...sets, sql`updated_at = ${now.toISOString()}::timestamptz`], sql`, `)},
          version = version + 1 where id = ${id} returning id, number, name, version`,
  );
  if ('name' in changes) await writeNamePinyin(tx, 'customers', [{ id, name: after!.name }]);
  const { version, ...customer } = after!;
  return { before, version, customer };
}

/** The rows the run created or updated a customer for, with what a revert needs to know about each now. */
export async function revertCandidates(tx: DbOrTx, importId: number) {
  return rows<{
    row: number;
    outcome: 'created' | 'updated';
    customerId: number;
    versionAfter: number;
    before: Record<string, unknown> | null;
    version: number | null;
    status: string | null;
    contacts: number;
    records: number;
  }>(
    tx,
    sql`select r.row, r.outcome, r.customer_id as "customerId", r.version_after as "versionAfter", r.before,
          c.version, c.status,
          -- the contact the import wrote came with the customer, at the same instant; any other is a record given since
          (select count(*)::int from contacts k where k.customer_id = c.id and k.created_at <> c.created_at)
            as contacts,
          ((select count(*) from activities a where a.customer_id = c.id)
           + (select count(*) from opportunities o where o.customer_id = c.id)
           + (select count(*) from services s where s.customer_id = c.id)
           + (select count(*) from churn_warnings w where w.customer_id = c.id)
           + (select count(*) from customer_pool_events e where e.customer_id = c.id))::int as records
        from import_rows r left join customers c on c.id = r.customer_id
        where r.import_id = ${importId} and r.outcome in ('created', 'updated') and r.customer_id is not null
        order by r.customer_id
        for update of r`,
  );
}

export async function deleteCustomer(tx: DbOrTx, id: number) {
  await tx.execute(sql`delete from customers where id = ${id}`);
}

export async function isDictionaryItem(db: DbOrTx, id: number, type: string) {
  const found = await rows<{ id: number }>(
    db,
    sql`select id from dictionary_entries where id = ${id} and type = ${type}`,
  );
  return found.length > 0;
}

/** The rows the run did not import, with the reason, in file order (docs/imports.md, rule 8). */
export async function failedRows(db: DbOrTx, importId: number) {
  return rows<{ cells: string[]; reason: string }>(
    db,
    sql`select cells, coalesce(error, '') as reason from import_rows
        where import_id = ${importId} and outcome in ('failed', 'skipped') order by row`,
  );
}
