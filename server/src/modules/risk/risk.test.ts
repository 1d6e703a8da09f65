import { describe, expect, it } from 'vitest';
import {
  buildCustomer,
  installSalesSchema,
  keptTotalsHold,
  ok,
  type SalesWriter,
  salesWriter,
  testApp,
  userId,
} from '../../test/factories.ts';

const { t, admin, director, manager1, manager2 } = await testApp('admin', 'director', 'manager1', 'manager2');

// the refresh's day: 15 June 2026 (the server's calendar; the tests run in UTC)
t.clock.now = new Date('2026-06-15T08:00:00Z');
await installSalesSchema(t.database);
const w: SalesWriter = salesWriter(t.database.query);
const product = await w.product({ name: '风险测试产品', price: 100 });

const DAY = 86_400_000;
const dayBefore = (days: number) => new Date(t.clock.now.getTime() - days * DAY).toISOString().slice(0, 10);

/** Counted orders of `customerNo` on `dates`, each of `amount` yuan (one line). */
async function orders(customerNo: string, dates: string[], amount: number | ((date: string) => number) = 1000) {
  for (const date of dates) {
    const a = typeof amount === 'number' ? amount : amount(date);
    await w.order({ customerNo, date, status: 6, lines: [{ productId: product, quantity: 1, unitPrice: a }] });
  }
}

/** The 10th of each of the `months` months before June 2026: 2024-06-10 … 2026-05-10 for 24. */
const monthly = (months: number) =>
  Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(2026, 5 - months + i, 10));
    return d.toISOString().slice(0, 10);
  });

type Item = {
  customerId: number;
  number: string;
  name: string;
  manager: { id: number; displayName: string } | null;
  score: number;
  level: string;
  reasons: { code: string; text: string }[];
};
type Page = { items: Item[]; total: number };

// every 3 weeks for two years, then nothing for 95 days
const stopped = await buildCustomer(t, { name: '风险停单客户有限公司', manager: 'manager1' });
await orders(
  stopped.number,
  Array.from({ length: 35 }, (_, i) => dayBefore(95 + 21 * i)),
);
// every month up to last month
const steady = await buildCustomer(t, { name: '风险稳定客户有限公司', manager: 'manager1' });
await orders(steady.number, monthly(24));
// every month, the last 12 months at 400 against 1000 before
const shrinking = await buildCustomer(t, { name: '风险缩量客户有限公司', manager: 'manager2' });
await orders(shrinking.number, monthly(24), (date) => (date >= '2025-06-01' ? 400 : 1000));
// two orders only, the last one 100 days ago
const few = await buildCustomer(t, { name: '风险少单客户有限公司', manager: 'manager2' });
await orders(few.number, [dayBefore(300), dayBefore(100)]);
// never ordered, created today
const fresh = await buildCustomer(t, { name: '风险新建客户有限公司', manager: 'manager1' });
// orders that do not count (status 1–4) change nothing
await w.order({ customerNo: fresh.number, date: dayBefore(10), status: 3, lines: [] });

ok(await director.post('/sales/refresh'));

const atRisk = async (who: typeof director, query = '', lang = 'en') =>
  ok(await who.get(`/customers/at-risk${query}`, { 'accept-language': lang })) as Page;
const all = async () => {
  const items: Item[] = [];
  for (const level of ['high', 'medium', 'low']) items.push(...(await atRisk(director, `?level=${level}`)).items);
  return new Map(items.map((i) => [i.customerId, i]));
};

