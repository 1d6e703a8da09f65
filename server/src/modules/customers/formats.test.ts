import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { localDay } from '../../platform/calendar.ts';
import { buildCustomer, userId } from '../../test/factories.ts';

/** Issue 14, item 4: phones, postcodes, websites and dates of interaction records are checked by the API too. */
let t: TestApp;
let m1: Client;
let customerBody: Record<string, unknown>;
let mine: { id: number };

const DAY = 24 * 60 * 60 * 1000;
const pathsOf = (res: { body: { error?: { details?: { path: string }[] } } }) =>
  (res.body.error?.details ?? []).map((d) => d.path).sort();

beforeAll(async () => {
  t = await createTestApp();
  m1 = await t.login('manager1');
  const [region] = await t.database.query<{ id: number }>(`select id from dictionary_entries where type = 'region'`);
  const [level] = await t.database.query<{ id: number }>(
    `select id from dictionary_entries where type = 'customerLevel'`,
  );
  customerBody = {
    name: '格式检查有限公司',
    regionId: region!.id,
    levelId: level!.id,
    managerId: await userId(t, 'manager1'),
    satisfaction: 3,
    credit: 3,
  };
  mine = await buildCustomer(t, { manager: 'manager1' });
});
afterAll(() => t.close());

describe('customer formats', () => {
  it('refuses a phone, fax, postcode or website that is not one, naming each field, and writes nothing', async () => {
    const before = (await t.database.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n;
    const res = await m1.post('/customers', {
      ...customerBody,
      phone: 'abc',
      fax: '传真123',
      postcode: 'abcdefgh',
      website: 'not a url',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(pathsOf(res)).toEqual(['fax', 'phone', 'postcode', 'website']);
    expect(res.body.error.details.find((d: { path: string }) => d.path === 'postcode').message).toMatch(/6 digits/);
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n).toBe(before);
    for (const postcode of ['10008', '1000800', '10008a']) {
      expect(pathsOf(await m1.post('/customers', { ...customerBody, postcode }))).toEqual(['postcode']);
    }
  });

  it('accepts phones with + - ( ) spaces and an extension, and adds the scheme a website lacks', async () => {
    const res = await m1.post('/customers', {
      ...customerBody,
      phone: '+86 (010) 6851-2345 转 8001',
      fax: '010-68512346 ext. 12',
      postcode: '100080',
      website: 'www.example.com.cn/about',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phone: '+86 (010) 6851-2345 转 8001',
      fax: '010-68512346 ext. 12',
      postcode: '100080',
      website: 'http://www.example.com.cn/about',
    });
    const kept = await m1.post('/customers', { ...customerBody, website: 'https://例子.中国' });
    expect(kept.body.website).toBe('https://例子.中国');
  });

  it('checks the same formats on an edit', async () => {
    const c = (await m1.get(`/customers/${mine.id}`)).body;
    const res = await m1.patch(`/customers/${mine.id}`, { version: c.version, phone: 'abc', website: 'http://' });
    expect(pathsOf(res)).toEqual(['phone', 'website']);
    expect((await m1.get(`/customers/${mine.id}`)).body.version).toBe(c.version);
    const ok = await m1.patch(`/customers/${mine.id}`, { version: c.version, website: 'crm.example.com' });
    expect(ok.body.website).toBe('http://crm.example.com');
  });
});

describe('contact formats', () => {
  const contact = { name: '王建国', sex: 'male', position: '采购部经理', officePhone: '010-66668888' };

  it('refuses an office phone and a mobile that are not one', async () => {
    const res = await m1.post(`/customers/${mine.id}/contacts`, {
      ...contact,
      officePhone: '电话号码xyz',
      mobile: '123',
    });
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toEqual(['mobile', 'officePhone']);
    for (const mobile of ['12912345678', '1391234567', '139123456789', '+86 12912345678', '+1', 'abc13912345678']) {
      expect(pathsOf(await m1.post(`/customers/${mine.id}/contacts`, { ...contact, mobile })), mobile).toEqual([
        'mobile',
      ]);
    }
  });

  it('accepts mainland mobiles with or without +86, and other countries’ mobiles with their code', async () => {
    for (const mobile of ['13912345678', '+8613912345678', '+86 19912345678', '+44 7700 900123', '+1-415-555-2671']) {
      const res = await m1.post(`/customers/${mine.id}/contacts`, { ...contact, mobile });
      expect(res.status, mobile).toBe(201);
      expect(res.body.mobile).toBe(mobile);
    }
    const c = (await m1.post(`/customers/${mine.id}/contacts`, contact)).body;
    expect(pathsOf(await m1.patch(`/customers/${mine.id}/contacts/${c.id}`, { mobile: '123' }))).toEqual(['mobile']);
  });
});

describe('opportunity formats', () => {
  const opportunity = { customerName: '格式公司', successRate: 50, summary: '采购', description: '说明' };

  it('refuses a contact phone that is not one, on create and on edit', async () => {
    const res = await m1.post('/opportunities', { ...opportunity, contactPhone: 'abc-phone!!' });
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toEqual(['contactPhone']);
    const o = (await m1.post('/opportunities', { ...opportunity, contactPhone: '(021) 6677-8899' })).body;
    expect(o.contactPhone).toBe('(021) 6677-8899');
    expect(pathsOf(await m1.patch(`/opportunities/${o.id}`, { version: o.version, contactPhone: 'x' }))).toEqual([
      'contactPhone',
    ]);
    expect((await m1.patch(`/opportunities/${o.id}`, { version: o.version, contactPhone: null })).status).toBe(200);
  });

  it('refuses a success rate above 100 with a message rather than storing 100', async () => {
    const res = await m1.post('/opportunities', { ...opportunity, successRate: 150 });
    expect(res.status).toBe(400);
    expect(pathsOf(res)).toEqual(['successRate']);
    expect(res.body.error.details[0].message).toMatch(/100/);
  });
});

describe('dates of interaction records', () => {
  const activity = { place: '客户总部', summary: '回访' };

  it('refuses a date after today by the server’s clock, and accepts today', async () => {
    const tomorrow = localDay(new Date(t.clock.now.getTime() + DAY));
    const refused = await m1.post(`/customers/${mine.id}/activities`, { ...activity, date: tomorrow });
    expect(refused.status).toBe(400);
    expect(pathsOf(refused)).toEqual(['date']);
    const today = await m1.post(`/customers/${mine.id}/activities`, { ...activity, date: localDay(t.clock.now) });
    expect(today.status).toBe(201);
    expect(pathsOf(await m1.patch(`/customers/${mine.id}/activities/${today.body.id}`, { date: tomorrow }))).toEqual([
      'date',
    ]);
    // a day later by the server's clock, the same date is today (a new session: the old one has timed out)
    t.clock.advance(DAY);
    const later = await t.login('manager1');
    expect((await later.patch(`/customers/${mine.id}/activities/${today.body.id}`, { date: tomorrow })).status).toBe(
      200,
    );
  });
});
