import type {
  ImportCheck,
  ImportDefaults,
  ImportErrorsQuery,
  ImportQuery,
  ImportRevert,
  UpdateImportBody,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, invalidState, notFound, pgErrorCode, validationFailed } from '../../platform/errors.ts';
import { exportFile, type ExportColumn } from '../../platform/export.ts';
import { pageOf } from '../../platform/pagination.ts';
import type { Reader } from '../../platform/scope.ts';
import { isActiveManager } from '../access/index.ts';
import { decide, errorsOf, readyRow, reasonOf } from './decide.ts';
import { openFile, type FileRow } from './read-file.ts';
import * as repo from './repo.ts';
import { missingColumns, suggestMapping, type Plan } from './rows.ts';
import type { UploadedFile } from './upload-file.ts';

/** An administrator sees every import; anyone else their own (docs/imports.md, rule 10). */
export const mineOf = (ctx: Ctx) => (ctx.actor.roles.includes('admin') ? null : ctx.actor.id);
const readerOf = (ctx: Ctx): Reader => ({
  id: ctx.actor.id,
  departmentId: ctx.actor.departmentId,
  dataScope: ctx.actor.dataScope,
});

async function mustFind(db: DbOrTx, ctx: Ctx, id: number, lock = false) {
  const found = await repo.findImportRow(db, id, mineOf(ctx), lock);
  if (!found) throw notFound('Import');
  return found;
}

const SAMPLE_ROWS = 5;
/** Rows stored with one statement as the file is read: the upload holds no more of them at once. */
const STORE_CHUNK = 1_000;

/**
 * POST /imports (docs/imports.md, rules 1, 2 and 4): the file read row by row and its rows stored in chunks as they
 * come, with a suggested mapping. One transaction: a file refused halfway (too many rows, damaged, a header without
 * data) leaves nothing behind. The file is read from the local disk, so no slow client holds the transaction open.
 */
export async function upload(db: Db, ctx: Ctx, file: UploadedFile) {
  const opened = await openFile(file.path, file.name);
  const { columns } = opened;
  const fileName = file.name.slice(0, 200);
  try {
    return await db.transaction(async (tx) => {
      const saved = await repo.savedMapping(tx, ctx.actor.id, columns);
      const mapping = saved?.mapping ?? suggestMapping(columns);
      const settings = {
        mapping,
        mode: saved?.mode ?? 'create',
        matchOn: saved?.matchOn ?? (mapping.creditCode ? 'creditCode' : 'name'),
        defaults: saved?.defaults ?? {},
      };
      const id = await repo.insertImport(tx, { fileName, createdBy: ctx.actor.id, at: ctx.now, columns, ...settings });
      const sample: string[][] = [];
      let rowCount = 0;
      let chunk: FileRow[] = [];
      for await (const row of opened.rows) {
        if (sample.length < SAMPLE_ROWS) sample.push(row.cells);
        rowCount += 1;
        chunk.push(row);
        if (chunk.length === STORE_CHUNK) {
          await repo.insertRows(tx, id, chunk);
          chunk = [];
        }
      }
      await repo.insertRows(tx, id, chunk);
      await repo.setRowCount(tx, id, rowCount);
      await audit(tx, ctx, {
        action: 'create',
        entity: 'import',
        entityId: id,
        after: { fileName, format: opened.kind, rows: rowCount, columns },
      });
      return {
        id,
        entity: 'customers' as const,
        fileName,
        rowCount,
        columns,
        sample,
        ...settings,
        status: 'uploaded' as const,
      };
    });
  } finally {
    await opened.close();
  }
}

/** PATCH /imports/:id: the mapping, mode, key and defaults, kept as the user's saved mapping for such files. */
export async function updateSettings(db: Db, ctx: Ctx, id: number, body: UpdateImportBody) {
  await db.transaction(async (tx) => {
    const found = await mustFind(tx, ctx, id, true);
    if (found.status !== 'uploaded' && found.status !== 'checked') {
      throw invalidState('An import that has run cannot be changed');
    }
    const mapping = (body.mapping ?? found.mapping) as Record<string, string>;
    for (const [field, header] of Object.entries(mapping)) {
      if (!found.columns.includes(header)) {
        throw validationFailed(`mapping.${field}`, `The file has no column 「${header}」`);
      }
    }
    const defaults = { ...found.defaults, ...(body.defaults ?? {}) };
    if (
      body.defaults?.managerId &&
      !(await isActiveManager(tx, body.defaults.managerId, { reader: ctx.actor, family: 'customers' }))
    ) {
      throw validationFailed('defaults.managerId', 'Choose an active manager inside your data scope');
    }
    for (const [field, type] of [
      ['regionId', 'region'],
      ['levelId', 'customerLevel'],
    ] as const) {
      const value = body.defaults?.[field];
      if (value && !(await repo.isDictionaryItem(tx, value, type))) {
        throw validationFailed(`defaults.${field}`, `No such ${type === 'region' ? 'region' : 'customer level'}`);
      }
    }
    const settings = {
      mapping,
      mode: body.mode ?? found.mode,
      matchOn: body.matchOn ?? found.matchOn,
      defaults,
    };
    await repo.saveSettings(tx, id, settings);
    await audit(tx, ctx, { action: 'update', entity: 'import', entityId: id, after: settings });
  });
  return getImport(db, ctx, id);
}

