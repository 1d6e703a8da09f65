import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from './errors.ts';
import { localDateTime } from './calendar.ts';
import contentDispositionHeader from 'content-disposition';

/**
 * CSV and XLSX files of report rows (docs/ARCHITECTURE.md#rules-of-the-house, rule 4), written from batches of rows as
 * they come from the database, so that a file of 100,000 rows never holds those rows in memory at once.
 */
type CellKind = 'text' | 'integer' | 'money' | 'percent' | 'date' | 'datetime';
export type ExportColumn<T> = {
  header: string;
  value: (row: T) => string | number | null;
  kind?: CellKind;
  width?: number;
};
type ExportFormat = 'csv' | 'xlsx';

/** Rows in batches (a database cursor or keyset pages); a consumer that stops early ends the source (`return`). */
type RowBatches<T> = AsyncIterable<T[]>;

const BOM = '\uFEFF';

/**
 * OWASP "CSV injection": a text cell that a spreadsheet would read as a formula — `=`, `+`, `-` or `@` first, also
 * behind leading whitespace, which spreadsheets skip — or that starts with a tab or CR gets a leading apostrophe,
 * which the spreadsheet shows as text. Numbers are written as numbers.
 */
export function neutraliseFormula(text: string): string {
  return /^[\t\r]|^\s*[=+\-@]/.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180, and then some: a field holding the separator, a double quote, CR, LF, a tab or a semicolon (the
 * separator spreadsheets use in many locales) is quoted, its quotes doubled.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cellOf<T>(column: ExportColumn<T>, row: T): string | number | null {
  const value = column.value(row);
  if (value === null) return null;
  if (column.kind === 'datetime' && typeof value === 'string') return localDateTime(value);
  return value;
}

const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvField).join(',')}\r\n`;

/** UTF-8 with BOM (so that spreadsheet programs read Chinese correctly), CRLF line ends, a header line. */
function csvStream<T>(columns: ExportColumn<T>[], batches: RowBatches<T>): Readable {
  async function* lines() {
    yield BOM + csvLine(columns.map((c) => c.header));
    for await (const batch of batches) {
      yield batch.map((row) => csvLine(columns.map((c) => cellOf(c, row)))).join('');
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

const NUM_FMT: Partial<Record<CellKind, string>> = { money: '#,##0.00', percent: '0.00', integer: '0' };

/** Node's writables say `writableNeedDrain`; the readable-stream 2 ones inside exceljs' zip keep it in their state. */
type Drainable = Writable & { _writableState?: { needDrain?: boolean } };
const needsDrain = (s: Drainable) => s.writableNeedDrain ?? s._writableState?.needDrain ?? false;

/** Waits until `stream` wants more (or `reader`, the answer, is gone: then the producer stops). */
async function drained(stream: Drainable, reader: Writable = stream): Promise<boolean> {
  if (reader.destroyed) return false;
  if (!needsDrain(stream)) return true;
  const ac = new AbortController();
  try {
    await Promise.race([once(stream, 'drain', { signal: ac.signal }), once(reader, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
  return !reader.destroyed;
}

/**
 * exceljs writes each committed row's XML straight on into its zip entry's stream, however much that stream holds
 * already, so when compressing is slower than reading the database the sheet waited there uncompressed (130 MB of
 * 100,000 customers); and what the compressor has taken is garbage that outlives young-generation collections the
 * longer it waited. So the producer waits for that stream after every row that fills it (docs/PERFORMANCE.md, the
 * XLSX export's memory). `pipes` is exceljs' own (StreamBuf): re-check on upgrading exceljs.
 */
const zipEntryOf = (sheet: object): Drainable | undefined =>
  (sheet as unknown as { stream?: { pipes?: Drainable[] } }).stream?.pipes?.[0];

/**
 * XLSX through exceljs' streaming WorkbookWriter: each row is committed (turned into sheet XML and dropped) as soon as
 * it is added. Text goes in as text cells, as it is: a text cell of an XLSX file is never run as a formula, and an
 * apostrophe in front would show in the cell.
 */
function xlsxStream<T>(columns: ExportColumn<T>[], batches: RowBatches<T>, sheetName: string): Readable {
  const out = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
    sheet.columns = columns.map((c, i) => ({
      header: c.header,
      key: String(i),
      width: c.width ?? 16,
      style: NUM_FMT[c.kind ?? 'text'] ? { numFmt: NUM_FMT[c.kind ?? 'text'] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for await (const batch of batches) {
      for (const row of batch) {
        sheet.addRow(columns.map((c) => cellOf(c, row))).commit();
        const entry = zipEntryOf(sheet);
        if (entry && needsDrain(entry) && !(await drained(entry, out))) return;
      }
      if (!(await drained(out))) return; // the reader went away: `for await` ends the source
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * `attachment` with a plain ASCII name for old clients and the localised one for the rest, as RFC 6266 and RFC 5987
 * write them (the `content-disposition` package).
 */
export const contentDisposition = (asciiName: string, localName: string): string =>
  contentDispositionHeader(localName, { fallback: asciiName.replace(/[^\w.-]/g, '_') });

export type ExportFile = { format: ExportFormat; asciiName: string; localName: string; body: Readable };

/** Builds the file of `columns` over `batches` in `format`, named `<base>.<format>`. */
export function exportFile<T>(
  format: ExportFormat,
  names: { ascii: string; local: string; sheet: string },
  columns: ExportColumn<T>[],
  batches: RowBatches<T>,
): ExportFile {
  return {
    format,
    asciiName: `${names.ascii}.${format}`,
    localName: `${names.local}.${format}`,
    body: format === 'csv' ? csvStream(columns, batches) : xlsxStream(columns, batches, names.sheet),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    exportGate: ExportGate;
  }
}

/**
 * How many downloads run at once on this instance, in all and per user: each holds a temporary file and a socket
 * (and, while its file is written, a database connection), so a few clients cannot take them all. Counted in this
 * process only — a bound on this instance's resources, like its pool size, not state between requests.
 */
class ExportGate {
  private running = 0;
  private readonly perUser = new Map<number, number>();
  constructor(
    private readonly maxRunning: number,
    private readonly maxPerUser: number,
  ) {}

  /** Takes a place, or refuses with 429; the answer gives the place back (once, however often it is called). */
  enter(userId: number): () => void {
    const mine = this.perUser.get(userId) ?? 0;
    const busy = (message: string) => new AppError('RATE_LIMITED', message, undefined, { 'Retry-After': '5' });
    if (mine >= this.maxPerUser) throw busy('You have downloads running already; wait until one has finished');
    if (this.running >= this.maxRunning) throw busy('The server is busy with other downloads; try again in a moment');
    this.running += 1;
    this.perUser.set(userId, mine + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running -= 1;
      const rest = (this.perUser.get(userId) ?? 1) - 1;
      if (rest > 0) this.perUser.set(userId, rest);
      else this.perUser.delete(userId);
    };
  }
}

export function registerExportGate(
  app: FastifyInstance,
  limits: { exportMaxConcurrent: number; exportMaxPerUser: number },
) {
  app.decorate('exportGate', new ExportGate(limits.exportMaxConcurrent, limits.exportMaxPerUser));
}

/**
 * Writes the whole file to a temporary file first — at the database's and the disk's speed, so the database
 * connection and transaction that read it are given back at once — and answers a stream of it. The file's name is
 * removed right away: the open stream keeps its data until the download ends, and nothing is left behind.
 */
async function spool(file: ExportFile): Promise<{ stream: fs.ReadStream; size: number }> {
  const where = path.join(os.tmpdir(), `crm-export-${randomBytes(12).toString('hex')}.${file.format}`);
  try {
    await pipeline(file.body, fs.createWriteStream(where, { mode: 0o600 }));
    const handle = await fs.promises.open(where, 'r');
    const { size } = await handle.stat();
    return { stream: handle.createReadStream(), size };
  } finally {
    await fs.promises.rm(where, { force: true });
  }
}

/**
 * Sends an export as a download: a place among the running downloads (429 when there is none), the file written
 * in full, then streamed; the place is given back when the answer ends, completed or cut off. A client that stops
 * reading is cut off by the send time-out (`CRM_SEND_TIMEOUT_MS`) and holds nothing of the database meanwhile.
 */
export async function sendFile(reply: FastifyReply, file: ExportFile) {
  const leave = reply.server.exportGate.enter(reply.request.actor!.id);
  try {
    const { stream, size } = await spool(file);
    reply.raw.once('close', leave);
    return reply
      .header('Content-Type', CONTENT_TYPES[file.format])
      .header('Content-Disposition', contentDisposition(file.asciiName, file.localName))
      .header('Content-Length', size)
      .header('Cache-Control', 'no-store')
      .send(stream);
  } catch (error) {
    leave();
    file.body.destroy();
    throw error;
  }
}

/**
 * Sends an export as it is written (docs/product.md#customers, rule 11): for rows read in short keyset batches, which
 * hold no database connection between them, so nothing needs spooling — the first bytes leave at once and memory
 * stays one batch deep. A place among the running downloads is taken as `sendFile` takes it (429 when there is
 * none) and given back when the answer ends, completed or cut off.
 */
export function streamFile(reply: FastifyReply, file: ExportFile) {
  const leave = reply.server.exportGate.enter(reply.request.actor!.id);
  reply.raw.once('close', leave);
  return reply
    .header('Content-Type', CONTENT_TYPES[file.format])
    .header('Content-Disposition', contentDisposition(file.asciiName, file.localName))
    .header('Cache-Control', 'no-store')
    .send(file.body);
}
