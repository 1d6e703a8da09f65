import { describe, expect, it } from 'vitest';
import { buildCustomer, ok, testApp } from '../../test/factories.ts';
import { departmentMerger } from '../../test/departments.ts';

/** docs/duplicates-and-merge.md, rules 1 and 2: the normalised name and the duplicate groups. */
const { t, director, admin, manager1 } = await testApp('director', 'admin', 'manager1');

type Group = { groupId: number; reason: string; customers: { id: number; name: string }[] };
const groups = async (who = director) =>
  (ok(await who.get('/customers/duplicates?pageSize=100')) as { items: Group[]; total: number }).items;
const groupOf = (all: Group[], id: number, reason: string) =>
  all.find((g) => g.reason === reason && g.customers.some((c) => c.id === id));

describe('the normalised name (rule 1)', () => {
  it.each([
    ['杭州远航科技有限公司', '杭州远航科技'],
    ['杭州远航科技（集团）股份有限公司', '杭州远航科技集团'],
    ['杭州远航科技(集团)有限责任公司', '杭州远航科技集团'],
    ['ＡＢＣ 贸易 有限责任公司', 'abc贸易'],
    ['Acme Trading Co., Ltd.', 'acmetrading'],
    ['【上海】星辰　公司', '上海星辰'],
    ['北京 星河 Limited', '北京星河'],
  ])('%s → %s', async (name, key) => {
    const [row] = await t.database.query<{ k: string }>('select crm_name_key($1) as k', [name]);
    expect(row!.k).toBe(key);
  });

  it('is stored with the name and follows an edit', async () => {
    const c = await buildCustomer(t, { name: '规范（测试）有限公司' });
    const key = async () =>
      (await t.database.query<{ k: string }>('select name_key as k from customers where id = $1', [c.id]))[0]!.k;
    expect(await key()).toBe('规范测试');
    ok(await director.patch(`/customers/${c.id}`, { version: c.version, name: '规范测试二股份有限公司' }));
    expect(await key()).toBe('规范测试二');
  });
});

describe('the groups (rule 2)', async () => {
  const a = await buildCustomer(t, { name: '查重远航科技有限公司', phone: '0571-8800 1234' });
  const b = await buildCustomer(t, {
    name: '查重远航科技（集团）有限公司',
    manager: 'manager2',
    phone: '021-55550000',
  });
  const c = await buildCustomer(t, { name: '查重毫不相干贸易行', phone: '(0571) 88001234' });
  const lone = await buildCustomer(t, { name: '查重独一无二的商号', phone: '12' });
  const scan = ok(await director.post('/customers/duplicates/scan'));

  it('answers how many groups it found, and audits the scan', async () => {
    expect(scan.groups).toBeGreaterThanOrEqual(2);
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'scan' and entity = 'customer'",
    );
    expect(row!.n).toBe(1);
  });

  it('groups similar normalised names, and not dissimilar ones', async () => {
    const all = await groups();
    const byName = groupOf(all, a.id, 'name');
    expect(byName?.customers.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(groupOf(all, c.id, 'name')).toBeUndefined();
    expect(all.some((g) => g.customers.some((x) => x.id === lone.id))).toBe(false);
  });

  it('groups the same phone digits, however written', async () => {
    expect(groupOf(await groups(), a.id, 'phone')?.customers.map((x) => x.id)).toEqual([a.id, c.id]);
  });

  it('groups the same credit code when two customers carry one (the unique index normally keeps them apart)', async () => {
    // the credit code is unique (docs/product.md#customers, rule 10); without the index — as after an import that
    // bypassed it — the scan still names them
    await t.database.query('drop index customers_credit_code_key');
    const code = '91330100MA2XXXXX0X';
    const x = await buildCustomer(t, { name: '查重信用代码一', creditCode: code });
    const y = await buildCustomer(t, { name: '查重另一个名字', creditCode: code });
    ok(await director.post('/customers/duplicates/scan'));
    expect(groupOf(await groups(), x.id, 'creditCode')?.customers.map((v) => v.id)).toEqual([x.id, y.id]);
    await t.database.query('update customers set credit_code = null where id = $1', [y.id]);
    await t.database.query('create unique index customers_credit_code_key on customers (credit_code)');
  });

  it('shows a reader only the groups with two members in their scope, and only those members', async () => {
    const regional = await departmentMerger(t, admin, 'dupreg');
    const seen = await groups(regional);
    // a (manager1) and c (manager1) share a phone; b (manager2) is outside: the name group has one member in scope
    expect(groupOf(seen, a.id, 'phone')?.customers.map((x) => x.id)).toEqual([a.id, c.id]);
    expect(groupOf(seen, a.id, 'name')).toBeUndefined();
    expect(seen.every((g) => g.customers.every((x) => x.id !== b.id))).toBe(true);
  });

  it('takes a merged customer out of its groups at once, and out of every later scan', async () => {
    ok(await director.post(`/customers/${a.id}/merge`, { sourceIds: [b.id] }));
    expect(groupOf(await groups(), a.id, 'name')).toBeUndefined();
    ok(await director.post('/customers/duplicates/scan'));
    const all = await groups();
    expect(all.some((g) => g.customers.some((x) => x.id === b.id))).toBe(false);
  });

  it('is for holders of customer.merge only', async () => {
    expect((await manager1.get('/customers/duplicates')).status).toBe(403);
    expect((await manager1.post('/customers/duplicates/scan')).status).toBe(403);
  });
});