export async function getImport(db: DbOrTx, ctx: Ctx, id: number) {
  const found = await repo.findImport(db, id, mineOf(ctx));
  if (!found) throw notFound('Import');
  return found;
}

export async function listImports(db: Db, ctx: Ctx, q: ImportQuery) {
  const { items, total } = await repo.listImports(db, q, mineOf(ctx));
  return pageOf(items, total, q);
}

/** The plan of an import: its settings and what its rows may name, as `reader` may use them. */
export async function planOf(db: DbOrTx, found: repo.ImportRow, reader: Reader): Promise<Plan> {
  const plan = {
    columns: found.columns,
    mapping: found.mapping,
    mode: found.mode,
    matchOn: found.matchOn,
    defaults: found.defaults as ImportDefaults,
  };
  const missing = missingColumns(plan);
  if (missing.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Map a column to ${missing.join(', ')}, or choose a default: ${plan.mode === 'update' ? 'the key to match on is' : 'these fields are'} required`,
      missing.map((f) => ({ path: `mapping.${f}`, message: 'Map a column to this field or choose a default' })),
    );
  }
  return { ...plan, lookups: await repo.lookups(db, reader) };
}

const CHUNK = 2_000;

/**
 * Every row's decision as the run would make it now, `CHUNK` rows at a time (docs/imports.md, rule 5). `each`
 * gets the row and its decision; nothing is written.
 */
async function dryRun(
  db: DbOrTx,
  found: repo.ImportRow,
  reader: Reader,
  each: (row: { row: number; cells: string[] }, d: ReturnType<typeof decide>) => void,
) {
  const plan = await planOf(db, found, reader);
  const seen = new Set<string>();
  for (let after = 0; ;) {
    const chunk = await repo.rowsAfter(db, found.id, after, CHUNK);
    if (!chunk.length) break;
    after = chunk.at(-1)!.row;
    const ready = chunk.map((r) => readyRow(plan, r.cells));
    const keys = ready.map((r) => r.read.key).filter((k): k is string => Boolean(k));
    const existing = await repo.customersByKey(db, plan.matchOn, keys, reader);
    chunk.forEach((r, i) => {
      const d = decide(
        plan,
        ready[i]!,
        (k) => existing.get(k),
        (k) => seen.has(k),
      );
      if ((d.kind === 'create' || d.kind === 'update') && d.key) seen.add(d.key);
      each(r, d);
    });
  }
}

/**
 * POST /imports/:id/check (docs/imports.md, rule 5): the counts and every error — nothing written but the status and
 * the answer itself, which GET /imports/:id shows again until the settings change or the import runs.
 */
export async function check(db: Db, ctx: Ctx, id: number): Promise<ImportCheck> {
  const found = await mustFind(db, ctx, id);
  if (found.status !== 'uploaded' && found.status !== 'checked') {
    throw invalidState('This import has run already: its result is final');
  }
  const answer: ImportCheck = {
    rowCount: 0,
    valid: 0,
    invalid: 0,
    toCreate: 0,
    toUpdate: 0,
    duplicates: 0,
    errors: [],
  };
  await dryRun(db, found, readerOf(ctx), (r, d) => {
    answer.rowCount += 1;
    if (d.kind === 'create') answer.toCreate += 1;
    else if (d.kind === 'update') answer.toUpdate += 1;
    else if (d.kind === 'duplicate') answer.duplicates += 1;
    else answer.invalid += 1;
    answer.errors.push(...errorsOf(r.row, d));
  });
  answer.valid = answer.toCreate + answer.toUpdate;
  await db.transaction((tx) => repo.setChecked(tx, id, answer));
  return answer;
}

/** POST /imports/:id/run: the import marked running, as its creator's reader; the runner takes it from there. */
export async function startRun(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    const found = await mustFind(tx, ctx, id, true);
    if (found.status !== 'uploaded' && found.status !== 'checked') {
      throw invalidState(`This import is ${found.status}: it runs once`);
    }
    await planOf(tx, found, readerOf(ctx)); // refuses an incomplete mapping before anything runs
    await repo.markRunning(tx, id, ctx.now, readerOf(ctx));
    await audit(tx, ctx, { action: 'run', entity: 'import', entityId: id, after: { fileName: found.fileName } });
  });
  return { id, status: 'running' as const };
}

const REASON = { zh: '原因', en: 'reason' } as const;

/**
 * GET /imports/:id/errors (docs/imports.md, rule 8): the rows that were not imported, as they were in the file, with a
 * `reason` column — after the run from what it recorded, before it from a dry run. Formula-safe as every export.
 */
export async function errorsFile(db: Db, ctx: Ctx, id: number, q: ImportErrorsQuery) {
  const found = await mustFind(db, ctx, id);
  const failed: { cells: string[]; reason: string }[] = [];
  if (found.status === 'uploaded' || found.status === 'checked') {
    await dryRun(db, found, readerOf(ctx), (r, d) => {
      const reason = reasonOf(d);
      if (reason) failed.push({ cells: r.cells, reason });
    });
  } else {
    failed.push(...(await repo.failedRows(db, id)));
  }
  const columns: ExportColumn<{ cells: string[]; reason: string }>[] = [
    ...found.columns.map((header, i) => ({ header, value: (r: { cells: string[] }) => r.cells[i] ?? '', width: 18 })),
    { header: q.lang === 'zh' ? REASON.zh : REASON.en, value: (r) => r.reason, width: 48 },
  ];
  async function* batches() {
    yield failed;
  }
  const base = found.fileName.replace(/\.[^.]*$/, '');
  return exportFile(
    q.format,
    { ascii: `import-${id}-errors`, local: `${base}-${q.lang === 'zh' ? '错误' : 'errors'}`, sheet: 'errors' },
    columns,
    batches(),
  );
}

/**
 * POST /imports/:id/revert (docs/imports.md, rule 9): the customers the import created that nobody changed or gave
 * records since are deleted, the fields it updated restored where nobody changed the customer since; the rest is
 * kept and listed with the reason. One transaction, audited.
 */
export async function revert(db: Db, ctx: Ctx, id: number): Promise<ImportRevert> {
  return db.transaction(async (tx) => {
    const found = await mustFind(tx, ctx, id, true);
    if (found.status !== 'done' && found.status !== 'failed') {
      throw invalidState(
        found.status === 'reverted' ? 'This import is reverted already' : 'Only a finished import can be reverted',
      );
    }
    const answer: ImportRevert = { deleted: 0, restored: 0, kept: [] };
    for (const c of await repo.revertCandidates(tx, id)) {
      const keep = (reason: string) => answer.kept.push({ customerId: c.customerId, reason });
      if (c.version === null) continue; // gone already (deleted, or reverted with an earlier import)
      if (c.status !== 'normal' || c.version !== c.versionAfter) {
        keep('Changed since the import');
        continue;
      }
      if (c.outcome === 'created') {
        if (c.contacts > 0 || c.records > 0) {
          keep('Has contacts, interaction records or other work added since the import');
          continue;
        }
        try {
          await tx.transaction((sp) => repo.deleteCustomer(sp, c.customerId));
        } catch (error) {
          if (pgErrorCode(error) !== '23503') throw error;
          keep('Other records refer to it');
          continue;
        }
        await audit(tx, ctx, { action: 'delete', entity: 'customer', entityId: c.customerId, after: { revertOf: id } });
        answer.deleted += 1;
      } else {
        const restored = await repo.changeCustomer(tx, c.customerId, c.before ?? {}, ctx.now);
        if (!restored) {
          keep('Changed since the import');
          continue;
        }
        await audit(tx, ctx, {
          action: 'update',
          entity: 'customer',
          entityId: c.customerId,
          after: { ...c.before, revertOf: id },
        });
        answer.restored += 1;
      }
    }
    await repo.markReverted(tx, id);
    await audit(tx, ctx, {
      action: 'revert',
      entity: 'import',
      entityId: id,
      after: { ...answer, kept: answer.kept.length },
    });
    return answer;
  });
}
