import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/**
 * CSV and XLSX files of report rows (DESIGN: export), written from batches of rows as they come from the database, so
 * that a file of 100,000 rows never holds those rows in memory at once.
 */
export type CellKind = 'text' | 'integer' | 'money' | 'percent' | 'date' | 'datetime';
export type ExportColumn<T> = {
  header: string;
  value: (row: T) => string | number | null;
  kind?: CellKind;
  width?: number;
};
export type ExportFormat = 'csv' | 'xlsx';

/** Rows in batches (a database cursor or keyset pages); a consumer that stops early ends the source (`return`). */
export type RowBatches<T> = AsyncIterable<T[]>;

const BOM = '\uFEFF';

/**
 * OWASP "CSV injection": a text cell that a spreadsheet would read as a formula (or that starts with a control
 * character it trims) gets a leading apostrophe, which the spreadsheet shows as text. Numbers are written as numbers.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, a double quote, CR or LF is quoted, its quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The server's local time (the process time zone, like the date filters), `YYYY-MM-DD HH:mm:ss`. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function cellOf<T>(column: ExportColumn<T>, row: T): string | number | null {
  const value = column.value(row);
  if (value === null) return null;
  if (column.kind === 'datetime' && typeof value === 'string') return localDateTime(value);
  return value;
}

const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvField).join(',')}\r\n`;

/** UTF-8 with BOM (so that spreadsheet programs read Chinese correctly), CRLF line ends, a header line. */
export function csvStream<T>(columns: ExportColumn<T>[], batches: RowBatches<T>): Readable {
  async function* lines() {
    yield BOM + csvLine(columns.map((c) => c.header));
    for await (const batch of batches) {
      yield batch.map((row) => csvLine(columns.map((c) => cellOf(c, row)))).join('');
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

const NUM_FMT: Partial<Record<CellKind, string>> = { money: '#,##0.00', percent: '0.00', integer: '0' };

/** Waits until `stream` wants more (or is gone: then the producer stops). */
async function drained(stream: Writable): Promise<boolean> {
  if (stream.destroyed) return false;
  if (!stream.writableNeedDrain) return true;
  const ac = new AbortController();
  try {
    await Promise.race([once(stream, 'drain', { signal: ac.signal }), once(stream, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
  return !stream.destroyed;
}

/**
 * XLSX through exceljs' streaming WorkbookWriter: each row is committed (turned into sheet XML and dropped) as soon as
 * it is added. Text cells are neutralised like the CSV's, so that the file stays safe if it is saved as CSV again.
 */
export function xlsxStream<T>(columns: ExportColumn<T>[], batches: RowBatches<T>, sheetName: string): Readable {
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
        sheet
          .addRow(
            columns.map((c) => {
              const v = cellOf(c, row);
              return typeof v === 'string' ? neutraliseFormula(v) : v;
            }),
          )
          .commit();
      }
      if (!(await drained(out))) return; // the reader went away: `for await` ends the source
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `attachment` with a plain ASCII name for old clients and the localised one (RFC 6266 / 5987) for the rest. */
export function contentDisposition(asciiName: string, localName: string): string {
  const safe = asciiName.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(localName)}`;
}

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

/** Sends an export as a download; the body is streamed, and no other serialisation runs. */
export function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('Content-Type', CONTENT_TYPES[file.format])
    .header('Content-Disposition', contentDisposition(file.asciiName, file.localName))
    .header('Cache-Control', 'no-store')
    .send(file.body);
}