describe('the early churn risk (docs/churn-risk.md#the-score)', () => {
  it('keeps monthly figures of the last 24 months and the current one in the derived copy', async () => {
    const months = await t.database.query<{ month: string; order_count: number; amount: string }>(
      `select month::text, order_count, amount::text from customer_sales_months where customer_no = $1 order by month`,
      [steady.number],
    );
    expect(months).toHaveLength(24);
    expect(months[0]).toEqual({ month: '2024-06-01', order_count: 1, amount: '1000.00' });
    expect(months.at(-1)!.month).toBe('2026-05-01');
    // the 3-weekly customer's first orders are older than the months kept: they are not in the monthly copy
    const [kept] = await t.database.query<{ n: number; first: string }>(
      `select sum(order_count)::int as n, min(month)::text as first from customer_sales_months where customer_no = $1`,
      [stopped.number],
    );
    expect(kept!.first).toBe('2024-06-01');
    expect(kept!.n).toBeLessThan(35);
  });

  it('a customer who ordered every 3 weeks for two years and stopped 95 days ago is high, for recency', async () => {
    const r = (await all()).get(stopped.id)!;
    expect(r).toMatchObject({ level: 'high', score: 100, number: stopped.number, name: stopped.name });
    expect(r.manager).toEqual({ id: await userId(t, 'manager1'), displayName: expect.any(String) });
    expect(r.reasons[0]).toEqual({ code: 'recency', text: 'no order for 95 days; usually every 21 days' });
  });

  it('steady monthly orders up to last month are low, with no reason', async () => {
    const r = (await all()).get(steady.id)!;
    expect(r.level).toBe('low');
    expect(r.score).toBeLessThan(40);
    expect(r.reasons).toEqual([]);
  });

  it('the last 12 months at less than half the 12 before is at least medium, for the amount drop', async () => {
    const r = (await all()).get(shrinking.id)!;
    expect(['medium', 'high']).toContain(r.level);
    expect(r.score).toBe(60);
    expect(r.reasons).toEqual([
      {
        code: 'amount_drop',
        text: 'amount ¥4,800 in the last 12 months, −60 % against the 12 before (¥12,000)',
      },
    ]);
  });

  it('fewer than 3 orders: recency alone, against the 6-month threshold', async () => {
    const r = (await all()).get(few.id)!;
    // 15 December 2025 → 15 June 2026: 182 days; 100 / 182 → 55
    expect(r).toMatchObject({ score: 55, level: 'medium' });
    expect(r.reasons.map((x) => x.code)).toEqual(['recency']);
    expect(r.reasons[0]!.text).toBe(
      'no order for 100 days (little history: measured against the 182-day churn threshold)',
    );
  });

  it('a customer created today without orders is low; one that is lost has no risk', async () => {
    const risks = await all();
    expect(risks.get(fresh.id)).toMatchObject({ score: 0, level: 'low', reasons: [] });
    const lost = await buildCustomer(t, { name: '风险流失客户有限公司', status: 'lost' });
    await orders(lost.number, [dayBefore(400)]);
    ok(await director.post('/sales/refresh'));
    expect((await all()).has(lost.id)).toBe(false);
  });

  it('gives the reasons in Chinese by default and for zh, in English for en', async () => {
    const zh = (await atRisk(director, '?level=high', 'zh-CN,zh;q=0.9')).items.find(
      (i) => i.customerId === stopped.id,
    )!;
    expect(zh.reasons[0]!.text).toBe('已 95 天未下单，通常每 21 天一单');
    const none = ok(await director.get('/customers/at-risk?level=high')) as Page;
    expect(none.items.find((i) => i.customerId === stopped.id)!.reasons[0]!.text).toBe(zh.reasons[0]!.text);
  });

  it('moves with time and with new orders, the latter through an incremental refresh', async () => {
    const before = (await all()).get(steady.id)!.score;
    t.clock.advance(40 * DAY); // 25 July: no order for 76 days, usually every ~30
    try {
      ok(await director.post('/sales/refresh'));
      const later = (await all()).get(steady.id)!;
      expect(later).toMatchObject({ score: 50, level: 'medium' });
      expect(later.score).toBeGreaterThan(before);
      expect(later.reasons[0]!.code).toBe('recency');
      await orders(steady.number, [dayBefore(0)]);
      ok(await director.post('/churn-warnings/scan')); // its incremental refresh, the same day
      expect((await all()).get(steady.id)).toMatchObject({ level: 'low', reasons: [] });
      const [july] = await t.database.query<{ order_count: number }>(
        `select order_count from customer_sales_months where customer_no = $1 and month = '2026-07-01'`,
        [steady.number],
      );
      expect(july).toEqual({ order_count: 1 });
    } finally {
      t.clock.advance(-40 * DAY);
      ok(await director.post('/sales/refresh'));
    }
  });
});

