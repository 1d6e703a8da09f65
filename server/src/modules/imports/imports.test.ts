import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildCustomer } from '../../test/factories.ts';
import { creditCode, finished, gbkCsv, goodRow, HEADER, upload, utf8Csv, xlsx } from './test-files.ts';

/** docs/imports.md: every step of an import, and every kind of bad input, over HTTP. */
let t: TestApp;
let director: Client;
let admin: Client;
let n = 1000;
const next = () => ++n;

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  admin = await t.login('admin');
});
afterAll(() => t.close());

const customerByCode = async (code: string) =>
  t.database.query<{ id: number; name: string; address: string | null; version: number }>(
    'select id, name, address, version from customers where credit_code = $1',
    [code],
  );

describe('upload', () => {
  it('reads a UTF-8 CSV with its BOM and suggests the mapping from Chinese headers', async () => {
    const a = next();
    const res = await upload(director, '客户.csv', utf8Csv([HEADER, goodRow(a)], true));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      entity: 'customers',
      fileName: '客户.csv',
      rowCount: 1,
      columns: HEADER,
      status: 'uploaded',
      mapping: {
        name: '客户名称',
        creditCode: '统一社会信用代码',
        region: '地区',
        level: '等级',
        manager: '客户经理',
        satisfaction: '满意度',
        credit: '信用度',
        contactName: '联系人',
        contactSex: '性别',
        contactPosition: '职位',
        contactOfficePhone: '办公电话',
        contactMobile: '手机',
      },
    });
    expect(res.body.sample).toEqual([goodRow(a)]);
  });

  it('reads a UTF-8 CSV without a BOM and a GBK CSV alike, and suggests English headers too', async () => {
    const a = next();
    const rows = [
      ['Name', 'Credit code', 'Region'],
      [`中文名称${a}`, creditCode(a), '华北'],
    ];
    const plain = await upload(director, 'plain.csv', utf8Csv(rows));
    const gbk = await upload(director, 'gbk.csv', gbkCsv(rows));
    for (const res of [plain, gbk]) {
      expect(res.status).toBe(201);
      expect(res.body.sample).toEqual([[`中文名称${a}`, creditCode(a), '华北']]);
      expect(res.body.mapping).toEqual({ name: 'Name', creditCode: 'Credit code', region: 'Region' });
    }
    // GBK bytes are not UTF-8: the test would prove nothing otherwise
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkCsv(rows))).toThrow();
  });

  it('refuses a CSV that mixes encodings, naming the lines, instead of garbling it', async () => {
    const data = Buffer.concat([
      Buffer.from('客户名称,地区\r\n', 'utf8'),
      gbkCsv([['甲公司', '北京']]),
      Buffer.from('乙公司,华北\r\n', 'utf8'),
    ]);
    const res = await upload(director, 'mixed.csv', data);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/mixes text encodings: line 1 is UTF-8, line 2 is not/);
  });

  it('refuses what is not XLSX or CSV with 415, an encrypted workbook with 415 and a corrupt one with 400', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const image = await upload(director, 'photo.png', png);
    expect(image.status).toBe(415);
    expect(image.body.error.code).toBe('UNSUPPORTED_FILE');
    const binaryCsv = await upload(director, 'x.csv', Buffer.from([0x41, 0, 0x42]));
    expect(binaryCsv.status).toBe(415);
    const encrypted = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const locked = await upload(director, 'locked.xlsx', encrypted);
    expect(locked.status).toBe(415);
    expect(locked.body.error.message).toMatch(/encrypted/);
    const good = await xlsx([HEADER, goodRow(next())]);
    const corrupt = Buffer.concat([good.subarray(0, 200), Buffer.alloc(300, 7)]);
    const broken = await upload(director, 'broken.xlsx', corrupt);
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/XLSX file cannot be read/);
    const json = await director.post('/imports', { file: 'x' });
    expect(json.status).toBe(415);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x41);
    big.write('客户名称\r\n', 'utf8');
    const res = await upload(director, 'big.csv', big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an empty file, a header without rows, duplicated and empty headers, each with its reason', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.alloc(0), /empty/],
      [utf8Csv([[''], ['']]), /empty/],
      [utf8Csv([HEADER]), /header row but no data rows/],
      [
        utf8Csv([
          ['名称', '地区', '名称'],
          ['a', 'b', 'c'],
        ]),
        /「名称」 is given twice \(columns A and C\)/,
      ],
      [
        utf8Csv([
          ['名称', '', '地区'],
          ['a', 'b', 'c'],
        ]),
        /Column B has no header/,
      ],
    ];
    for (const [data, message] of cases) {
      const res = await upload(director, 'bad.csv', data);
      expect(res.status, String(message)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const headerOnlyXlsx = await upload(director, 'h.xlsx', await xlsx([HEADER]));
    expect(headerOnlyXlsx.status).toBe(400);
  });

  it('leaves the database as it was after every refusal, also one found after rows were stored', async () => {
    const counts = async () =>
      t.database.query<{ imports: number; rows: number; audited: number }>(
        `select (select count(*)::int from imports) as imports, (select count(*)::int from import_rows) as rows,
           (select count(*)::int from audit_log where entity = 'import') as audited`,
      );
    const before = await counts();
    // 100,001 rows: the first 100,000 are stored, in chunks, before the last one is read
    const tooMany = Buffer.from(`名称\r\n${'某公司\r\n'.repeat(100_001)}`, 'utf8');
    const refused = [
      await upload(director, 'many.csv', tooMany),
      await upload(director, 'h.csv', utf8Csv([HEADER])),
      await upload(director, 'broken.xlsx', Buffer.concat([(await xlsx([HEADER, goodRow(next())])).subarray(0, 200)])),
      await upload(director, 'x.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
      await upload(director, 'big.csv', Buffer.alloc(20 * 1024 * 1024 + 10, 0x41)),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 415, 413]);
    expect(refused[0]!.body.error.message).toMatch(/more than 100,000 rows/);
    expect(await counts()).toEqual(before);
  }, 60_000);
});

