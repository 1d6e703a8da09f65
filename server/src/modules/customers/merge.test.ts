import { afterAll, describe, expect, it } from 'vitest';
import { refreshSalesFigures } from '../../sales/figures.ts';
import { fingerprint } from '../../test/fingerprint.ts';
import {
  buildCustomer,
  buildOldCustomer,
  buildPortalUser,
  buildService,
  count,
  depsOf,
  dictionaryId,
  errorPaths,
  insertChurnWarning,
  installSalesSchema,
  keptTotalsHold,
  ok,
  salesWriter,
  testApp,
  userId,
} from '../../test/factories.ts';
import { departmentMerger } from '../../test/departments.ts';

/** docs/duplicates-and-merge.md: merging customers, and their numbers as aliases of the survivor. */
const { t, director, manager1, admin } = await testApp('director', 'manager1', 'admin');
const NOW = new Date('2026-11-28T12:00:00.000Z');
t.clock.now = new Date(NOW);
await installSalesSchema(t.database);
const sales = salesWriter(t.database.query);
const product = await sales.product({ name: '合并测试产品', price: 100 });
const deps = depsOf(t);
afterAll(() => deps.sales.close());

/** A counted order (status 5) of `amount` yuan on `date`. */
const order = (customerNo: string, date: string, amount: number) =>
  sales.order({ customerNo, date, lines: [{ productId: product, quantity: 1, unitPrice: amount }] });

/** The copy's yearly figures of a number. */
const years = (no: string) =>
  t.database.query<{ year: number; amount: number; orders: number; last: string }>(
    `select year, amount::float8 as amount, order_count as orders, last_order_date::text as last
     from customer_sales_years where customer_no = $1 order by year`,
    [no],
  );

/** The same figures computed straight from the sales system over every number of the group. */
const truth = (numbers: string[]) =>
  t.database.query<{ year: number; amount: number; orders: number; last: string }>(
    `select extract(year from o.order_date)::int as year, sum(l.quantity * l.unit_price)::float8 as amount,
            count(distinct o.id)::int as orders, max(o.order_date)::text as last
     from sales.orders o join sales.order_lines l on l.order_id = o.id
     where o.customer_no = any($1::text[]) and o.status in (5, 6) group by 1 order by 1`,
    [numbers],
  );

const months = (no: string) =>
  t.database.query<{ month: string; amount: number }>(
    `select month::text, amount::float8 as amount from customer_sales_months where customer_no = $1 order by month`,
    [no],
  );

const contribution = async (year: number) =>
  (
    ok(await director.get(`/reports/contribution?year=${year}&pageSize=100`)) as {
      items: { customerId: number; amount: number }[];
    }
  ).items;

