import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { IMPORT_LIMITS } from '@crm/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError, validationFailed } from '../../platform/errors.ts';

/** A file read (docs/imports.md, rules 1 and 2): its headers and its data rows, every cell as text. */
export type ReadFile = { columns: string[]; rows: { row: number; cells: string[] }[] };

const unsupported = (message: string) => new AppError('UNSUPPORTED_FILE', message);
const bad = (message: string) => validationFailed('file', message);

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The compound file of an encrypted workbook (and of the old .xls). */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Which reader a file takes, from its first bytes (never from its name alone). */
export function kindOf(data: Buffer, fileName: string): 'xlsx' | 'csv' {
  if (data.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (data.subarray(0, 8).equals(CFB)) {
    throw unsupported(
      'The workbook is encrypted (password-protected) or in the old .xls format: save it as an unprotected .xlsx or as CSV',
    );
  }
  const text = /\.(csv|txt)$/i.test(fileName);
  if (!text || data.includes(0)) throw unsupported('Upload an XLSX or CSV file');
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
 * The text of a CSV file (docs/imports.md, rule 2): UTF-8 (with or without BOM) when the whole file is valid UTF-8,
 * else GB18030 (a superset of GBK, which Excel in China writes). A file whose lines are partly UTF-8 and partly not
 * mixes encodings: refused, naming lines of each kind, rather than read with some of its text garbled.
 */
export function decodeCsv(data: Buffer): string {
  const body = data.subarray(0, 3).equals(UTF8_BOM) ? data.subarray(3) : data;
  if (isUtf8(body)) return body.toString('utf8');
  const utf8Lines: number[] = [];
  const otherLines: number[] = [];
  let start = 0;
  for (let line = 1; start <= body.length; line++) {
    const end = body.indexOf(0x0a, start);
    const bytes = body.subarray(start, end < 0 ? body.length : end);
    if (bytes.some((b) => b >= 0x80)) (isUtf8(bytes) ? utf8Lines : otherLines).push(line);
    if (end < 0) break;
    start = end + 1;
  }
  if (utf8Lines.length && otherLines.length) {
    throw bad(
      `The file mixes text encodings: line ${utf8Lines[0]} is UTF-8, line ${otherLines[0]} is not. ` +
        'Save the whole file in one encoding (UTF-8 or GBK) and upload it again',
    );
  }
  return iconv.decode(body, 'gb18030');
}

function parseCsv(text: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw bad(`The CSV file cannot be read: ${(error as Error).message}`);
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
function workbookReader(data: Buffer) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
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

/** The first sheet through exceljs' streaming reader: the rows as text, one sheet row at a time. */
async function readXlsx(data: Buffer): Promise<string[][]> {
  const out: string[][] = [];
  try {
    const reader = workbookReader(data);
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]).trim());
        // a row's number in the sheet: rows left out by the file (empty) keep the numbering of what follows
        while (out.length + 1 < row.number) out.push([]);
        out.push(cells);
        if (out.length > IMPORT_LIMITS.rows + 1) break;
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw bad('The XLSX file cannot be read: it is damaged or not a workbook. Save it again from the spreadsheet');
  }
  return out;
}

const columnLetter = (i: number): string =>
  (i >= 26 ? columnLetter(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

/**
 * Reads an uploaded file (docs/imports.md, rules 1 and 2): the header row and the data rows with their row numbers
 * in the file (the header's being 1 when it is the first line), empty rows left out.
 * Refuses an empty file, a header without data, a header cell that is empty or given twice, more than 100,000 rows.
 */
export async function readFile(data: Buffer, fileName: string): Promise<ReadFile & { kind: 'xlsx' | 'csv' }> {
  if (!data.length) throw bad('The file is empty');
  const kind = kindOf(data, fileName);
  const all = kind === 'xlsx' ? await readXlsx(data) : parseCsv(decodeCsv(data));
  const lines = all.map((cells) => cells.map((c) => c.trim()));
  const headerAt = lines.findIndex((cells) => cells.some(Boolean));
  if (headerAt < 0) throw bad('The file is empty');
  const header = lines[headerAt]!;
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
  const rows = lines
    .map((cells, i) => ({ row: i + 1, cells }))
    .slice(headerAt + 1)
    .filter((r) => r.cells.some(Boolean));
  if (!rows.length) throw bad('The file has a header row but no data rows');
  if (rows.length > IMPORT_LIMITS.rows) {
    throw bad(`The file has more than ${IMPORT_LIMITS.rows.toLocaleString('en')} rows: split it into smaller files`);
  }
  // trailing empty cells beyond the header are no extra width
  const trimmed = rows.map(({ row, cells }) => {
    const copy = [...cells];
    while (copy.length > header.length && !copy.at(-1)) copy.pop();
    return { row, cells: copy };
  });
  return { kind, columns: header, rows: trimmed };
}
