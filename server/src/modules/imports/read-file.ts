import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { IMPORT_LIMITS } from '@crm/contracts';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError, validationFailed } from '../../platform/errors.ts';

/** A data row of a file: its number in the file (the header's being 1 when it is the first line), its cells as text. */
export type FileRow = { row: number; cells: string[] };

const unsupported = (message: string) => new AppError('UNSUPPORTED_FILE', message);
const bad = (message: string) => validationFailed('file', message);

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The compound file of an encrypted workbook (and of the old .xls). */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The first bytes of a file, enough to tell its kind. */
async function headOf(path: string): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Which reader a file takes, from its first bytes (never from its name alone). */
function kindOf(head: Buffer, fileName: string): 'xlsx' | 'csv' {
  if (head.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (head.subarray(0, 8).equals(CFB)) {
    throw unsupported(
      'The workbook is encrypted (password-protected) or in the old .xls format: save it as an unprotected .xlsx or as CSV',
    );
  }
  if (!/\.(csv|txt)$/i.test(fileName)) throw unsupported('Upload an XLSX or CSV file');
  return 'csv';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const isUtf8 = (bytes: Uint8Array) => {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * The encoding of a CSV file (docs/imports.md, rule 2), from one pass over it, line by line: UTF-8 (with or without
 * BOM) when every line is valid UTF-8 — as the whole file then is — else GB18030 (a superset of GBK, which Excel in
 * China writes). A file whose lines are partly UTF-8 and partly not mixes encodings: refused, naming lines of each
 * kind, rather than read with some of its text garbled. A NUL byte makes it a binary file, not text.
 */
async function csvEncoding(path: string): Promise<'utf8' | 'gb18030'> {
  let utf8Line = 0;
  let otherLine = 0;
  let line = 1;
  let rest = Buffer.alloc(0);
  let first = true;
  const look = (bytes: Buffer) => {
    if (bytes.includes(0)) throw unsupported('Upload an XLSX or CSV file');
    if (bytes.some((b) => b >= 0x80)) {
      if (isUtf8(bytes)) utf8Line ||= line;
      else otherLine ||= line;
    }
  };
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    if (first && data.length >= 3) {
      if (data.subarray(0, 3).equals(UTF8_BOM)) data = data.subarray(3);
      first = false;
    }
    let start = 0;
    for (let end = data.indexOf(0x0a); end >= 0; end = data.indexOf(0x0a, start)) {
      look(data.subarray(start, end));
      line += 1;
      start = end + 1;
    }
    rest = Buffer.from(data.subarray(start));
  }
  if (first && rest.subarray(0, 3).equals(UTF8_BOM)) rest = rest.subarray(3);
  look(rest);
  if (utf8Line && otherLine) {
    throw bad(
      `The file mixes text encodings: line ${utf8Line} is UTF-8, line ${otherLine} is not. ` +
        'Save the whole file in one encoding (UTF-8 or GBK) and upload it again',
    );
  }
  return otherLine ? 'gb18030' : 'utf8';
}

/** The records of a CSV file, numbered from 1, read through its encoding as the file streams by. */
async function* csvRows(path: string): AsyncGenerator<FileRow> {
  const encoding = await csvEncoding(path);
  const parser = fs
    .createReadStream(path)
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    .pipe(parse({ relax_column_count: true, skip_empty_lines: false, bom: true }));
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: cells.map((c) => c.trim()) };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw bad(`The CSV file cannot be read: ${(error as Error).message}`);
  } finally {
    parser.destroy();
  }
}

/** A cell's text as the sheet shows it, a formula as its text (never evaluated, docs/imports.md, rule 7). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as { formula?: string; sharedFormula?: string };
    return `=${f.formula ?? f.sharedFormula ?? ''}`;
  }
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** Chunks of bytes as text, a character split between two chunks put together again. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
};

/**
 * exceljs' streaming reader turns each decompressed chunk of a sheet into text on its own, so a Chinese character
 * that a chunk boundary splits comes out as 「��」 (exceljs issues #2063, #2084: open). Its sheets and shared strings
 * are given to it as text decoded across the chunks instead.
 */
function workbookReader(input: Readable) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (chunks, sheetNo) => parseWorksheet(utf8Chunks(chunks), sheetNo);
  internals._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return parseSharedStrings(entry);
  };
  return reader;
}

/** The rows of the first sheet through exceljs' streaming reader, by their number in the sheet, one at a time. */
async function* xlsxRows(path: string): AsyncGenerator<FileRow> {
  const input = fs.createReadStream(path);
  try {
    const reader = workbookReader(input);
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        yield { row: row.number, cells: Array.from({ length: values.length }, (_, i) => cellText(values[i]).trim()) };
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw bad('The XLSX file cannot be read: it is damaged or not a workbook. Save it again from the spreadsheet');
  } finally {
    input.destroy();
  }
}

const columnLetter = (i: number): string =>
  (i >= 26 ? columnLetter(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/** The header row's cells, refused when one is empty or given twice. */
function headerOf(cells: string[]): string[] {
  const header = [...cells];
  while (header.length && !header.at(-1)) header.pop();
  header.forEach((h, i) => {
    if (!h) throw bad(`Column ${columnLetter(i)} has no header: give every column a header in the first row`);
    const first = header.indexOf(h);
    if (first !== i) {
      throw bad(
        `The header 「${h}」 is given twice (columns ${columnLetter(first)} and ${columnLetter(i)}): headers must differ`,
      );
    }
  });
  return header;
}

/** A file being read: its kind, its header row, and its data rows, as the file streams by. */
export type OpenedFile = {
  kind: 'xlsx' | 'csv';
  columns: string[];
  rows: AsyncGenerator<FileRow>;
  /** Lets go of the file, read to its end or not. */
  close(): Promise<void>;
};

/**
 * Opens an uploaded file kept at `path` (docs/imports.md, rules 1 and 2): reads up to its header row, the first
 * non-empty one, and answers the data rows that follow — empty rows left out, trailing empty cells beyond the header
 * dropped — one at a time, so that no more than a row of the file is held at once. Refuses a file of another kind,
 * an empty file, a header cell that is empty or given twice at once; a header without data and more than 100,000
 * rows when the rows run out or over. Nothing is written: the caller stores the rows as they come.
 */
export async function openFile(path: string, fileName: string): Promise<OpenedFile> {
  const head = await headOf(path);
  if (!head.length) throw bad('The file is empty');
  const kind = kindOf(head, fileName);
  const all = kind === 'xlsx' ? xlsxRows(path) : csvRows(path);
  let columns: string[] | undefined;
  try {
    for (;;) {
      const next = await all.next();
      if (next.done) throw bad('The file is empty');
      if (next.value.cells.some(Boolean)) {
        columns = headerOf(next.value.cells);
        break;
      }
    }
  } catch (error) {
    await all.return(undefined);
    throw error;
  }
  const width = columns.length;
  async function* rows(): AsyncGenerator<FileRow> {
    let count = 0;
    try {
      for await (const { row, cells } of all) {
        if (!cells.some(Boolean)) continue;
        count += 1;
        if (count > IMPORT_LIMITS.rows) {
          throw bad(
            `The file has more than ${IMPORT_LIMITS.rows.toLocaleString('en')} rows: split it into smaller files`,
          );
        }
        while (cells.length > width && !cells.at(-1)) cells.pop();
        yield { row, cells };
      }
    } finally {
      await all.return(undefined);
    }
    if (!count) throw bad('The file has a header row but no data rows');
  }
  return {
    kind,
    columns,
    rows: rows(),
    close: async () => {
      await all.return(undefined);
    },
  };
}