describe('merging B into A (docs/duplicates-and-merge.md, rules 3–8)', async () => {
  const a = await buildOldCustomer(t, { name: '合并甲科技有限公司', phone: '010-11112222' });
  const b = await buildOldCustomer(t, {
    name: '合并甲科技（北京）有限公司',
    phone: '010-33334444',
    manager: 'manager2',
  });
  // A last ordered in January (more than 6 months before NOW): alone, the churn check would warn it
  await order(a.number, '2025-06-01', 300);
  await order(a.number, '2026-01-10', 200);
  // B ordered lately and the year before
  await order(b.number, '2025-03-01', 500);
  await order(b.number, '2026-10-01', 1000);
  await refreshSalesFigures(deps, 'full', NOW);

  const contact = ok(
    await director.post(`/customers/${b.id}/contacts`, {
      name: '乙联系人',
      sex: 'male',
      position: '经理',
      officePhone: '010-55556666',
      mobile: '13900001111',
    }),
    201,
  );
  await director.post(`/customers/${b.id}/activities`, { date: '2026-11-01', place: '北京', summary: '拜访' });
  const service = await buildService(t, { customerId: b.id });
  const warning = await insertChurnWarning(t, { customerId: b.id, manager: 'manager2', status: 'warning' });
  const portalA = await buildPortalUser(t, { customerId: a.id, username: 'merge-portal-a' });
  const portalB = await buildPortalUser(t, { customerId: b.id, username: 'merge-portal-b' });

  it('before: the copy holds each number apart', async () => {
    expect((await years(a.number)).map((y) => y.amount)).toEqual([300, 200]);
    expect((await years(b.number)).map((y) => y.amount)).toEqual([500, 1000]);
  });

  let merged: Record<string, unknown>;
  it('merges, taking the phone from B, and answers the survivor, the merged numbers and the moved counts', async () => {
    const res = await director.post(`/customers/${a.id}/merge`, { sourceIds: [b.id], fields: { phone: b.id } });
    merged = ok(res);
    expect(merged).toMatchObject({
      customer: { id: a.id, name: '合并甲科技有限公司', phone: '010-33334444', status: 'normal', mergedIntoId: null },
      mergedNumbers: [b.number],
      moved: { contacts: 2, activities: 1, services: 1, opportunities: 0, churnWarnings: 1 },
    });
  });

  it('B reads as merged, pointing at A, and every write to it is 409 INVALID_STATE', async () => {
    const got = ok(await director.get(`/customers/${b.id}`));
    expect(got).toMatchObject({ status: 'merged', mergedIntoId: a.id });
    const writes = [
      await director.patch(`/customers/${b.id}`, { version: got.version, address: '别处' }),
      await director.post(`/customers/${b.id}/contacts`, {
        name: '新联系人',
        sex: 'female',
        position: '会计',
        officePhone: '010-55557777',
        mobile: '13900002222',
      }),
      await director.post(`/customers/${b.id}/activities`, { date: '2026-11-02', place: '上海', summary: '再访' }),
      await director.post('/customers/transfer', { customerIds: [b.id], toManagerId: await userId(t, 'manager1') }),
      await manager1.post('/services', {
        typeId: await dictionaryId(t, 'serviceType'),
        customerId: b.id,
        summary: '咨询',
        request: '请联系',
      }),
      await director.post(`/customers/${a.id}/merge`, { sourceIds: [b.id] }),
    ];
    for (const [i, res] of writes.entries())
      expect([i, res.status, res.body.error?.code]).toEqual([i, 409, 'INVALID_STATE']);
  });

  it('moves contacts, records, services and churn warnings; the audit and the webhook outbox know', async () => {
    expect(
      await count(t, 'select count(*)::int as n from contacts where id = $1 and customer_id = $2', [contact.id, a.id]),
    ).toBe(1);
    expect(await count(t, 'select count(*)::int as n from activities where customer_id = $1', [b.id])).toBe(0);
    expect(
      await count(t, 'select count(*)::int as n from services where id = $1 and customer_id = $2', [service.id, a.id]),
    ).toBe(1);
    expect(
      await count(
        t,
        "select count(*)::int as n from churn_warnings where id = $1 and customer_id = $2 and status = 'warning'",
        [warning, a.id],
      ),
    ).toBe(1);
    expect(
      await count(
        t,
        "select count(*)::int as n from audit_log where action = 'merge' and entity = 'customer' and entity_id = $1",
        [String(a.id)],
      ),
    ).toBe(1);
    expect(
      await count(t, 'select count(*)::int as n from customer_number_aliases where number = $1 and customer_id = $2', [
        b.number,
        a.id,
      ]),
    ).toBe(1);
  });

  it('B is out of the list, the search and the contribution report; its figures are A’s at once', async () => {
    const list = ok(await director.get(`/customers?name=${encodeURIComponent('合并甲科技')}`));
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([a.id]);
    expect(list.total).toBe(1);
    const found = ok(await director.get(`/search?q=${encodeURIComponent('合并甲科技')}`));
    expect(found.customers.map((c: { id: number }) => c.id)).toEqual([a.id]);
    expect(await years(b.number)).toEqual([]);
    expect(await years(a.number)).toEqual(await truth([a.number, b.number]));
    expect((await months(b.number)).length).toBe(0);
    expect((await months(a.number)).map((m) => m.amount).reduce((x, y) => x + y)).toBe(2000);
    const rows = await contribution(2026);
    expect(rows.find((r) => r.customerId === a.id)?.amount).toBe(1200);
    expect(rows.find((r) => r.customerId === b.id)).toBeUndefined();
    // the risk: A's last order is now B's October one; B has none
    expect(await count(t, 'select count(*)::int as n from customer_risk where customer_id = $1', [b.id])).toBe(0);
    const risk = await t.database.query<{ reasons: { code: string }[] }>(
      'select reasons from customer_risk where customer_id = $1',
      [a.id],
    );
    expect(risk[0]!.reasons.map((r) => r.code)).not.toContain('recency');
  });

  it('order history, the timeline and the portal show the orders under B’s number as A’s', async () => {
    const history = ok(await director.get(`/customers/${a.id}/orders`));
    expect(history.total).toBe(4);
    expect(history.items.map((o: { orderDate: string }) => o.orderDate)).toEqual([
      '2026-10-01',
      '2026-01-10',
      '2025-06-01',
      '2025-03-01',
    ]);
    const one = history.items[0] as { id: number };
    expect(ok(await director.get(`/customers/${a.id}/orders/${one.id}`))).toMatchObject({ id: one.id, total: 1000 });
    const timeline = ok(await director.get(`/customers/${a.id}/timeline?limit=100`));
    expect(timeline.items.filter((e: { kind: string }) => e.kind === 'order')).toHaveLength(4);
    expect(ok(await portalA.client.get('/api/portal/v1/orders')).total).toBe(4);
  });

  it('the timelines tell of the merge: on A what it absorbed, on B where it went (docs/timeline.md)', async () => {
    const ofA = ok(await director.get(`/customers/${a.id}/timeline?limit=100`));
    expect(ofA.items.filter((e: { kind: string }) => e.kind === 'merge')).toEqual([
      expect.objectContaining({
        event: 'merge.absorbed',
        detail: b.number,
        fields: ['phone'],
        ref: { type: 'customer', id: a.id },
      }),
    ]);
    const ofB = ok(await director.get(`/customers/${b.id}/timeline?limit=100`));
    expect(ofB.items.filter((e: { kind: string }) => e.kind === 'merge')).toEqual([
      expect.objectContaining({ event: 'merge.into', detail: a.number, ref: { type: 'customer', id: a.id } }),
    ]);
  });

  it('a portal account of a moved contact keeps working, now for A and its orders', async () => {
    expect(ok(await portalB.client.get('/api/portal/v1/me'))).toMatchObject({ customer: { id: a.id } });
    expect(ok(await portalB.client.get('/api/portal/v1/orders')).total).toBe(4);
  });

  it('the churn check counts B’s recent order for A: no warning for A', async () => {
    ok(await director.post('/churn-warnings/scan'));
    expect(
      await count(
        t,
        "select count(*)::int as n from churn_warnings where customer_id = $1 and status in ('warning', 'delayed') and id <> $2",
        [a.id, warning],
      ),
    ).toBe(0);
  });

  it('after a full refresh the figures are still A’s, summed over both numbers', async () => {
    await refreshSalesFigures(deps, 'full', NOW);
    expect(await years(b.number)).toEqual([]);
    expect(await years(a.number)).toEqual(await truth([a.number, b.number]));
    expect((await contribution(2026)).find((r) => r.customerId === a.id)?.amount).toBe(1200);
  });

  it('after an incremental refresh with new and back-dated orders under B’s number, A keeps its own part', async () => {
    await order(b.number, '2026-11-20', 50); // recent: A's own 2026 order is in its settled part only
    await order(b.number, '2025-09-01', 7); // back-dated: the year 2025 read whole, for A's number too
    await refreshSalesFigures(deps, 'incremental', new Date(NOW.getTime() + 3_600_000));
    expect(await years(b.number)).toEqual([]);
    expect(await years(a.number)).toEqual(await truth([a.number, b.number]));
    expect((await years(a.number)).map((y) => y.amount)).toEqual([807, 1250]);
    expect((await months(a.number)).map((m) => m.amount).reduce((x, y) => x + y)).toBe(2057);
    expect((await contribution(2026)).find((r) => r.customerId === a.id)?.amount).toBe(1250);
    expect(ok(await director.get(`/customers/${a.id}/orders`)).total).toBe(6);
  });

  it('merging A into C later re-points B’s alias to C', async () => {
    const c = await buildOldCustomer(t, { name: '合并丙' });
    await order(c.number, '2026-02-02', 1);
    await refreshSalesFigures(deps, 'full', NOW);
    ok(await director.post(`/customers/${c.id}/merge`, { sourceIds: [a.id] }));
    const aliases = await t.database.query<{ number: string; customer_id: number }>(
      'select number, customer_id from customer_number_aliases where number = any($1::text[]) order by number',
      [[a.number, b.number]],
    );
    expect(aliases.map((r) => r.customer_id)).toEqual([c.id, c.id]);
    expect(await years(c.number)).toEqual(await truth([a.number, b.number, c.number]));
    await refreshSalesFigures(deps, 'full', NOW);
    expect(await years(c.number)).toEqual(await truth([a.number, b.number, c.number]));
    expect(ok(await director.get(`/customers/${c.id}/orders`)).total).toBe(7);
  });
});

