import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, neutraliseFormula } from '../../platform/export.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import {
  buildCustomer,
  buildSalesYear,
  download,
  insertChurnWarning,
  insertServiceRow,
  readXlsx,
} from '../../test/factories.ts';

let t: TestApp;
let executive: Client;

const NASTY = [
  '=HYPERLINK("http://evil.example","点我")',
  '+1',
  '-2',
  '@x',
  '\tTab公司',
  'A, B 与 C',
  '说 "你好" 公司',
  '第一行\n第二行',
];

beforeAll(async () => {
  t = await createTestApp();
  executive = await t.login('executive');
  let amount = 1000;
  for (const name of NASTY) {
    const c = await buildCustomer(t, { name: name, bare: true, credit: 3 });
    await buildSalesYear(t, c.number, 2026, `${amount}.25`);
    amount -= 100;
  }
  const lost = await buildCustomer(t, { name: '=cmd|" /C calc"!A0', bare: true, manager: 'manager2' });
  await insertChurnWarning(t, {
    customerId: lost.id,
    manager: 'manager2',
    status: 'lost',
    lastOrderDate: '2025-01-02',
    reason: '-价格, "太高"',
    confirmedAt: new Date('2026-10-01T08:00:00Z'),
  });
  await insertServiceRow(t, { type: '建议', customerId: lost.id, createdAt: new Date(2026, 3, 1) });
});
afterAll(() => t.close());

describe('CSV cells', () => {
  it('prefixes cells that a spreadsheet would run as a formula with an apostrophe', () => {
    for (const text of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(text)).toBe(`'${text}`);
    for (const text of ['1+1', 'a=b', '客户', '']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('neutralises a formula behind leading whitespace too, which spreadsheets skip', () => {
    for (const text of ['  =1+1', ' +1', '\u3000=SUM(A1)', ' \t@x', '\n-2']) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    }
    expect(neutraliseFormula('  plain')).toBe('  plain');
  });

  it('quotes every field holding the separator, a quote, CR, LF, a tab or a semicolon', () => {
    expect(csvField('a;b')).toBe('"a;b"'); // the separator of spreadsheets in many locales
    expect(csvField('a\tb')).toBe('"a\tb"');
    expect(csvField('one\rtwo')).toBe('"one\rtwo"');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('plain text')).toBe('plain text');
  });
  it('quotes commas, quotes and line breaks as RFC 4180 says, and writes numbers as numbers', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField(-2)).toBe('-2');
    expect(csvField(null)).toBe('');
  });
});

describe('exporting the contribution report', () => {
  it('sends a UTF-8 CSV with BOM, Chinese headers, the same rows as the report, injection neutralised', async () => {
    const file = await download(t, executive.cookie, '/reports/contribution?format=csv&pageSize=1');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="customer-contribution.csv"; filename*=UTF-8''${encodeURIComponent('客户贡献分析.csv')}`,
    );
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...records] = parse(file.text.slice(1), { record_delimiter: '\r\n' });
    expect(header).toEqual(['客户编号', '客户名称', '订单金额（元）']);
    // every row, not only the first page, in the report's order
    const json = await executive.get('/reports/contribution?pageSize=100');
    expect(records).toEqual(
      json.body.items.map((i: { customerNumber: string; customerName: string; amount: number }) => [
        i.customerNumber,
        neutraliseFormula(i.customerName),
        String(i.amount),
      ]),
    );
    expect(records.map((r) => r[1])).toEqual([
      `'=HYPERLINK("http://evil.example","点我")`,
      "'+1",
      "'-2",
      "'@x",
      "'\tTab公司",
      'A, B 与 C',
      '说 "你好" 公司',
      '第一行\n第二行',
      '\'=cmd|" /C calc"!A0',
    ]);
    expect(records.map((r) => r[2])).toEqual([
      '1000.25',
      '900.25',
      '800.25',
      '700.25',
      '600.25',
      '500.25',
      '400.25',
      '300.25',
      '0',
    ]);
    expect(file.text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(file.text).toContain('"第一行\n第二行"');
    expect(file.text.endsWith('\r\n')).toBe(true);
  });

  it('keeps the filters (name, year) and names the file after the year; English headers on request', async () => {
    const file = await download(
      t,
      executive.cookie,
      `/reports/contribution?format=csv&lang=en&year=2026&customerName=${encodeURIComponent('公司')}`,
    );
    const [header, ...records] = parse(file.text.slice(1), { record_delimiter: '\r\n' });
    expect(header).toEqual(['Customer number', 'Customer', 'Order amount (CNY)']);
    expect(records.map((r) => r[1])).toEqual(["'\tTab公司", '说 "你好" 公司']);
    expect(file.headers['content-disposition']).toContain('filename="customer-contribution-2026.csv"');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('Customer contribution-2026.csv'));
  });

  it('sends an XLSX that exceljs reads back to the same rows as text, without a visible apostrophe, amounts as numbers', async () => {
    const file = await download(t, executive.cookie, '/reports/contribution?format=xlsx');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toContain('filename="customer-contribution.xlsx"');
    const sheet = await readXlsx(file.bytes);
    expect(sheet.name).toBe('客户贡献分析');
    const json = await executive.get('/reports/contribution?pageSize=100');
    expect(sheet.rows).toEqual([
      ['客户编号', '客户名称', '订单金额（元）'],
      ...json.body.items.map((i: { customerNumber: string; customerName: string; amount: number }) => [
        i.customerNumber,
        i.customerName, // a text cell is never a formula: no apostrophe to see
        i.amount,
      ]),
    ]);
  });
});

