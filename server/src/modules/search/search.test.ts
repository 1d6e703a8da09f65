import { describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildOpportunity,
  buildPoolCustomer,
  buildService,
  depsOf,
  errorPaths,
  ok,
  testApp,
} from '../../test/factories.ts';
import { fillPinyin } from './index.ts';

const { t, admin, director, manager1, manager2, executive } = await testApp(
  'admin',
  'director',
  'manager1',
  'manager2',
  'executive',
);

type Answer = {
  customers: { id: number; number: string; name: string; manager: { id: number } | null }[];
  contacts: { id: number; customerId: number; name: string; mobile: string | null; officePhone: string | null }[];
  opportunities: { id: number; summary: string; customerName: string; status: string }[];
  services: { id: number; number: string; summary: string; customerName: string; status: string }[];
};
const find = async (who: typeof director, q: string, limit = 20) =>
  ok(await who.get(`/search?q=${encodeURIComponent(q)}&limit=${limit}`)) as Answer;
const customerNames = (a: Answer) => a.customers.map((c) => c.name);
const contactNames = (a: Answer) => a.contacts.map((c) => c.name);

/** The manager role's data scope for customers, for the duration of `work` (docs/organisation.md#data-scope). */
async function withManagerScope(scope: Record<string, string>, work: () => Promise<void>) {
  const roles = ok(await admin.get('/roles')) as { id: number; code: string; dataScope: Record<string, string> }[];
  const manager = roles.find((r) => r.code === 'manager')!;
  ok(await admin.patch(`/roles/${manager.id}`, { dataScope: { ...manager.dataScope, ...scope } }));
  try {
    await work();
  } finally {
    ok(await admin.patch(`/roles/${manager.id}`, { dataScope: manager.dataScope }));
  }
}

const jiuzhou = await buildCustomer(t, {
  name: '北京九州医疗器械有限公司',
  manager: 'manager1',
  phone: '021-6688 1234',
  firstContact: { name: '曾乐行', mobile: '186 0099 4321', officePhone: '0755-8612 3479' },
});
const chongqing = await buildCustomer(t, { name: '重庆长安银行', manager: 'manager2', phone: '023-6543 2109' });

describe('pinyin of customer and contact names (docs/search.md#pinyin)', () => {
  it('finds a customer by its full pinyin, its initials, a part of either, in any case and with spaces', async () => {
    for (const q of ['beijingjiuzhou', 'bjjz', 'BJJZYLQX', 'Beijing Jiuzhou', 'jiuzhouyiliao', 'jzylqx', 'bj']) {
      expect(customerNames(await find(director, q)), q).toContain('北京九州医疗器械有限公司');
    }
    expect(customerNames(await find(director, 'shanghai'))).not.toContain('北京九州医疗器械有限公司');
  });

  it('matches a polyphonic character on any of its readings: 重 as chong or zhong, 长 as chang or zhang, 行 as hang', async () => {
    for (const q of ['chongqing', 'zhongqing', 'chongqingzhangan', 'cqcayh', 'zqcayh', 'yinhang']) {
      expect(customerNames(await find(director, q)), q).toContain('重庆长安银行');
    }
  });

  it('finds a contact by the pinyin of their name, the surname read as a surname (曾 → zeng) and in its other reading', async () => {
    for (const q of ['zenglexing', 'zlx', 'cengle', 'zengyue', 'zl']) {
      expect(contactNames(await find(director, q)), q).toContain('曾乐行');
    }
    const [hit] = (await find(director, 'zenglexing')).contacts.filter((k) => k.name === '曾乐行');
    expect(hit).toMatchObject({ customerId: jiuzhou.id, customerName: '北京九州医疗器械有限公司' });
  });

  it('keeps the pinyin current when a customer or a contact is renamed, and never answers by an old name', async () => {
    const c = await buildCustomer(t, { name: '甲乙丙丁有限公司', manager: 'manager1' });
    ok(await manager1.patch(`/customers/${c.id}`, { version: c.version, name: '戊己庚辛有限公司' }));
    expect(customerNames(await find(director, 'wujigengxin'))).toContain('戊己庚辛有限公司');
    expect(customerNames(await find(director, 'jiayibingding'))).not.toContain('戊己庚辛有限公司');

    const body = { name: '欧阳明', sex: 'male', position: '经理', officePhone: '010-12345678' };
    const k = ok(await manager1.post(`/customers/${c.id}/contacts`, body), 201) as { id: number };
    expect(contactNames(await find(director, 'ouyangming'))).toContain('欧阳明');
    ok(await manager1.patch(`/customers/${c.id}/contacts/${k.id}`, { name: '司马光' }));
    expect(contactNames(await find(director, 'simaguang'))).toContain('司马光');
    expect(contactNames(await find(director, 'ouyangming'))).not.toContain('司马光');
  });

  it('a name changed by any other statement loses its pinyin at once, and the fill job computes it again', async () => {
    const c = await buildCustomer(t, { name: '天地玄黄有限公司', manager: 'manager1' });
    await t.database.query(`update customers set name = '宇宙洪荒有限公司' where id = $1`, [c.id]);
    const [row] = await t.database.query<{ name_pinyin: string | null }>(
      `select name_pinyin from customers where id = $1`,
      [c.id],
    );
    expect(row!.name_pinyin).toBeNull();
    expect(customerNames(await find(director, 'tiandixuanhuang'))).not.toContain('宇宙洪荒有限公司');
    const { written } = await fillPinyin(depsOf(t));
    expect(written).toBeGreaterThanOrEqual(1);
    expect(customerNames(await find(director, 'yuzhouhonghuang'))).toContain('宇宙洪荒有限公司');
    expect((await fillPinyin(depsOf(t))).written).toBe(0);
  });
});

