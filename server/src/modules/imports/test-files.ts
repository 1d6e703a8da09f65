import { creditCodeCheckCharacter } from '@crm/contracts';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Answer, Client } from '../../test/harness.ts';
import { multipart } from '../../test/multipart.ts';

/** Files and requests of the import tests, every fixture made here (docs/imports.md). */

/** A valid 统一社会信用代码, the nth of a series; `wrong` gives it a wrong check character. */
export function creditCode(n: number, wrong = false): string {
  const first17 = `91110108${String(n).padStart(9, '0')}`;
  const check = creditCodeCheckCharacter(first17);
  return first17 + (wrong ? (check === '0' ? '1' : '0') : check);
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
export const csvText = (rows: string[][]) => rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

export const utf8Csv = (rows: string[][], bom = false) =>
  Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(csvText(rows), 'utf8')]);
export const gbkCsv = (rows: string[][]) => iconv.encode(csvText(rows), 'gbk');

/** An XLSX workbook of `rows` on its first sheet; a cell given as `{formula}` is written as a formula. */
export async function xlsx(rows: (string | number | { formula: string; result?: number })[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function upload(client: Client, fileName: string, data: Buffer): Promise<Answer> {
  const { body, headers } = multipart(fileName, data);
  return client.request('POST', '/imports', body, headers);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the import's run has ended (done or failed) and answers it. */
export async function finished(client: Client, id: number, timeoutMs = 60_000) {
  for (let waited = 0; ; waited += 50) {
    const res = await client.get(`/imports/${id}`);
    if (res.status !== 200) throw new Error(`GET /imports/${id}: ${res.status} ${res.text}`);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    if (waited > timeoutMs) throw new Error(`import ${id} still ${res.body.status}`);
    await sleep(50);
  }
}

/** The headers of the tests' files: Chinese, as Excel in China writes them. */
export const HEADER = [
  '客户名称',
  '统一社会信用代码',
  '地区',
  '等级',
  '客户经理',
  '满意度',
  '信用度',
  '联系人',
  '性别',
  '职位',
  '办公电话',
  '手机',
];
/** A good row of HEADER. */
export const goodRow = (n: number, name = `导入测试客户${n}有限公司`) => [
  name,
  creditCode(n),
  '北京',
  '大客户',
  'manager1',
  '4',
  '5',
  `联系人${n}`,
  '男',
  '采购经理',
  '010-62510001',
  '13800138000',
];
