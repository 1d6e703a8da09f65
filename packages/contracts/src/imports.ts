import { z } from 'zod';
import { id, pageQuery, personRef, stars } from './common.ts';
import { reportLang } from './reports.ts';
import { IMPORT_FIELDS, IMPORT_MATCH_ON, IMPORT_MODES } from './values.ts';

/** docs/imports.md, rule 1: up to 20 MB and 100,000 data rows a file. */
export const IMPORT_LIMITS = { bytes: 20 * 1024 * 1024, rows: 100_000 } as const;

export const importField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof importField>;

export const IMPORT_STATUSES = ['uploaded', 'checked', 'running', 'done', 'failed', 'reverted'] as const;
export const importStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof importStatus>;

/** Field → the header of the column it is read from. */
export const importMapping = z.partialRecord(importField, z.string().min(1).max(200));
export type ImportMapping = z.infer<typeof importMapping>;

/** What fills a field no column gives (or a row leaves empty). */
export const importDefaults = z
  .object({
    managerId: id.nullish(),
    regionId: id.nullish(),
    levelId: id.nullish(),
    satisfaction: stars.nullish(),
    credit: stars.nullish(),
  })
  .strict();
export type ImportDefaults = z.infer<typeof importDefaults>;
/** The defaults as answers carry them. */
const importDefaultsAnswer = z.object({
  managerId: z.number().int().nullish(),
  regionId: z.number().int().nullish(),
  levelId: z.number().int().nullish(),
  satisfaction: z.number().int().nullish(),
  credit: z.number().int().nullish(),
});

export const updateImportBody = z
  .object({
    mapping: importMapping.optional(),
    mode: z.enum(IMPORT_MODES).optional(),
    matchOn: z.enum(IMPORT_MATCH_ON).optional(),
    defaults: importDefaults.optional(),
  })
  .strict();
export type UpdateImportBody = z.infer<typeof updateImportBody>;

/** POST /imports: the file read, its columns, its first rows and the suggested mapping. */
export const importUpload = z.object({
  id: z.number().int(),
  entity: z.literal('customers'),
  fileName: z.string(),
  rowCount: z.number().int(),
  columns: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  mapping: importMapping,
  mode: z.enum(IMPORT_MODES),
  matchOn: z.enum(IMPORT_MATCH_ON),
  defaults: importDefaultsAnswer,
  status: importStatus,
});
export type ImportUpload = z.infer<typeof importUpload>;

export const importRowError = z.object({
  /** The row of the file, the header being row 1. */
  row: z.number().int(),
  /** The column's header; null for an error of the whole row. */
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importCheck = z.object({
  rowCount: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  toCreate: z.number().int(),
  toUpdate: z.number().int(),
  duplicates: z.number().int(),
  errors: z.array(importRowError),
});
export type ImportCheck = z.infer<typeof importCheck>;

export const importRecord = z.object({
  id: z.number().int(),
  entity: z.literal('customers'),
  fileName: z.string(),
  status: importStatus,
  mode: z.enum(IMPORT_MODES),
  matchOn: z.enum(IMPORT_MATCH_ON),
  rowCount: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdBy: personRef,
  /** The file's headers and the settings (rule 3), so that a wizard can go on where it was left. */
  columns: z.array(z.string()),
  mapping: importMapping,
  defaults: importDefaultsAnswer,
});
export type ImportRecord = z.infer<typeof importRecord>;

/** GET /imports/:id: the import, and its last check's answer while it is `checked` — a wizard opened again shows it. */
export const importDetail = importRecord.extend({ check: importCheck.nullable() });
export type ImportDetail = z.infer<typeof importDetail>;

export const importRunAnswer = z.object({ id: z.number().int(), status: importStatus });
export const importQuery = pageQuery.extend({ status: importStatus.optional() }).strict();
export type ImportQuery = z.infer<typeof importQuery>;
export const importErrorsQuery = z
  .object({ format: z.enum(['csv', 'xlsx']).default('csv'), lang: reportLang.default('zh') })
  .strict();
export type ImportErrorsQuery = z.infer<typeof importErrorsQuery>;
export const importActionBody = z.object({}).strict().optional();

export const importRevert = z.object({
  deleted: z.number().int(),
  restored: z.number().int(),
  kept: z.array(z.object({ customerId: z.number().int(), reason: z.string() })),
});
export type ImportRevert = z.infer<typeof importRevert>;
