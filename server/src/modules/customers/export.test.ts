import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildCustomer, buildPoolCustomer, download, readXlsx, testApp, userId } from '../../test/factories.ts';
import { customerBatches } from './repo.ts';

/** docs/product.md#customers, rule 11: the customer list as a file, inside the scope, streamed, audited. */
const { t, admin, director, manager1 } = await testApp('admin', 'director', 'manager1');

const m2 = await userId(t, 'manager2');
const names = ['=HYPERLINK("http://evil.example","点我")', '导出测试甲公司', '导出测试乙公司, 北京'];
const built: { id: number }[] = [];
for (const name of names) built.push(await buildCustomer(t, { name, manager: 'manager1', phone: '010-6251 0001' }));
const other = await buildCustomer(t, { name: '导出测试丙公司', manager: m2, creditCode: '91350100M000100Y43' });
const pooled = await buildPoolCustomer(t, { name: '导出测试公海公司', phone: '13812345678' });
const count = async () => (await t.database.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n;
const csvRows = (text: string) => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
const lastAudit = async () =>
  (
    await t.database.query<{ action: string; entity: string; after: Record<string, unknown>; user_id: number }>(
      `select action, entity, after, user_id from audit_log where action = 'export' order by id desc limit 1`,
    )
  )[0];

describe('exporting the customer list', () => {
  it('answers every matching customer as CSV — BOM, headers in the language asked for, formula-safe — and audits it', async () => {
    const file = await download(
      t,
      director.cookie,
      `/customers?format=csv&pageSize=1&name=${encodeURIComponent('导出测试')}`,
    );
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="customers.csv"/);
    expect(file.text.startsWith('\uFEFF客户编号,名称,统一社会信用代码')).toBe(true);
    const [header, ...rows] = csvRows(file.text);
    expect(header).toHaveLength(23);
    // every match, not one page; newest first
    expect(rows.map((r) => r[1])).toEqual([
      '导出测试公海公司',
      '导出测试丙公司',
      '导出测试乙公司, 北京',
      '导出测试甲公司',
    ]);
    expect(rows.find((r) => r[1] === '导出测试丙公司')![2]).toBe('91350100M000100Y43');
    expect(rows[0]![4]).toBe('公海');

    const audited = await lastAudit();
    expect(audited).toMatchObject({ action: 'export', entity: 'customer' });
    expect(audited!.after).toMatchObject({ format: 'csv', rows: 4, whole: true, filters: { name: '导出测试' } });

    const all = csvRows((await download(t, director.cookie, '/customers?format=csv&lang=en')).text);
    expect(all[0]!.slice(0, 3)).toEqual(['Number', 'Name', 'Unified social credit code']);
    expect(all.length - 1).toBe(await count());
    const nasty = all.find((r) => r[1]!.includes('HYPERLINK'));
    expect(nasty![1]).toBe(`'${names[0]}`);
  });

  it('as XLSX with the same rows and filters', async () => {
    const file = await download(t, director.cookie, `/customers?format=xlsx&managerId=${m2}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/spreadsheetml/);
    const { rows } = await readXlsx(file.bytes);
    const mine = await t.database.query<{ n: number }>(
      'select count(*)::int as n from customers where manager_id = $1',
      [m2],
    );
    expect(rows.length - 1).toBe(mine[0]!.n);
    expect(rows.some((r) => r[1] === other.name && r[2] === '91350100M000100Y43')).toBe(true);
  });

  it("stays inside the exporter's customer scope; a holder of pool.manage gets pool customers' phones whole", async () => {
    const roles = (await admin.get('/roles')).body as { id: number; code: string; dataScope: Record<string, string> }[];
    const role = roles.find((r) => r.code === 'director')!;
    expect(
      (await admin.patch(`/roles/${role.id}`, { dataScope: { ...role.dataScope, customers: 'self' } })).status,
    ).toBe(200);
    try {
      const narrowed = await t.login('director');
      const rows = csvRows((await download(t, narrowed.cookie, '/customers?format=csv')).text).slice(1);
      // a director manages no customers: only the pool's, which every customer reader sees
      expect(rows.map((r) => r[1])).toEqual(
        (
          await t.database.query<{ name: string }>(
            'select name from customers where manager_id is null order by id desc',
          )
        ).map((r) => r.name),
      );
    } finally {
      await admin.patch(`/roles/${role.id}`, { dataScope: role.dataScope });
    }
    expect(pooled.managerId).toBeNull();
    const withoutPhones = csvRows((await download(t, (await t.login('admin')).cookie, '/customers?format=csv')).text);
    expect(withoutPhones.find((r) => r[1] === '导出测试公海公司')![10]).toBe('13812345678'); // pool.manage: unmasked
  });

  it('takes customer.export: a manager gets 403 and nothing is audited; an administrator may export but not list', async () => {
    const before = await lastAudit();
    const refused = await manager1.get('/customers?format=csv');
    expect(refused.status).toBe(403);
    expect((await lastAudit())?.after).toEqual(before?.after);
    expect((await manager1.get('/customers?format=json')).status).toBe(200);

    expect((await admin.get('/customers')).status).toBe(403);
    const file = await download(t, admin.cookie, '/customers?format=csv');
    expect(file.status).toBe(200);
    expect(csvRows(file.text).length - 1).toBe(await count());
    expect(built).toHaveLength(3);
  });

  it('reads in keyset batches that lose and repeat nothing across their edges', async () => {
    const reader = { id: 0, departmentId: null, dataScope: { customers: 'all' } } as never;
    const seen: number[] = [];
    for await (const batch of customerBatches(t.database.db, reader, { poolPhones: false }, 2)) {
      expect(batch.length).toBeLessThanOrEqual(2);
      seen.push(...batch.map((c) => c.id));
    }
    const ids = (await t.database.query<{ id: number }>('select id from customers order by id desc')).map((r) => r.id);
    expect(seen).toEqual(ids);
  });

  it('refuses an unknown format or language with 400 naming it', async () => {
    for (const [q, path] of [
      ['format=pdf', 'format'],
      ['format=csv&lang=fr', 'lang'],
    ] as const) {
      const res = await director.get(`/customers?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
  });
});