describe('names, numbers, phones (docs/search.md#what-matches)', () => {
  it('finds by a part of a name from one character on, exact and starting matches first', async () => {
    await buildCustomer(t, { name: '排序测试甲有限公司', manager: 'manager1' });
    await buildCustomer(t, { name: '排序测试甲', manager: 'manager1' });
    await buildCustomer(t, { name: '大排序测试甲公司', manager: 'manager1' });
    expect(customerNames(await find(director, '排序测试甲'))).toEqual([
      '排序测试甲',
      '排序测试甲有限公司',
      '大排序测试甲公司',
    ]);
    expect(customerNames(await find(director, '九'))).toContain('北京九州医疗器械有限公司');
    expect(customerNames(await find(director, '九州'))).toContain('北京九州医疗器械有限公司');
  });

  it('finds a customer by its number or a prefix of it, in any case', async () => {
    expect((await find(director, jiuzhou.number)).customers[0]!.id).toBe(jiuzhou.id);
    expect((await find(director, jiuzhou.number.toLowerCase())).customers[0]!.id).toBe(jiuzhou.id);
    const prefix = jiuzhou.number.slice(0, 8);
    expect((await find(director, prefix)).customers.every((c) => c.number.startsWith(prefix))).toBe(true);
  });

  it('finds a customer by its 统一社会信用代码, in any case, first; not by a code of a wrong check character', async () => {
    const holder = await buildCustomer(t, {
      name: '信用代码检索有限公司',
      manager: 'manager2',
      creditCode: '91440300708461136T',
    });
    for (const q of ['91440300708461136T', '91440300708461136t']) {
      expect((await find(director, q)).customers[0]?.id, q).toBe(holder.id);
      expect((await find(manager1, q)).customers[0]?.id, q).toBe(holder.id);
    }
    expect((await find(director, '91440300708461136U')).customers.map((c) => c.id)).not.toContain(holder.id);
    await withManagerScope({ customers: 'self' }, async () => {
      expect((await find(manager1, '91440300708461136T')).customers.map((c) => c.id)).not.toContain(holder.id);
    });
  });

  it('finds contacts by office phone or mobile digits, and a customer by its phone, with or without separators', async () => {
    for (const q of [
      '18600994321',
      '186 0099 4321',
      '186-0099-4321',
      '00994321',
      '075586123479',
      '0755-86123479',
      '8612 3479',
    ]) {
      expect(contactNames(await find(director, q)), q).toContain('曾乐行');
    }
    for (const q of ['02166881234', '021-6688 1234', '(021) 66881234', '6688']) {
      expect(customerNames(await find(director, q)), q).toContain('北京九州医疗器械有限公司');
    }
    // the office phone and the mobile are matched apart: digits across both find nothing
    expect(contactNames(await find(director, '34791860'))).not.toContain('曾乐行');
    // fewer than 4 digits is no phone number
    expect(contactNames(await find(director, '432'))).not.toContain('曾乐行');
  });

  it('finds opportunities by summary or customer name and services by summary or number', async () => {
    const o = await buildOpportunity(t, {
      customerName: '星辰大海贸易公司',
      summary: '采购激光打印机',
      by: 'manager1',
    });
    expect((await find(manager1, '激光')).opportunities.map((x) => x.id)).toContain(o.id);
    expect((await find(manager1, '激')).opportunities.map((x) => x.id)).toContain(o.id);
    expect((await find(manager1, '激光打印')).opportunities.map((x) => x.id)).toContain(o.id);
    expect((await find(manager1, '星辰大海')).opportunities[0]).toMatchObject({
      id: o.id,
      customerName: '星辰大海贸易公司',
      status: 'unassigned',
    });
    const s = (await buildService(t, { summary: '复印机卡纸维修' })) as { id: number; number: string };
    expect((await find(manager1, '卡纸')).services.map((x) => x.id)).toContain(s.id);
    expect((await find(manager1, '复印机卡纸')).services.map((x) => x.id)).toContain(s.id);
    const byNumber = await find(manager1, s.number.toLowerCase());
    expect(byNumber.services[0]).toMatchObject({ id: s.id, number: s.number, summary: '复印机卡纸维修' });
  });

  it('takes the pattern characters of LIKE literally', async () => {
    for (const q of ['%', '_', '\\', "' or 1=1 --"]) {
      const a = await find(director, q);
      expect(a.customers, q).toEqual([]);
      expect(a.contacts, q).toEqual([]);
    }
  });

  it('answers at most `limit` of each kind', async () => {
    for (let i = 0; i < 4; i++) await buildCustomer(t, { name: `限量客户${i}号`, manager: 'manager1' });
    expect((await find(director, '限量客户', 3)).customers).toHaveLength(3);
    expect(ok(await director.get(`/search?q=${encodeURIComponent('限量客户')}`)).customers).toHaveLength(4);
  });
});

