import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildCustomer, signIn } from '../../test/factories.ts';

let t: TestApp;
let m1: Client, m2: Client, director: Client, executive: Client;
let mine: { id: number }, others: { id: number }, lost: { id: number };

const contactBody = {
  name: '王建国',
  sex: 'male',
  position: '采购部经理',
  officePhone: '010-66668888',
  mobile: '13900001111',
};
const activityBody = {
  date: '2026-03-15',
  place: '客户总部会议室',
  summary: '年度采购框架协议洽谈',
  details: '对方希望二季度追加电视机订单',
};
const rowCount = async (table: string) =>
  (await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  [m1, m2, director, executive] = await signIn(t, 'manager1', 'manager2', 'director', 'executive');
  mine = await buildCustomer(t, { manager: 'manager1' });
  others = await buildCustomer(t, { manager: 'manager2' });
  lost = await buildCustomer(t, { manager: 'manager1', status: 'lost' });
});
afterAll(() => t.close());

describe('contacts (docs/product.md#contacts)', () => {
  it('lets the responsible manager add, edit and delete a contact', async () => {
    const added = await m1.post(`/customers/${mine.id}/contacts`, contactBody);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ ...contactBody, note: null });
    const edited = await m1.patch(`/customers/${mine.id}/contacts/${added.body.id}`, {
      position: '副总经理',
      note: '',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ position: '副总经理', note: null, name: '王建国' });
    const list = await executive.get(`/customers/${mine.id}/contacts`);
    expect(list.body).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ id: added.body.id, position: '副总经理' })],
    });
    expect((await m1.delete(`/customers/${mine.id}/contacts/${added.body.id}`)).status).toBe(204);
    expect((await m1.get(`/customers/${mine.id}/contacts`)).body.total).toBe(0);
    const audits = await t.database.query<{ action: string }>(
      `select action from audit_log where entity = 'contact' order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('requires name, sex, position and office phone, and refuses emptying them', async () => {
    const res = await m1.post(`/customers/${mine.id}/contacts`, { name: '李四' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'officePhone',
      'position',
      'sex',
    ]);
    expect((await m1.post(`/customers/${mine.id}/contacts`, { ...contactBody, sex: 'other' })).status).toBe(400);
    expect((await m1.post(`/customers/${mine.id}/contacts`, { ...contactBody, id: 5 })).status).toBe(400);
    const c = (await m1.post(`/customers/${mine.id}/contacts`, contactBody)).body;
    expect(
      (await m1.patch(`/customers/${mine.id}/contacts/${c.id}`, { officePhone: ' ' })).body.error.details[0].path,
    ).toBe('officePhone');
    expect((await m1.patch(`/customers/${mine.id}/contacts/${c.id}`, {})).status).toBe(400);
  });

  it('refuses another manager (403) and lets a director act on any customer', async () => {
    const before = await rowCount('contacts');
    expect((await m2.post(`/customers/${mine.id}/contacts`, contactBody)).status).toBe(403);
    expect((await executive.post(`/customers/${mine.id}/contacts`, contactBody)).status).toBe(403);
    expect(await rowCount('contacts')).toBe(before);
    const byDirector = await director.post(`/customers/${others.id}/contacts`, contactBody);
    expect(byDirector.status).toBe(201);
    expect((await m1.patch(`/customers/${others.id}/contacts/${byDirector.body.id}`, { name: '改' })).status).toBe(403);
    expect((await m1.delete(`/customers/${others.id}/contacts/${byDirector.body.id}`)).status).toBe(403);
    expect(await rowCount('contacts')).toBe(before + 1);
  });

  it('answers 404 for another customer’s contact reached through this customer', async () => {
    const theirs = (await m2.post(`/customers/${others.id}/contacts`, contactBody)).body;
    expect((await m1.patch(`/customers/${mine.id}/contacts/${theirs.id}`, { name: '偷改' })).status).toBe(404);
    expect((await m1.delete(`/customers/${mine.id}/contacts/${theirs.id}`)).status).toBe(404);
    expect((await director.delete(`/customers/${mine.id}/contacts/${theirs.id}`)).status).toBe(404);
    expect((await m1.get('/customers/999999/contacts')).status).toBe(404);
    expect((await m1.post('/customers/999999/contacts', contactBody)).status).toBe(404);
  });

  it('keeps the contacts of a lost customer read-only', async () => {
    const res = await m1.post(`/customers/${lost.id}/contacts`, contactBody);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect((await director.post(`/customers/${lost.id}/contacts`, contactBody)).status).toBe(409);
    await t.database.query(`insert into contacts (customer_id, name) values ($1, '旧联系人')`, [lost.id]);
    const [old] = await t.database.query<{ id: number }>('select id from contacts where customer_id = $1', [lost.id]);
    expect((await m1.patch(`/customers/${lost.id}/contacts/${old!.id}`, { name: '新' })).status).toBe(409);
    expect((await m1.delete(`/customers/${lost.id}/contacts/${old!.id}`)).status).toBe(409);
  });

  it('needs a session', async () => {
    expect((await t.anonymous().get(`/customers/${mine.id}/contacts`)).status).toBe(401);
    expect((await t.anonymous().post(`/customers/${mine.id}/contacts`, contactBody)).status).toBe(401);
  });
});

describe('interaction records (docs/product.md#interaction-records)', () => {
  it('lets the responsible manager record, edit and delete them; newest first', async () => {
    const a = await m1.post(`/customers/${mine.id}/activities`, activityBody);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ ...activityBody, note: null });
    const b = await m1.post(`/customers/${mine.id}/activities`, {
      ...activityBody,
      date: '2026-04-01',
      summary: '回访',
    });
    const list = await executive.get(`/customers/${mine.id}/activities`);
    expect(list.body.items.map((x: { id: number }) => x.id)).toEqual([b.body.id, a.body.id]);
    const edited = await m1.patch(`/customers/${mine.id}/activities/${a.body.id}`, {
      place: '线上会议',
      details: null,
    });
    expect(edited.body).toMatchObject({ place: '线上会议', details: null, summary: activityBody.summary });
    expect((await m1.delete(`/customers/${mine.id}/activities/${a.body.id}`)).status).toBe(204);
    expect((await m1.get(`/customers/${mine.id}/activities`)).body.total).toBe(1);
  });

  it('requires date, place and summary, and a real date', async () => {
    const res = await m1.post(`/customers/${mine.id}/activities`, { details: 'x' });
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['date', 'place', 'summary']);
    expect((await m1.post(`/customers/${mine.id}/activities`, { ...activityBody, date: '2026-02-30' })).status).toBe(
      400,
    );
    const a = (await m1.post(`/customers/${mine.id}/activities`, activityBody)).body;
    expect(
      (await m1.patch(`/customers/${mine.id}/activities/${a.id}`, { summary: '' })).body.error.details[0].path,
    ).toBe('summary');
  });

  it('refuses another manager, another customer’s record, and a lost customer', async () => {
    const a = (await m1.post(`/customers/${mine.id}/activities`, activityBody)).body;
    expect((await m2.patch(`/customers/${mine.id}/activities/${a.id}`, { place: 'x' })).status).toBe(403);
    expect((await m2.delete(`/customers/${mine.id}/activities/${a.id}`)).status).toBe(403);
    expect((await m2.patch(`/customers/${others.id}/activities/${a.id}`, { place: 'x' })).status).toBe(404);
    expect((await m1.post(`/customers/${lost.id}/activities`, activityBody)).status).toBe(409);
    expect((await director.patch(`/customers/${mine.id}/activities/${a.id}`, { place: '主管改' })).status).toBe(200);
  });
});