describe('exporting the other reports', () => {
  it('composition: the groups with count and share, as CSV and as XLSX', async () => {
    const json = (await executive.get('/reports/composition?by=credit')).body;
    const csv = await download(t, executive.cookie, '/reports/composition?by=credit&format=csv');
    const [header, ...records] = parse(csv.text.slice(1), { record_delimiter: '\r\n' });
    expect(header).toEqual(['客户信用度', '客户数', '占比（%）']);
    expect(records).toEqual(
      json.items.map((i: { label: string; count: number; percent: number }) => [
        i.label,
        String(i.count),
        String(i.percent),
      ]),
    );
    expect(records.at(-1)).toEqual(['未设置', '1', '11.11']);
    const xlsx = await readXlsx(
      (await download(t, executive.cookie, '/reports/composition?by=credit&format=xlsx&lang=en')).bytes,
    );
    expect(xlsx.rows[0]).toEqual(['Credit', 'Customers', 'Share (%)']);
    expect(xlsx.rows.slice(1)).toEqual(
      json.items.map((i: { label: string; count: number; percent: number }) => [
        i.label === '未设置' ? 'Not set' : i.label,
        i.count,
        i.percent,
      ]),
    );
  });

  it('services: every type with its count', async () => {
    const csv = await download(t, executive.cookie, '/reports/services?format=csv&year=2026');
    expect(parse(csv.text.slice(1), { record_delimiter: '\r\n' })).toEqual([
      ['服务类型', '服务数'],
      ['咨询', '0'],
      ['投诉', '0'],
      ['建议', '1'],
    ]);
    expect(csv.headers['content-disposition']).toContain('filename="service-analysis-2026.csv"');
    const xlsx = await readXlsx((await download(t, executive.cookie, '/reports/services?format=xlsx')).bytes);
    expect(xlsx.rows).toEqual([
      ['服务类型', '服务数'],
      ['咨询', 0],
      ['投诉', 0],
      ['建议', 1],
    ]);
  });

  it('churn: customer, manager, last order, confirmation (server time) and reason, neutralised and quoted', async () => {
    const csv = await download(t, executive.cookie, '/reports/churn?format=csv');
    const records = parse(csv.text.slice(1), { record_delimiter: '\r\n' });
    const confirmed = new Date('2026-10-01T08:00:00Z');
    const p = (n: number) => String(n).padStart(2, '0');
    const local = `${confirmed.getFullYear()}-${p(confirmed.getMonth() + 1)}-${p(confirmed.getDate())} ${p(confirmed.getHours())}:00:00`;
    expect(records[0]).toEqual(['客户编号', '客户名称', '客户经理', '最后下单日期', '确认流失时间', '流失原因']);
    expect(records.slice(1).map((r) => r.slice(1))).toEqual([
      ['\'=cmd|" /C calc"!A0', '张经理', '2025-01-02', local, '\'-价格, "太高"'],
    ]);
    // in the XLSX file they are text cells, shown as they are
    const xlsx = await readXlsx((await download(t, executive.cookie, '/reports/churn?format=xlsx')).bytes);
    expect(xlsx.rows.slice(1).map((r) => r.slice(1))).toEqual([
      ['=cmd|" /C calc"!A0', '张经理', '2025-01-02', local, '-价格, "太高"'],
    ]);
  });

  it('refuses an export to users without the report permission', async () => {
    const manager = await t.login('manager1');
    const file = await download(t, manager.cookie, '/reports/contribution?format=csv');
    expect(file.status).toBe(403);
    expect(file.headers['content-disposition']).toBeUndefined();
  });
});