describe('the at-risk list (docs/churn-risk.md#the-list)', () => {
  it('without a level lists medium and high, highest first; filters by level and manager; pages', async () => {
    const page = await atRisk(director);
    expect(page.items.map((i) => i.customerId)).toEqual([stopped.id, shrinking.id, few.id]);
    expect(page.total).toBe(3);
    const scores = page.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const m2 = await userId(t, 'manager2');
    const mine = await atRisk(director, `?managerId=${m2}`);
    expect(mine.items.map((i) => i.customerId)).toEqual([shrinking.id, few.id]);
    const second = await atRisk(director, '?pageSize=1&page=2');
    expect(second).toMatchObject({ total: 3, items: [{ customerId: shrinking.id }] });
    expect((await atRisk(director, '?level=low')).items.map((i) => i.customerId)).toContain(steady.id);
    expect((await director.get('/customers/at-risk?level=extreme')).status).toBe(400);
  });

  it('keeps to the data scope: a manager narrowed to self sees only own customers at risk', async () => {
    const roles = ok(await admin.get('/roles')) as { id: number; code: string; dataScope: Record<string, string> }[];
    const manager = roles.find((r) => r.code === 'manager')!;
    ok(await admin.patch(`/roles/${manager.id}`, { dataScope: { ...manager.dataScope, customers: 'self' } }));
    try {
      expect((await atRisk(manager1)).items.map((i) => i.customerId)).toEqual([stopped.id]);
      expect((await atRisk(manager2)).items.map((i) => i.customerId)).toEqual([shrinking.id, few.id]);
      expect((await atRisk(manager2, `?managerId=${await userId(t, 'manager1')}`)).total).toBe(0);
    } finally {
      ok(await admin.patch(`/roles/${manager.id}`, { dataScope: manager.dataScope }));
    }
  });

  it('follows its customer to another manager at once, without a refresh', async () => {
    const [m1, m2] = [await userId(t, 'manager1'), await userId(t, 'manager2')];
    const ids = async (managerId: number) =>
      (await atRisk(director, `?managerId=${managerId}`)).items.map((i) => i.customerId);
    ok(await director.post('/customers/transfer', { customerIds: [few.id], toManagerId: m1 }));
    try {
      expect(await ids(m1)).toContain(few.id);
      expect(await ids(m2)).toEqual([shrinking.id]);
    } finally {
      ok(await director.post('/customers/transfer', { customerIds: [few.id], toManagerId: m2 }));
    }
    expect(await ids(m2)).toEqual([shrinking.id, few.id]);
  });

  it('shows the risk badge on the customer list, reasons in the reader language', async () => {
    const list = ok(
      await director.get(`/customers?name=${encodeURIComponent('风险')}`, { 'accept-language': 'en' }),
    ) as { items: { id: number; risk: Item | null }[] };
    const row = list.items.find((c) => c.id === stopped.id)!;
    expect(row.risk).toMatchObject({ level: 'high', score: 100, reasons: [{ code: 'recency' }] });
    const created = await buildCustomer(t, { name: '风险未算客户有限公司' });
    const again = ok(await director.get(`/customers?name=${encodeURIComponent('风险未算')}`)) as {
      items: { id: number; risk: unknown }[];
    };
    expect(again.items).toEqual([expect.objectContaining({ id: created.id, risk: null })]);
  });
});

describe('scoring with the refreshes (docs/churn-risk.md#the-figures, rule 3)', () => {
  const stored = async (id: number) =>
    (await t.database.query<{ score: number }>(`select score from customer_risk where customer_id = $1`, [id]))[0]
      ?.score;

  it('an incremental refresh of a day already scored scores the customers it changed; the first of a day scores all', async () => {
    const changing = await buildCustomer(t, { name: '风险变化客户有限公司', manager: 'manager2' });
    await orders(changing.number, [dayBefore(200), dayBefore(150)]);
    const quiet = await buildCustomer(t, { name: '风险安静客户有限公司', manager: 'manager2' });
    await orders(quiet.number, monthly(24));
    ok(await director.post('/sales/refresh'));
    expect(await stored(quiet.id)).toBeLessThan(99);
    const changingScore = await stored(changing.id);
    // a mark that only a new scoring of `quiet` removes
    await t.database.query(`update customer_risk set score = 99, level = 'high' where customer_id = $1`, [quiet.id]);

    await orders(changing.number, [dayBefore(1)]);
    ok(await director.post('/churn-warnings/scan')); // its incremental refresh, the same day
    expect(await stored(changing.id)).not.toBe(changingScore);
    expect(await stored(changing.id)).toBe(0); // three orders now, the last one yesterday
    expect(await stored(quiet.id)).toBe(99);

    t.clock.advance(DAY);
    try {
      ok(await director.post('/churn-warnings/scan')); // the first incremental refresh of 16 June
      const rescored = await stored(quiet.id);
      expect(rescored).not.toBe(99);
      ok(await director.post('/sales/refresh')); // a full one, the same day, agrees
      expect(await stored(quiet.id)).toBe(rescored);
    } finally {
      t.clock.advance(-DAY);
      ok(await director.post('/sales/refresh'));
    }
  });

  it('a customer leaves the list at once when it leaves normal, and is scored again when it comes back', async () => {
    const { total } = await atRisk(director);
    const leaving = (await atRisk(director)).items[0]!;
    await t.database.query(`update customers set status = 'lost' where id = $1`, [leaving.customerId]);
    expect(await stored(leaving.customerId)).toBeUndefined();
    const after = await atRisk(director);
    expect(after.total).toBe(total - 1);
    expect(after.items.map((i) => i.customerId)).not.toContain(leaving.customerId);

    await t.database.query(`update customers set status = 'normal' where id = $1`, [leaving.customerId]);
    ok(await director.post('/churn-warnings/scan')); // an incremental refresh of a day already scored
    expect(await stored(leaving.customerId)).toBe(leaving.score);
    expect((await atRisk(director)).total).toBe(total);
  });
});

keptTotalsHold('risk', () => t);