describe('refusals: nothing changes (docs/duplicates-and-merge.md, rule 6)', async () => {
  const a = await buildCustomer(t, { name: '拒绝甲' });
  const b = await buildCustomer(t, { name: '拒绝乙' });
  const lost = await buildCustomer(t, { name: '拒绝已流失', status: 'lost' });
  const other = await buildCustomer(t, { name: '拒绝范围外', manager: 'manager2' });
  const gone = await buildCustomer(t, { name: '拒绝已合并' });
  const into = await buildCustomer(t, { name: '拒绝存续' });
  ok(await director.post(`/customers/${into.id}/merge`, { sourceIds: [gone.id] }));

  // a director who sees only their department's customers, allowed to merge
  const regionalClient = await departmentMerger(t, admin, 'mergereg');

  it.each([
    ['into itself', () => director.post(`/customers/${a.id}/merge`, { sourceIds: [a.id] }), 400, 'VALIDATION_FAILED'],
    [
      'a source twice',
      () => director.post(`/customers/${a.id}/merge`, { sourceIds: [b.id, b.id] }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a field from elsewhere',
      () => director.post(`/customers/${a.id}/merge`, { sourceIds: [b.id], fields: { name: other.id } }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an unknown source',
      () => director.post(`/customers/${a.id}/merge`, { sourceIds: [99_999_999] }),
      404,
      'NOT_FOUND',
    ],
    ['an unknown survivor', () => director.post(`/customers/99999999/merge`, { sourceIds: [a.id] }), 404, 'NOT_FOUND'],
    [
      'from a lost customer',
      () => director.post(`/customers/${a.id}/merge`, { sourceIds: [lost.id] }),
      409,
      'INVALID_STATE',
    ],
    [
      'into a lost customer',
      () => director.post(`/customers/${lost.id}/merge`, { sourceIds: [a.id] }),
      409,
      'INVALID_STATE',
    ],
    [
      'from a merged customer',
      () => director.post(`/customers/${a.id}/merge`, { sourceIds: [gone.id] }),
      409,
      'INVALID_STATE',
    ],
    [
      'into a merged customer',
      () => director.post(`/customers/${gone.id}/merge`, { sourceIds: [a.id] }),
      409,
      'INVALID_STATE',
    ],
    [
      'a source outside the scope',
      () => regionalClient.post(`/customers/${a.id}/merge`, { sourceIds: [other.id] }),
      404,
      'NOT_FOUND',
    ],
    [
      'a survivor outside the scope',
      () => regionalClient.post(`/customers/${other.id}/merge`, { sourceIds: [a.id] }),
      404,
      'NOT_FOUND',
    ],
    [
      'without customer.merge',
      () => manager1.post(`/customers/${a.id}/merge`, { sourceIds: [b.id] }),
      403,
      'FORBIDDEN',
    ],
  ])('refuses %s', async (_, call, status, code) => {
    const before = await fingerprint(t.database);
    const res = await call();
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(await fingerprint(t.database)).toBe(before);
  });

  it('names the field of a refused body', async () => {
    const res = await director.post(`/customers/${a.id}/merge`, { sourceIds: [a.id] });
    expect(errorPaths(res)).toEqual(['sourceIds']);
  });

  it('lets the department director merge two customers of the department', async () => {
    const x = await buildCustomer(t, { name: '范围内甲', manager: 'manager1' });
    const y = await buildCustomer(t, { name: '范围内乙', manager: 'manager1' });
    ok(await regionalClient.post(`/customers/${x.id}/merge`, { sourceIds: [y.id] }));
  });
});

describe('two merges racing (docs/duplicates-and-merge.md, rule 6)', () => {
  it('over the same customers in opposite directions: one wins, the other is refused, no deadlock', async () => {
    const x = await buildCustomer(t, { name: '竞争甲' });
    const y = await buildCustomer(t, { name: '竞争乙' });
    const z = await buildCustomer(t, { name: '竞争丙' });
    const results = await Promise.all([
      director.post(`/customers/${x.id}/merge`, { sourceIds: [y.id, z.id] }),
      director.post(`/customers/${z.id}/merge`, { sourceIds: [y.id, x.id] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const statuses = await t.database.query<{ status: string }>(
      "select status from customers where id = any($1::int[]) and status = 'normal'",
      [[x.id, y.id, z.id]],
    );
    expect(statuses).toHaveLength(1);
    expect(
      await count(t, 'select count(*)::int as n from customer_number_aliases where number = any($1::text[])', [
        [x.number, y.number, z.number],
      ]),
    ).toBe(2);
  });
});

keptTotalsHold('risk', () => t);
keptTotalsHold('service', () => t);
keptTotalsHold('service department month', () => t);
keptTotalsHold('manager sales', () => t);