describe('map, check, run, errors file', () => {
  it('checks every row, runs in the background, and reports the failed rows in a file', async () => {
    const [a, b, c, d] = [next(), next(), next(), next()];
    const existing = await buildCustomer(t, { name: `已有客户${d}`, creditCode: creditCode(d) });
    const long = '长'.repeat(2000);
    const formula = "=cmd|' /C calc'!A0";
    const rows = [
      ['公司', ...HEADER.slice(1)], // 「公司」 is not suggested: the user maps it by hand
      goodRow(a), // row 2
      goodRow(b, formula), // row 3: a formula as a name, imported as its text
      [...goodRow(c).slice(0, 1), creditCode(c, true), ...goodRow(c).slice(2)], // row 4: wrong check character
      [...goodRow(next()).slice(0, 2), '火星', '钻石客户', '不存在的人', ...goodRow(0).slice(5)], // row 5: unknowns
      [long, ...goodRow(next()).slice(1)], // row 6: a name of 2,000 characters
      goodRow(next()).slice(0, 5), // row 7: a row of another width
      goodRow(a, '重复行'), // row 8: the same credit code as row 2
      goodRow(d), // row 9: a customer with this credit code exists
    ];
    const up = await upload(director, '导入.csv', gbkCsv(rows));
    expect(up.status).toBe(201);
    expect(up.body.mapping.name).toBeUndefined();
    const id = up.body.id as number;

    // without a name column the check cannot start: 400 naming the field
    const incomplete = await director.post(`/imports/${id}/check`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details).toContainEqual({
      path: 'mapping.name',
      message: 'Map a column to this field or choose a default',
    });
    const unknownColumn = await director.patch(`/imports/${id}`, { mapping: { name: '没有这一列' } });
    expect(unknownColumn.status).toBe(400);

    const patched = await director.patch(`/imports/${id}`, {
      mapping: { ...up.body.mapping, name: '公司' },
      mode: 'create',
      matchOn: 'creditCode',
    });
    expect(patched.status).toBe(200);
    const check = await director.post(`/imports/${id}/check`);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ rowCount: 8, valid: 2, toCreate: 2, toUpdate: 0, duplicates: 2, invalid: 4 });
    const errors = check.body.errors as { row: number; column: string; field: string; code: string }[];
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => [e.column, e.field, e.code]);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([]);
    expect(at(4)).toEqual([['统一社会信用代码', 'creditCode', 'INVALID']]);
    expect(at(5)).toEqual([
      ['地区', 'region', 'UNKNOWN'],
      ['等级', 'level', 'UNKNOWN'],
      ['客户经理', 'manager', 'UNKNOWN'],
    ]);
    expect(at(6)).toEqual([['公司', 'name', 'TOO_LONG']]);
    expect(at(7)).toEqual([[null, null, 'ROW_WIDTH']]);
    expect(at(8)).toEqual([['统一社会信用代码', 'creditCode', 'DUPLICATE_IN_FILE']]);
    expect(at(9)).toEqual([['统一社会信用代码', 'creditCode', 'EXISTS']]);
    expect(errors.find((e) => e.row === 5 && e.field === 'region')).toMatchObject({
      message: 'No region 「火星」 in the data dictionary',
    });
    // nothing written by the check
    expect(await customerByCode(creditCode(a))).toEqual([]);
    expect((await director.get(`/imports/${id}`)).body.status).toBe('checked');

    const run = await director.post(`/imports/${id}/run`);
    expect(run.status).toBe(202);
    expect(run.body).toEqual({ id, status: 'running' });
    expect((await director.post(`/imports/${id}/run`)).status).toBe(409); // once
    const done = await finished(director, id);
    expect(done).toMatchObject({
      status: 'done',
      rowCount: 8,
      processed: 8,
      created: 2,
      updated: 0,
      skipped: 2,
      failed: 4,
      createdBy: { displayName: '王主管' },
    });
    expect(done.startedAt).toBeTruthy();
    expect(done.finishedAt).toBeTruthy();

    const [made] = await customerByCode(creditCode(a));
    expect(made!.name).toBe(`导入测试客户${a}有限公司`);
    const [formulaCustomer] = await customerByCode(creditCode(b));
    expect(formulaCustomer!.name).toBe(formula); // text, as it was
    const contacts = await t.database.query<{ name: string; sex: string; position: string }>(
      'select name, sex, position from contacts where customer_id = $1',
      [made!.id],
    );
    expect(contacts).toEqual([{ name: `联系人${a}`, sex: 'male', position: '采购经理' }]);
    expect((await customerByCode(creditCode(d)))[0]!.id).toBe(existing.id); // left alone
    expect((await customerByCode(creditCode(d)))[0]!.version).toBe(existing.version);

    // the creator is told, in the finishing transaction; the webhook event is written with it
    const told = await t.database.query<{ kind: string; ref_id: number; payload: { created: number } }>(
      `select kind, ref_id, payload from notifications n join users u on u.id = n.user_id
       where u.username = 'director' and kind = 'import.finished' and ref_id = $1`,
      [id],
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.payload.created).toBe(2);
    const audited = await t.database.query<{ action: string }>(
      `select action from audit_log where entity = 'import' and entity_id = $1 order by id`,
      [String(id)],
    );
    expect(audited.map((r) => r.action)).toEqual(['create', 'update', 'run', 'finish']);

    // the errors file: the rows as they were, and the reason; formula-safe
    const file = await director.get(`/imports/${id}/errors?format=csv`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    const lines = file.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe([...rows[0]!, '原因'].join(','));
    expect(lines).toHaveLength(7); // header + 4 failed + 2 skipped
    expect(lines[1]).toContain(creditCode(c, true));
    expect(lines[1]).toMatch(/check character/);
    expect(lines.some((l) => l.includes('No region 「火星」'))).toBe(true);
    expect(lines.some((l) => l.includes('An earlier row of the file has the same'))).toBe(true);

    const x = await director.get(`/imports/${id}/errors?format=xlsx&lang=en`);
    expect(x.status).toBe(200);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${id}/errors?format=xlsx&lang=en`,
      headers: { cookie: director.cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(HEADER.length + 1).value).toBe('reason');
    expect(sheet.rowCount).toBe(7);
  }, 60_000);

  it('writes a formula cell as text in the errors file, and reads an XLSX formula as its text', async () => {
    const a = next();
    const rows = [HEADER, [...goodRow(a).slice(0, 2), '=1+1', ...goodRow(a).slice(3)]];
    const up = await upload(director, 'f.csv', utf8Csv(rows));
    const file = await director.get(`/imports/${up.body.id}/errors?format=csv`);
    expect(file.status).toBe(200); // before the run: from a dry run
    expect(file.text).toContain("'=1+1");
    const book = await xlsx([
      HEADER,
      [...goodRow(a).slice(0, 5), { formula: '2+3', result: 5 }, ...goodRow(a).slice(6)],
    ]);
    const fromXlsx = await upload(director, 'f.xlsx', book);
    expect(fromXlsx.status).toBe(201);
    expect(fromXlsx.body.sample[0][5]).toBe('=2+3');
  });

  it('keeps the check’s answer for GET /imports/:id until the settings change or the import runs', async () => {
    const [a, b] = [next(), next()];
    const rows = [HEADER, goodRow(a), [...goodRow(b).slice(0, 2), '火星', ...goodRow(b).slice(3)]];
    const up = await upload(director, 'kept.csv', utf8Csv(rows));
    const id = up.body.id as number;
    expect((await director.get(`/imports/${id}`)).body.check).toBeNull(); // not checked yet
    const check = await director.post(`/imports/${id}/check`);
    expect(check.body).toMatchObject({ rowCount: 2, toCreate: 1, invalid: 1 });
    const reopened = await director.get(`/imports/${id}`);
    expect(reopened.body.status).toBe('checked');
    expect(reopened.body.check).toEqual(check.body);
    expect((await director.get('/imports?pageSize=5')).body.items[0].check).toBeUndefined(); // the list stays light

    expect((await director.patch(`/imports/${id}`, { mode: 'upsert' })).status).toBe(200);
    expect((await director.get(`/imports/${id}`)).body).toMatchObject({ status: 'uploaded', check: null });
    expect((await director.post(`/imports/${id}/check`)).status).toBe(200);
    expect((await director.post(`/imports/${id}/run`)).status).toBe(202);
    expect((await finished(director, id)).check).toBeNull();
  });

  it('suggests the last saved mapping again for a file with the same headers', async () => {
    const headers = ['单位', '代码', '片区'];
    const first = await upload(director, 'm1.csv', utf8Csv([headers, ['a', creditCode(next()), '北京']]));
    expect(first.body.mapping).toEqual({});
    const mapping = { name: '单位', creditCode: '代码', region: '片区' };
    expect((await director.patch(`/imports/${first.body.id}`, { mapping, mode: 'upsert' })).status).toBe(200);
    const again = await upload(director, 'm2.csv', utf8Csv([headers, ['b', creditCode(next()), '华北']]));
    expect(again.body.mapping).toEqual(mapping);
    expect(again.body.mode).toBe('upsert');
    // another user's saved mapping is theirs
    const other = await upload(admin, 'm3.csv', utf8Csv([headers, ['c', creditCode(next()), '华北']]));
    expect(other.body.mapping).toEqual({});
  });

  it('lists one’s own imports; an administrator sees every import', async () => {
    const mine = await upload(admin, 'admin.csv', utf8Csv([HEADER, goodRow(next())]));
    expect((await director.get(`/imports/${mine.body.id}`)).status).toBe(404);
    expect((await admin.get(`/imports/${mine.body.id}`)).status).toBe(200);
    const list = await director.get('/imports?pageSize=100');
    expect(list.status).toBe(200);
    expect(
      list.body.items.every((i: { createdBy: { displayName: string } }) => i.createdBy.displayName === '王主管'),
    ).toBe(true);
    const all = await admin.get('/imports?pageSize=100');
    expect(all.body.total).toBeGreaterThan(list.body.total);
  });
});

describe('update, upsert and revert', () => {
  it('updates by credit code, with defaults, and a revert restores the updated fields and keeps edited customers', async () => {
    const [a, b, c, u] = [next(), next(), next(), next()];
    const target = await buildCustomer(t, { name: `将被更新${u}`, creditCode: creditCode(u), address: '旧地址' });
    const headers = ['名称', '统一社会信用代码', '地址'];
    const rows = [
      headers,
      [`新客户${a}`, creditCode(a), '地址甲'],
      [`新客户${b}`, creditCode(b), '地址乙'],
      [`新客户${c}`, creditCode(c), '地址丙'],
      [`将被更新${u}`, creditCode(u).toLowerCase(), '新地址'],
    ];
    const up = await upload(director, 'upsert.csv', utf8Csv(rows));
    const level = (
      await t.database.query<{ id: number }>(`select id from dictionary_entries where item = '大客户'`)
    )[0]!;
    const region = (
      await t.database.query<{ id: number }>(`select id from dictionary_entries where item = '北京'`)
    )[0]!;
    const manager = (await t.database.query<{ id: number }>(`select id from users where username = 'manager1'`))[0]!;
    const missingDefaults = await director.post(`/imports/${up.body.id}/check`);
    expect(missingDefaults.status).toBe(400); // region, level, manager, satisfaction and credit have no column
    const badDefault = await director.patch(`/imports/${up.body.id}`, { defaults: { managerId: level.id } });
    expect(badDefault.status).toBe(400);
    const patched = await director.patch(`/imports/${up.body.id}`, {
      mode: 'upsert',
      matchOn: 'creditCode',
      defaults: { regionId: region.id, levelId: level.id, managerId: manager.id, satisfaction: 3, credit: 3 },
    });
    expect(patched.status).toBe(200);
    const check = await director.post(`/imports/${up.body.id}/check`);
    expect(check.body).toMatchObject({ toCreate: 3, toUpdate: 1, invalid: 0, duplicates: 0 });
    expect((await director.post(`/imports/${up.body.id}/run`)).status).toBe(202);
    const done = await finished(director, up.body.id);
    expect(done).toMatchObject({ status: 'done', created: 3, updated: 1 });
    const [updated] = await customerByCode(creditCode(u));
    expect(updated!.address).toBe('新地址');
    expect(updated!.version).toBe(target.version + 1);

    // someone edits one created customer; another gets an interaction record
    const [edited] = await customerByCode(creditCode(a));
    const edit = await director.patch(`/customers/${edited!.id}`, { version: edited!.version, address: '改过的地址' });
    expect(edit.status).toBe(200);
    const [withRecord] = await customerByCode(creditCode(b));
    const activity = await director.post(`/customers/${withRecord!.id}/activities`, {
      date: '2026-01-05',
      place: '客户公司',
      summary: '拜访',
    });
    expect(activity.status).toBe(201);

    const reverted = await director.post(`/imports/${up.body.id}/revert`);
    expect(reverted.status).toBe(200);
    expect(reverted.body.deleted).toBe(1);
    expect(reverted.body.restored).toBe(1);
    expect(reverted.body.kept).toEqual([
      { customerId: edited!.id, reason: 'Changed since the import' },
      { customerId: withRecord!.id, reason: 'Has contacts, interaction records or other work added since the import' },
    ]);
    expect(await customerByCode(creditCode(c))).toEqual([]);
    expect((await customerByCode(creditCode(u)))[0]!.address).toBe('旧地址');
    expect((await customerByCode(creditCode(a)))[0]!.address).toBe('改过的地址');
    expect((await director.get(`/imports/${up.body.id}`)).body.status).toBe('reverted');
    expect((await director.post(`/imports/${up.body.id}/revert`)).status).toBe(409);
  }, 60_000);

  it('update mode reports rows whose customer does not exist, and never creates', async () => {
    const a = next();
    const up = await upload(
      director,
      'u.csv',
      utf8Csv([
        ['名称', '统一社会信用代码'],
        ['某公司', creditCode(a)],
      ]),
    );
    await director.patch(`/imports/${up.body.id}`, { mode: 'update', matchOn: 'creditCode' });
    const check = await director.post(`/imports/${up.body.id}/check`);
    expect(check.body).toMatchObject({ toCreate: 0, toUpdate: 0, invalid: 1 });
    expect(check.body.errors[0]).toMatchObject({ row: 2, code: 'NOT_FOUND', field: 'creditCode' });
  });
});

describe('two imports at once', () => {
  it('do not create the same customer twice when matching on credit code', async () => {
    const codes = Array.from({ length: 40 }, () => next());
    const file = (names: string) => utf8Csv([HEADER, ...codes.map((k) => goodRow(k, `${names}${k}`))]);
    const one = await upload(director, 'one.csv', file('甲'));
    const two = await upload(admin, 'two.csv', file('乙'));
    const manager = (await t.database.query<{ id: number }>(`select id from users where username = 'manager1'`))[0]!;
    // the administrator has no manager in scope by name: a default does it
    await admin.patch(`/imports/${two.body.id}`, { defaults: { managerId: manager.id } });
    // both create only: the director's file has the headers of their upsert above, whose saved mapping it gets — an
    // upsert run second would update what the other created instead of skipping it
    expect((await director.patch(`/imports/${one.body.id}`, { mode: 'create' })).status).toBe(200);
    const runs = await Promise.all([
      director.post(`/imports/${one.body.id}/run`),
      admin.post(`/imports/${two.body.id}/run`),
    ]);
    expect(runs.map((r) => r.status)).toEqual([202, 202]);
    const [a, b] = await Promise.all([finished(director, one.body.id), finished(admin, two.body.id)]);
    expect(a.created + b.created).toBe(40);
    expect(a.skipped + b.skipped).toBe(40);
    const counts = await t.database.query<{ n: number }>(
      'select count(*)::int as n from customers where credit_code = any($1) group by credit_code',
      [codes.map((k) => creditCode(k))],
    );
    expect(counts).toHaveLength(40);
    expect(counts.every((c) => c.n === 1)).toBe(true);
  }, 60_000);
});

describe('a large workbook', () => {
  it('reads Chinese text whole, even where a chunk of the compressed sheet ends inside a character', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `华东区域第${i}号客户（集团）股份有限公司`);
    for (const sharedStrings of [true, false]) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: sharedStrings });
      const sheet = workbook.addWorksheet('客户');
      sheet.addRow(['客户名称', '地区']).commit();
      for (const name of names) sheet.addRow([name, '东北']).commit();
      sheet.commit();
      await workbook.commit();
      const up = await upload(director, 'large.xlsx', Buffer.concat(chunks));
      expect(up.status).toBe(201);
      expect(up.body.rowCount).toBe(3000);
      const rows = await t.database.query<{ cells: string[] }>(
        'select cells from import_rows where import_id = $1 order by row',
        [up.body.id],
      );
      expect(rows.map((r) => r.cells[0])).toEqual(names);
      expect(rows.every((r) => r.cells[1] === '东北')).toBe(true);
    }
  });
});
