import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildCustomer, buildService, dictionaryId, signIn, userId } from '../../test/factories.ts';

let t: TestApp;
let manager1: Client, manager2: Client, director: Client;
const made: Record<string, { id: number; number: string }> = {};

/** Local calendar day of the app clock, as the filters read `createdFrom` / `createdTo`. */
const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
let firstDay: string;
let lastDay: string;

beforeAll(async () => {
  t = await createTestApp();
  [manager1, manager2, director] = await signIn(t, 'manager1', 'manager2', 'director');
  const other = await buildCustomer(t, { name: '上海乙贸易公司', manager: 'manager2', bare: true });
  firstDay = day(t.clock.now);
  made.old = await buildService(t, { status: 'archived', summary: '年度维护咨询', type: '咨询' });
  // the next services are created on later days (sessions stay alive: each step signs in again)
  const laterDay = async () => {
    t.clock.now = new Date(t.clock.now.getFullYear(), t.clock.now.getMonth(), t.clock.now.getDate() + 2, 10);
    [manager1, manager2, director] = await signIn(t, 'manager1', 'manager2', 'director');
  };
  await laterDay();
  made.complaint = await buildService(t, {
    status: 'handled',
    summary: '发货延迟投诉',
    type: '投诉',
    customerId: other.id,
    assignee: 'manager2',
  });
  await laterDay();
  made.idea = await buildService(t, { status: 'new', summary: '建议增加夜间热线', type: '建议', by: manager2 });
  made.mine = await buildService(t, { status: 'assigned', summary: '安装调试', type: '咨询' });
  lastDay = day(t.clock.now);
});
afterAll(() => t.close());

const ids = (res: { body: { items: { id: number }[] } }) => res.body.items.map((i) => i.id);

describe('archive search (docs/product.md#customer-service, rule 5)', () => {
  it('lists every service to managers and directors, newest first, paginated', async () => {
    const all = await manager2.get('/services');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
    expect(ids(all)).toEqual([made.mine!.id, made.idea!.id, made.complaint!.id, made.old!.id]);
    expect(all.body.items[0]).toMatchObject({
      summary: '安装调试',
      type: '咨询',
      status: 'assigned',
      customer: { name: '北京甲科技有限公司' },
    });
    expect(all.body.items[0].history).toBeUndefined();
    const page2 = await director.get('/services?page=2&pageSize=3');
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(ids(page2)).toEqual([made.old!.id]);
  });

  it('filters by status, type, customer, summary and creation date range', async () => {
    const get = async (query: string) => ids(await director.get(`/services?${query}`));
    expect(await get('status=archived')).toEqual([made.old!.id]);
    expect(await get('status=new')).toEqual([made.idea!.id]);
    expect(await get(`typeId=${await dictionaryId(t, 'serviceType', '投诉')}`)).toEqual([made.complaint!.id]);
    expect(await get(`customerName=${encodeURIComponent('乙贸易')}`)).toEqual([made.complaint!.id]);
    expect(await get(`summary=${encodeURIComponent('咨询')}`)).toEqual([made.old!.id]);
    expect(await get(`summary=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await get(`createdFrom=${lastDay}`)).toEqual([made.mine!.id, made.idea!.id]);
    expect(await get(`createdTo=${firstDay}`)).toEqual([made.old!.id]);
    expect(await get(`createdFrom=${firstDay}&createdTo=${firstDay}`)).toEqual([made.old!.id]);
    expect(
      await get(
        `status=assigned&typeId=${await dictionaryId(t, 'serviceType', '咨询')}&customerName=${encodeURIComponent('甲科技')}&createdFrom=${firstDay}&createdTo=${lastDay}`,
      ),
    ).toEqual([made.mine!.id]);
  });

  it('gives each manager their own assigned and handled work with assignee=me', async () => {
    expect(ids(await manager1.get('/services?assignee=me'))).toEqual([made.mine!.id, made.old!.id]);
    expect(ids(await manager2.get('/services?assignee=me&status=handled'))).toEqual([made.complaint!.id]);
    expect(ids(await director.get('/services?assignee=me'))).toEqual([]);
  });

  it('refuses bad filters with the field named', async () => {
    for (const [query, path] of [
      ['status=closed', 'status'],
      ['createdFrom=2025-13-01', 'createdFrom'],
      ['typeId=abc', 'typeId'],
      ['pageSize=101', 'pageSize'],
      ['assignee=someone', 'assignee'],
      [`createdFrom=${lastDay}&createdTo=${firstDay}`, 'createdTo'],
    ]) {
      const res = await director.get(`/services?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details[0].path, query).toBe(path);
    }
  });

  it('opens one service read-only with its whole history', async () => {
    const res = await manager1.get(`/services/${made.complaint!.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      number: made.complaint!.number,
      status: 'handled',
      customer: { name: '上海乙贸易公司' },
      handledBy: { id: await userId(t, 'manager2') },
    });
    expect(res.body.history.map((e: { kind: string }) => e.kind)).toEqual(['created', 'assigned', 'handled']);
    expect((await manager1.get('/services/999999')).status).toBe(404);
    expect((await manager1.get('/services/abc')).status).toBe(400);
  });

  it('is closed to callers without service.read: executives, administrators, anonymous', async () => {
    expect((await t.anonymous().get('/services')).status).toBe(401);
    expect((await (await t.login('executive')).get('/services')).status).toBe(403);
    const admin = await t.login('admin');
    expect((await admin.get('/services')).status).toBe(403);
    expect((await admin.get(`/services/${made.old!.id}`)).status).toBe(403);
  });
});