describe('data scope (docs/organisation.md#data-scope, rule 4)', () => {
  it('a manager narrowed to self never finds another manager’s customer or its contacts, by any means', async () => {
    await buildCustomer(t, {
      name: '范围外九州公司',
      manager: 'manager2',
      phone: '0571-8877 6655',
      firstContact: { name: '范围外联系人', mobile: '139 1111 2222' },
    });
    await withManagerScope({ customers: 'self' }, async () => {
      for (const q of ['范围外九州', 'fanweiwai', 'fwwjz', '057188776655', '13911112222', '范围外联系人', 'fwwlxr']) {
        const a = await find(manager1, q);
        expect(customerNames(a), q).not.toContain('范围外九州公司');
        expect(contactNames(a), q).not.toContain('范围外联系人');
      }
      expect(customerNames(await find(manager1, 'chongqing'))).not.toContain('重庆长安银行');
      expect(customerNames(await find(manager1, 'bjjz'))).toContain('北京九州医疗器械有限公司');
    });
    expect(customerNames(await find(manager1, 'fwwjz'))).toContain('范围外九州公司');
    expect(chongqing.managerId).not.toBe(jiuzhou.managerId);
  });

  it('a pool customer is found by name by every customer reader, but not by its masked phone; its phones read masked', async () => {
    await buildPoolCustomer(t, {
      name: '公海搜索客户',
      phone: '0512-6655 4433',
      firstContact: { name: '公海联系人', mobile: '13722223333', officePhone: '0512-66554434' },
    });
    await withManagerScope({ customers: 'self' }, async () => {
      const a = await find(manager1, '公海搜索');
      expect(customerNames(a)).toContain('公海搜索客户');
      const k = (await find(manager1, '公海联系人')).contacts.find((x) => x.name === '公海联系人')!;
      expect(k.mobile).toBe('137****3333');
      expect(k.officePhone).toBe('051******4434');
      expect(customerNames(await find(manager1, '051266554433'))).not.toContain('公海搜索客户');
      expect(contactNames(await find(manager1, '13722223333'))).not.toContain('公海联系人');
    });
    // a director (pool.manage) sees the phones and finds by them
    expect(customerNames(await find(director, '051266554433'))).toContain('公海搜索客户');
    const k = (await find(director, '13722223333')).contacts.find((x) => x.name === '公海联系人')!;
    expect(k.mobile).toBe('13722223333');
  });

  it('opportunities follow the opportunity scope: a manager finds only their own', async () => {
    const other = await buildOpportunity(t, { customerName: '别人的机会公司', summary: '别人的采购', by: 'manager2' });
    expect((await find(manager1, '别人的机会')).opportunities.map((o) => o.id)).not.toContain(other.id);
    expect((await find(manager2, '别人的机会')).opportunities.map((o) => o.id)).toContain(other.id);
    expect((await find(director, '别人的机会')).opportunities.map((o) => o.id)).toContain(other.id);
  });

  it('a kind the user may not read answers an empty list', async () => {
    const a = await find(admin, '北京九州');
    expect(a).toEqual({ customers: [], contacts: [], opportunities: [], services: [] });
    const e = await find(executive, '北京九州');
    expect(customerNames(e)).toContain('北京九州医疗器械有限公司');
    expect(e.opportunities).toEqual([]);
    expect(e.services).toEqual([]);
  });
});

describe('refused input (400 VALIDATION_FAILED, naming the parameter)', () => {
  it.each([
    ['', 'q'],
    ['?q=', 'q'],
    ['?q=%20%20', 'q'],
    [`?q=${'a'.repeat(101)}`, 'q'],
    ['?q=a%00b', 'q'],
    ['?q=a&limit=0', 'limit'],
    ['?q=a&limit=21', 'limit'],
    ['?q=a&limit=abc', 'limit'],
    ['?q=a&limit=1.5', 'limit'],
  ])('/search%s', async (query, path) => {
    const res = await manager2.get(`/search${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(res)).toContain(path);
  });

  it('takes 100 characters and a limit of 20', async () => {
    expect((await manager2.get(`/search?q=${'a'.repeat(100)}&limit=20`)).status).toBe(200);
  });
});
