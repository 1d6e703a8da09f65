import { describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildOpportunity,
  buildOrder,
  buildService,
  dictionaryId,
  insertChurnWarning,
  installSalesSchema,
  ok,
  testApp,
  userId,
} from '../../test/factories.ts';

const { t, admin, director, manager1, manager2 } = await testApp('admin', 'director', 'manager1', 'manager2');

type Item = {
  at: string;
  kind: string;
  event: string;
  title: string;
  detail: string | null;
  ref: { type: string; id: number };
  by: string | null;
  fields?: string[];
};
type Answer = { items: Item[]; nextBefore: string | null; salesUnavailable: boolean };
const timeline = async (who: typeof director, id: number, query = '') =>
  ok(await who.get(`/customers/${id}/timeline${query}`)) as Answer;

/** Every page, following nextBefore. */
async function allPages(who: typeof director, id: number, limit: number) {
  const items: Item[] = [];
  let before: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await timeline(who, id, `?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`);
    items.push(...page.items);
    before = page.nextBefore;
    if (!before) break;
  }
  return items;
}

// a customer with one of each kind, made through the API where the API makes it
const succeeded = (await buildOpportunity(t, {
  status: 'succeeded',
  customerName: '动态测试客户有限公司',
})) as unknown as {
  opportunity: { id: number };
  customer: { id: number; number: string };
};
const opportunity = succeeded.opportunity;
const { id: customerId, number: customerNo } = succeeded.customer;
ok(
  await manager1.post(`/customers/${customerId}/activities`, {
    date: '2026-01-05',
    place: '客户公司',
    summary: '上门拜访',
  }),
  201,
);
await buildService(t, { customerId, status: 'archived', summary: '安装调试' });
const warningId = await insertChurnWarning(t, { customerId, manager: 'manager1', status: 'warning' });
ok(await manager1.post(`/churn-warnings/${warningId}/measures`, { text: '电话回访，了解需求' }), 201);
const complete = {
  regionId: await dictionaryId(t, 'region'),
  levelId: await dictionaryId(t, 'customerLevel'),
  satisfaction: 3,
  credit: 3,
};
ok(await manager1.patch(`/customers/${customerId}`, { version: 1, ...complete }));
ok(await manager1.patch(`/customers/${customerId}`, { version: 2, address: '上海市浦东新区', fax: '021-66778899' }));
ok(await manager1.post(`/customers/${customerId}/release`, { reason: '暂不跟进' }));

describe('a customer’s timeline (docs/timeline.md)', () => {
  it('without the sales system answers everything else, newest first, and says so', async () => {
    const page = await timeline(director, customerId, '?limit=100');
    expect(page.salesUnavailable).toBe(true);
    const kinds = new Set(page.items.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(['activity', 'change', 'churn', 'opportunity', 'pool', 'service']);
    const ats = page.items.map((i) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
  });

  it('has each kind with its event, its text and a reference to open', async () => {
    const { items } = await timeline(director, customerId, '?limit=100');
    const events = items.map((i) => i.event);
    expect(events).toEqual(
      expect.arrayContaining([
        'activity',
        'service.created',
        'service.assigned',
        'service.handled',
        'service.feedback',
        'churn.warning',
        'churn.measure',
        'opportunity.created',
        'opportunity.assigned',
        'opportunity.succeeded',
        'pool.released',
        'change.create',
        'change.update',
      ]),
    );
    expect(items.find((i) => i.event === 'activity')).toMatchObject({
      title: '上门拜访',
      detail: '客户公司 · 2026-01-05',
      ref: { type: 'activity' },
    });
    expect(items.find((i) => i.event === 'service.created')).toMatchObject({
      title: '安装调试',
      ref: { type: 'service' },
    });
    expect(items.find((i) => i.event === 'churn.measure')).toMatchObject({
      detail: '电话回访，了解需求',
      ref: { type: 'churnWarning', id: warningId },
    });
    expect(items.find((i) => i.event === 'opportunity.succeeded')).toMatchObject({
      ref: { type: 'opportunity', id: opportunity.id },
    });
    expect(items.find((i) => i.event === 'pool.released')).toMatchObject({ detail: '暂不跟进' });
    const change = items.filter((i) => i.event === 'change.update')[0]!; // the newest: address and fax
    expect(change.fields).toEqual(['address', 'fax']);
    expect(change.by).toBeTruthy();
  });

  it('shows the counted orders from the sales system once it is there, and only counted ones', async () => {
    await installSalesSchema(t.database);
    await buildOrder(t, customerNo, '2026-02-01');
    await buildOrder(t, customerNo, '2026-02-02', 2); // not counted
    const page = await timeline(director, customerId, '?limit=100');
    expect(page.salesUnavailable).toBe(false);
    const orders = page.items.filter((i) => i.kind === 'order');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ at: '2026-02-01T00:00:00.000Z', ref: { type: 'order' } });
  });

  it('pages by `before` across events at the same instant without losing or repeating one', async () => {
    const c = await buildCustomer(t, { name: '同一时刻客户', manager: 'manager1' });
    // 25 interaction records written in the same instant, plus an order at the same instant
    await t.database.query(
      `insert into activities (customer_id, date, place, summary, created_at)
       select $1, '2026-03-01', '北京', '同时拜访' || g, '2026-03-01T08:00:00Z' from generate_series(1, 25) g`,
      [c.id],
    );
    await t.database.query(`update customers set created_at = created_at where id = $1`, [c.id]);
    const whole = await timeline(director, c.id, '?limit=100');
    for (const limit of [1, 3, 7]) {
      const paged = await allPages(director, c.id, limit);
      expect(paged.map((i) => `${i.kind}:${i.ref.id}:${i.event}:${i.title}`)).toEqual(
        whole.items.map((i) => `${i.kind}:${i.ref.id}:${i.event}:${i.title}`),
      );
    }
    expect(whole.items.filter((i) => i.kind === 'activity')).toHaveLength(25);
    expect(new Set(whole.items.map((i) => i.title)).size).toBe(whole.items.length - 0);
    // an instant as `before`: only what is strictly earlier
    const earlier = await timeline(director, c.id, '?before=2026-03-01T08:00:00.000Z&limit=100');
    expect(earlier.items.every((i) => i.at < '2026-03-01T08:00:00.000Z')).toBe(true);
  });

  it('keeps each family inside the reader’s scope, and a customer outside it is 404', async () => {
    // opportunities are `self` for managers: manager2 does not see manager1's opportunity in the feed
    const m1 = await userId(t, 'manager1');
    await t.database.query(
      `update customers set manager_id = $2, pool_entered_at = null, pool_reason = null where id = $1`,
      [customerId, m1],
    );
    const seen = await timeline(manager2, customerId, '?limit=100');
    expect(seen.items.some((i) => i.kind === 'opportunity')).toBe(false);
    expect(seen.items.some((i) => i.kind === 'churn')).toBe(false);
    expect((await timeline(manager1, customerId, '?limit=100')).items.some((i) => i.kind === 'opportunity')).toBe(true);
    expect((await admin.get(`/customers/${customerId}/timeline`)).status).toBe(403);
    expect((await director.get(`/customers/999999/timeline`)).status).toBe(404);
  });

  it.each(['?limit=0', '?limit=101', '?limit=x', '?before=yesterday', '?before=2026-01-01T00:00:00Z~drop:table:1'])(
    'refuses %s with 400',
    async (query) => {
      const res = await director.get(`/customers/${customerId}/timeline${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    },
  );
});
