import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildOpportunity,
  buildService,
  insertChurnWarning,
  installSalesSchema,
  ok,
  salesWriter,
  testApp,
} from '../../test/factories.ts';

const { t, admin, director, manager1, manager2, executive } = await testApp(
  'admin',
  'director',
  'manager1',
  'manager2',
  'executive',
);

t.clock.now = new Date('2026-06-15T08:00:00Z');

type Overview = {
  customer: { id: number; name: string; number: string };
  sales: {
    asOf: string | null;
    lastOrderDate: string | null;
    orderCount: number;
    totalAmount: number;
    thisYearAmount: number;
    lastYearAmount: number;
    byYear: { year: number; amount: number; orders: number }[];
  };
  risk: { score: number; level: string; reasons: { code: string; text: string }[] } | null;
  churnWarning: { id: number; status: string } | null;
  openServices: number | null;
  contacts: number;
  activities: number;
  lastFollowUpAt: string | null;
  origin: { opportunityId: number } | null;
};
const overview = async (who: typeof director, id: number, lang = 'en') =>
  ok(await who.get(`/customers/${id}/overview`, { 'accept-language': lang })) as Overview;

// a customer that came from an opportunity, with a contact, records, services and a warning
const succeeded = (await buildOpportunity(t, {
  status: 'succeeded',
  customerName: '概览测试客户有限公司',
})) as unknown as { opportunity: { id: number }; customer: { id: number; number: string } };
const { id: customerId, number: customerNo } = succeeded.customer;

describe('the overview before the sales figures were ever refreshed (docs/overview.md#what-it-shows, rule 2)', () => {
  it('answers from the CRM alone: no "as of", no figures, no risk — never a call to the sales system', async () => {
    const o = await overview(director, customerId);
    expect(o.sales).toEqual({
      asOf: null,
      lastOrderDate: null,
      orderCount: 0,
      totalAmount: 0,
      thisYearAmount: 0,
      lastYearAmount: 0,
      byYear: [],
    });
    expect(o.risk).toBeNull();
    expect(o.origin).toEqual({ opportunityId: succeeded.opportunity.id });
  });
});

describe('a customer at a glance (docs/overview.md)', () => {
  let w: ReturnType<typeof salesWriter>;
  let warning: number;
  beforeAll(async () => {
    await installSalesSchema(t.database);
    w = salesWriter(t.database.query);
    const product = await w.product({ name: '概览产品', price: 100 });
    const order = (date: string, amount: number, status = 6) =>
      w.order({ customerNo, date, status, lines: [{ productId: product, quantity: 2, unitPrice: amount / 2 }] });
    await order('2024-03-01', 1000);
    await order('2025-02-01', 2000.5);
    await order('2025-11-20', 3000);
    await order('2026-02-10', 400);
    await order('2026-05-01', 99999, 2); // not counted
    ok(await director.post('/sales/refresh'));
    ok(
      await manager1.post(`/customers/${customerId}/contacts`, {
        name: '王经理',
        sex: 'male',
        position: '采购',
        officePhone: '010-62510002',
      }),
      201,
    );
    ok(
      await manager1.post(`/customers/${customerId}/activities`, {
        date: '2026-04-02',
        place: '客户公司',
        summary: '回访',
      }),
      201,
    );
    await buildService(t, { customerId, status: 'assigned' });
    await buildService(t, { customerId, status: 'archived' });
    warning = await insertChurnWarning(t, { customerId, manager: 'manager1', status: 'warning' });
  });

  it('shows the figures of the derived copy per year with their "as of", this year and last year', async () => {
    const o = await overview(director, customerId);
    expect(o.customer).toMatchObject({ id: customerId, number: customerNo, name: '概览测试客户有限公司' });
    expect(o.sales).toEqual({
      asOf: t.clock.now.toISOString(),
      lastOrderDate: '2026-02-10',
      orderCount: 4,
      totalAmount: 6400.5,
      thisYearAmount: 400,
      lastYearAmount: 5000.5,
      byYear: [
        { year: 2024, amount: 1000, orders: 1 },
        { year: 2025, amount: 5000.5, orders: 2 },
        { year: 2026, amount: 400, orders: 1 },
      ],
    });
  });

  it('shows the risk with its reasons in the reader language, the open items, the counts and the last follow-up', async () => {
    const o = await overview(director, customerId);
    // 4 orders, the last one 125 days ago, usually every 187 days; 3,400 in the last 12 months against 2,000.5
    expect(o.risk).toMatchObject({ level: 'low' });
    expect(o.churnWarning).toEqual({ id: warning, status: 'warning' });
    expect(o.openServices).toBe(1);
    expect(o.contacts).toBeGreaterThanOrEqual(1);
    const [counted] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from contacts where customer_id = $1',
      [customerId],
    );
    expect(o.contacts).toBe(counted!.n);
    const [recorded] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from activities where customer_id = $1',
      [customerId],
    );
    expect(o.activities).toBe(recorded!.n);
    expect(o.activities).toBeGreaterThanOrEqual(1);
    expect(o.lastFollowUpAt).toBe(t.clock.now.toISOString().slice(0, 10)); // the service handled today
    expect(o.origin).toEqual({ opportunityId: succeeded.opportunity.id });
  });

  it('gives the reasons in Chinese by default', async () => {
    const few = await buildCustomer(t, { name: '概览少单客户有限公司', manager: 'manager1' });
    await w.order({ customerNo: few.number, date: '2026-01-01', status: 5, lines: [] });
    ok(await director.post('/sales/refresh'));
    const zh = ok(await director.get(`/customers/${few.id}/overview`)) as Overview;
    expect(zh.risk).toMatchObject({ level: 'high', reasons: [{ code: 'recency' }] });
    expect(zh.risk!.reasons[0]!.text).toMatch(/^已 165 天未下单/);
    expect((await overview(director, few.id)).risk!.reasons[0]!.text).toMatch(/^no order for 165 days/);
    expect(zh.lastFollowUpAt).toBe('2026-01-01');
  });

  it('keeps to the reader scopes: churn warnings and services inside theirs; customers outside are 404', async () => {
    // manager2 reads every customer (customers: all) but only their own churn warnings (churn: self)
    const theirs = await overview(manager2, customerId);
    expect(theirs.churnWarning).toBeNull();
    expect(theirs.openServices).toBe(1); // services: all under the initial grants
    // the executive reads customers and services, not churn warnings
    const exec = await overview(executive, customerId);
    expect(exec.customer.id).toBe(customerId);
    expect((await admin.get(`/customers/${customerId}/overview`)).status).toBe(403);
    expect((await t.anonymous().get(`/customers/${customerId}/overview`)).status).toBe(401);
    expect((await director.get('/customers/99999999/overview')).status).toBe(404);

    const roles = ok(await admin.get('/roles')) as { id: number; code: string; dataScope: Record<string, string> }[];
    const manager = roles.find((r) => r.code === 'manager')!;
    ok(await admin.patch(`/roles/${manager.id}`, { dataScope: { ...manager.dataScope, customers: 'self' } }));
    try {
      const res = await manager2.get(`/customers/${customerId}/overview`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect((await manager1.get(`/customers/${customerId}/overview`)).status).toBe(200);
    } finally {
      ok(await admin.patch(`/roles/${manager.id}`, { dataScope: manager.dataScope }));
    }
  });
});
