import { describe, expect, it } from 'vitest';
import {
  buildCustomer,
  buildPortalUser,
  buildService,
  count,
  DAY,
  dictionaryId,
  errorPaths,
  installSalesSchema,
  invitePortalContact,
  keptTotalsHold,
  ok,
  salesWriter,
  testApp,
  userId,
} from '../../test/factories.ts';
import { fingerprint } from '../../test/fingerprint.ts';

const { t, director, manager1, manager2 } = await testApp('director', 'manager1', 'manager2');
await installSalesSchema(t.database);

const P = '/api/portal/v1';
const consult = await dictionaryId(t, 'serviceType', '咨询');
const region = await dictionaryId(t, 'region');

/** Runs `act` and answers its answer, failing when the database changed. */
async function unchanged<T>(act: () => Promise<T>): Promise<T> {
  const before = await fingerprint(t.database);
  const answer = await act();
  expect(await fingerprint(t.database)).toBe(before);
  return answer;
}

describe('invitations (docs/portal.md#accounts)', () => {
  it('gives the responsible manager a one-time link for 7 days, keeps only its hash, and lists the contact as invited', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const invitation = await invitePortalContact(t, { customerId: c.id, by: manager1 });
    expect(invitation.inviteUrl).toMatch(/^http:\/\/[^/]+\/portal\/accept#[\w-]{43}$/);
    expect(invitation.inviteUrl.endsWith(`#${invitation.token}`)).toBe(true);
    expect(Date.parse(invitation.expiresAt) - t.clock.now.getTime()).toBe(7 * DAY);
    const [stored] = await t.database.query<{ invite_token_hash: string }>(
      'select invite_token_hash from portal_accounts where contact_id = $1',
      [invitation.contactId],
    );
    expect(stored!.invite_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.invite_token_hash).not.toContain(invitation.token);
    const contacts = ok(await manager1.get(`/customers/${c.id}/contacts`));
    const listed = contacts.items.find((k: { id: number }) => k.id === invitation.contactId);
    expect(listed.portalAccess).toEqual({ status: 'invited', username: null, expiresAt: invitation.expiresAt });
    expect(
      await count(t, `select count(*) as n from audit_log where entity = 'portalAccess' and action = 'invite'`),
    ).toBe(1);
  });

  it('refuses another manager (403) and a customer outside the reader (404), writing nothing', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const { contactId } = await invitePortalContact(t, { customerId: c.id, by: manager1 });
    await manager1.delete(`/customers/${c.id}/contacts/${contactId}/portal-access`);
    const res = await unchanged(() => manager2.post(`/customers/${c.id}/contacts/${contactId}/portal-access`));
    expect(res.status).toBe(403);
    const other = await buildCustomer(t, { manager: 'manager2' });
    const wrong = await unchanged(() => manager1.post(`/customers/${other.id}/contacts/${contactId}/portal-access`));
    expect(wrong.status).toBe(404);
  });

  it('replaces an invitation not accepted yet, and refuses one for a contact with access (409)', async () => {
    const c = await buildCustomer(t);
    const first = await invitePortalContact(t, { customerId: c.id });
    const second = await invitePortalContact(t, { customerId: c.id, contactId: first.contactId });
    const old = await unchanged(() =>
      t.anonymous().post(`${P}/auth/accept`, { token: first.token, username: 'old-link', password: 'portal-pass-1' }),
    );
    expect(old.body.error.code).toBe('INVITATION_INVALID');
    ok(
      await t
        .anonymous()
        .post(`${P}/auth/accept`, { token: second.token, username: 'new-link', password: 'portal-pass-1' }),
      201,
    );
    const again = await unchanged(() => director.post(`/customers/${c.id}/contacts/${first.contactId}/portal-access`));
    expect(again.status).toBe(409);
  });

  it('refuses an invitation for a lost customer (409 INVALID_STATE)', async () => {
    const c = await buildCustomer(t, { status: 'lost' });
    const [k] = await t.database.query<{ id: number }>(
      `insert into contacts (customer_id, name) values ($1, '流失客户联系人') returning id`,
      [c.id],
    );
    const res = await unchanged(() => director.post(`/customers/${c.id}/contacts/${k!.id}/portal-access`));
    expect(res.body.error.code).toBe('INVALID_STATE');
  });
});

describe('accepting and signing in (docs/portal.md#accounts, #sessions)', () => {
  it('refuses a forged, an expired and a reused token, and a taken username, writing nothing', async () => {
    const c = await buildCustomer(t);
    const forged = await unchanged(() =>
      t.anonymous().post(`${P}/auth/accept`, { token: 'x'.repeat(43), username: 'forger', password: 'portal-pass-1' }),
    );
    expect([forged.status, forged.body.error.code]).toEqual([400, 'INVITATION_INVALID']);

    const late = await invitePortalContact(t, { customerId: c.id });
    t.clock.advance(7 * DAY + 1000);
    try {
      const expired = await unchanged(() =>
        t.anonymous().post(`${P}/auth/accept`, { token: late.token, username: 'late1', password: 'portal-pass-1' }),
      );
      expect([expired.status, expired.body.error.code]).toEqual([400, 'INVITATION_EXPIRED']);
    } finally {
      t.clock.advance(-(7 * DAY + 1000));
    }

    const taken = await buildPortalUser(t, { customerId: c.id, username: 'Taken.Name' });
    const other = await invitePortalContact(t, { customerId: c.id });
    const clash = await unchanged(() =>
      t.anonymous().post(`${P}/auth/accept`, { token: other.token, username: 'taken.name', password: 'portal-pass-1' }),
    );
    expect([clash.status, errorPaths(clash)]).toEqual([409, ['username']]);

    expect(taken.username).toBe('Taken.Name');
  });

  it('refuses a reused link once accepted', async () => {
    const c = await buildCustomer(t);
    const invitation = await invitePortalContact(t, { customerId: c.id });
    ok(
      await t
        .anonymous()
        .post(`${P}/auth/accept`, { token: invitation.token, username: 'once-only', password: 'portal-pass-1' }),
      201,
    );
    const second = await unchanged(() =>
      t.anonymous().post(`${P}/auth/accept`, { token: invitation.token, username: 'twice', password: 'portal-pass-1' }),
    );
    expect(second.body.error.code).toBe('INVITATION_INVALID');
  });

  it('applies the staff password rules and hashing', async () => {
    const c = await buildCustomer(t);
    const invitation = await invitePortalContact(t, { customerId: c.id });
    const short = await unchanged(() =>
      t.anonymous().post(`${P}/auth/accept`, { token: invitation.token, username: 'shorty', password: 'short' }),
    );
    expect([short.status, errorPaths(short)]).toEqual([400, ['password']]);
    const user = await buildPortalUser(t, { customerId: c.id });
    const [row] = await t.database.query<{ password_hash: string }>(
      'select password_hash from portal_accounts where contact_id = $1',
      [user.contactId],
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('signs in with its own cookie on /api/portal, and out', async () => {
    const c = await buildCustomer(t);
    const user = await buildPortalUser(t, { customerId: c.id });
    const client = t.anonymous();
    const res = await client.post(`${P}/auth/login`, {
      username: user.username.toUpperCase(),
      password: user.password,
    });
    expect(res.status).toBe(200);
    expect(res.body.customer).toEqual({ id: c.id, number: c.number, name: c.name });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^crm_portal=/);
    expect(cookie).toContain('Path=/api/portal');
    expect(cookie).toContain('HttpOnly');
    expect(ok(await client.get(`${P}/me`)).canFile).toBe(true);
    expect((await client.post(`${P}/auth/logout`)).status).toBe(204);
    expect((await client.get(`${P}/me`)).status).toBe(401);
    const wrong = await t.anonymous().post(`${P}/auth/login`, { username: user.username, password: 'wrong-password' });
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('limits portal sign-in in counters of its own', async () => {
    const address = '10.20.30.40';
    for (let i = 0; i < 5; i++) {
      const res = await t.anonymous(address).post(`${P}/auth/login`, { username: 'manager1', password: 'wrong-pass' });
      expect(res.status).toBe(401);
    }
    const limited = await t
      .anonymous(address)
      .post(`${P}/auth/login`, { username: 'manager1', password: 'wrong-pass' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // the staff sign-in of the same name from the same address is not slowed down
    const staff = await t.anonymous(address).post('/auth/login', { username: 'manager1', password: 'demo1234' });
    expect(staff.status).toBe(200);
  });

  it('keeps staff and portal sessions apart both ways', async () => {
    const c = await buildCustomer(t);
    const user = await buildPortalUser(t, { customerId: c.id });
    const portalToken = user.client.cookie.replace('crm_portal=', '');
    // a portal session opens no staff route, whatever cookie it travels in
    expect((await user.client.get('/auth/me')).status).toBe(401);
    expect((await user.client.get('/auth/me', { cookie: `crm_session=${portalToken}` })).status).toBe(401);
    // a staff session opens no portal route
    const staffToken = manager1.cookie.replace('crm_session=', '');
    expect((await manager1.get(`${P}/me`)).status).toBe(401);
    expect((await manager1.get(`${P}/me`, { cookie: `crm_portal=${staffToken}` })).status).toBe(401);
    const bearer = await t.tokenClient('manager1');
    expect((await bearer.get(`${P}/services`)).status).toBe(401);
    // and an Authorization header does not let a portal session skip the CSRF header
    const sneaky = await user.client.get(`${P}/me`, { authorization: 'Bearer x' });
    expect(sneaky.status).toBe(401);
  });

  it('refuses a portal change without the CSRF header, writing nothing', async () => {
    const c = await buildCustomer(t);
    const user = await buildPortalUser(t, { customerId: c.id });
    const res = await unchanged(() =>
      user.client.post(
        `${P}/services`,
        { typeId: consult, summary: '无头请求', request: '无头请求' },
        { 'x-requested-with': '' },
      ),
    );
    expect([res.status, res.body.error.code]).toEqual([403, 'CSRF_REJECTED']);
  });
});

describe('requests (docs/portal.md#requests, #into-the-crm)', () => {
  it('files a new portal service that staff see with its source, and tells the customer’s manager', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const user = await buildPortalUser(t, { customerId: c.id, name: '李采购' });
    const filed = ok(
      await user.client.post(`${P}/services`, {
        typeId: consult,
        summary: '电视无法开机',
        request: '买的电视无法开机',
      }),
      201,
    );
    expect(filed).toMatchObject({
      status: 'new',
      source: 'portal',
      type: '咨询',
      requestedBy: { contactId: user.contactId, name: '李采购' },
      handledBy: null,
    });
    expect(Object.keys(filed)).not.toContain('assignee');
    const staffView = ok(await director.get(`/services/${filed.id}`));
    expect(staffView).toMatchObject({
      source: 'portal',
      createdBy: null,
      requestedBy: { contactId: user.contactId, name: '李采购' },
      customer: { id: c.id },
    });
    expect(staffView.history[0]).toMatchObject({
      kind: 'created',
      user: null,
      contact: { contactId: user.contactId, name: '李采购' },
    });
    const listed = ok(await director.get(`/services?summary=电视无法开机`));
    expect(listed.items[0].source).toBe('portal');
    const notes = ok(await manager1.get('/notifications?unread=true'));
    expect(notes.items[0]).toMatchObject({
      kind: 'portal.service',
      ref: { type: 'service', id: filed.id },
      params: { customerName: c.name, number: filed.number },
    });
    const [audit] = await t.database.query<{ user_id: number | null; after: { portalContact: unknown } }>(
      `select user_id, after from audit_log where entity = 'service' and entity_id = $1`,
      [String(filed.id)],
    );
    expect(audit).toMatchObject({ user_id: null, after: { portalContact: { id: user.contactId, name: '李采购' } } });
  });

  it('refuses a 5,000-character request, a type of another dictionary type and unknown fields, writing nothing', async () => {
    const c = await buildCustomer(t);
    const user = await buildPortalUser(t, { customerId: c.id });
    const long = await unchanged(() =>
      user.client.post(`${P}/services`, { typeId: consult, summary: '太长', request: '长'.repeat(5000) }),
    );
    expect([long.status, errorPaths(long)]).toEqual([400, ['request']]);
    const wrongType = await unchanged(() =>
      user.client.post(`${P}/services`, { typeId: region, summary: '类型不对', request: '类型不对' }),
    );
    expect([wrongType.status, errorPaths(wrongType)]).toEqual([400, ['typeId']]);
    const smuggled = await unchanged(() =>
      user.client.post(`${P}/services`, { typeId: consult, summary: 'x', request: 'x', customerId: 1 }),
    );
    expect(smuggled.status).toBe(400);
  });

  it('shows only the own company’s services and orders', async () => {
    const a = await buildCustomer(t);
    const b = await buildCustomer(t);
    const userA = await buildPortalUser(t, { customerId: a.id });
    const userB = await buildPortalUser(t, { customerId: b.id });
    const ofA = ok(
      await userA.client.post(`${P}/services`, { typeId: consult, summary: '甲的请求', request: '甲的请求' }),
      201,
    );
    const staffOfB = await buildService(t, { customerId: b.id, summary: '乙的员工记录' });
    expect((await userB.client.get(`${P}/services/${ofA.id}`)).status).toBe(404);
    expect((await userA.client.get(`${P}/services/${staffOfB.id}`)).status).toBe(404);
    const listB = ok(await userB.client.get(`${P}/services`));
    expect(listB.items.map((s: { id: number }) => s.id)).toEqual([staffOfB.id]);
    expect(listB.items[0]).toMatchObject({ source: 'staff', requestedBy: null });
    const feedback = await unchanged(() => userB.client.post(`${P}/services/${ofA.id}/feedback`, { satisfaction: 5 }));
    expect(feedback.status).toBe(404);

    const sales = salesWriter(t.database.query);
    const productId = await sales.product({ name: '幸福牌电视机' });
    const orderA = await sales.order({
      customerNo: a.number,
      date: '2026-03-01',
      lines: [{ productId, quantity: 2, unitPrice: 100 }],
    });
    const ordersA = ok(await userA.client.get(`${P}/orders`));
    expect(ordersA).toMatchObject({ total: 1, items: [{ id: orderA, amount: 200 }] });
    expect(ok(await userA.client.get(`${P}/orders/${orderA}`))).toMatchObject({ total: 200, lines: [{ quantity: 2 }] });
    expect(ok(await userB.client.get(`${P}/orders`)).total).toBe(0);
    expect((await userB.client.get(`${P}/orders/${orderA}`)).status).toBe(404);
    // the same shape as the staff's order history
    expect(ok(await manager1.get(`/customers/${a.id}/orders/${orderA}`))).toEqual(
      ok(await userA.client.get(`${P}/orders/${orderA}`)),
    );
  });

  it('takes feedback on a handled service only; below 3 stars sends it back to assigned, 5 archives it', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const user = await buildPortalUser(t, { customerId: c.id });
    const filed = ok(
      await user.client.post(`${P}/services`, { typeId: consult, summary: '报价', request: '请报价' }),
      201,
    );
    const early = await unchanged(() => user.client.post(`${P}/services/${filed.id}/feedback`, { satisfaction: 5 }));
    expect([early.status, early.body.error.code]).toEqual([409, 'INVALID_STATE']);

    const m1 = await userId(t, 'manager1');
    ok(await director.post(`/services/${filed.id}/assign`, { assigneeId: m1 }));
    ok(await manager1.post(`/services/${filed.id}/handle`, { handling: '已报价' }));
    const handled = ok(await user.client.get(`${P}/services/${filed.id}`));
    expect(handled).toMatchObject({
      status: 'handled',
      handling: '已报价',
      handledBy: { displayName: expect.any(String) },
    });
    expect(Object.keys(handled.handledBy)).toEqual(['displayName']);

    const unhappy = ok(
      await user.client.post(`${P}/services/${filed.id}/feedback`, { satisfaction: 2, result: '太贵' }),
    );
    expect(unhappy).toMatchObject({ status: 'assigned', satisfaction: 2, result: '太贵' });
    expect(ok(await manager1.get('/notifications?unread=true')).items[0]).toMatchObject({
      kind: 'service.dissatisfied',
      ref: { id: filed.id },
    });
    ok(await manager1.post(`/services/${filed.id}/handle`, { handling: '已打折' }));
    const happy = ok(await user.client.post(`${P}/services/${filed.id}/feedback`, { satisfaction: 5 }));
    expect(happy).toMatchObject({ status: 'archived', satisfaction: 5, result: null });
    const history = ok(await director.get(`/services/${filed.id}`)).history;
    expect(history.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'assigned',
      'handled',
      'feedback',
      'handled',
      'feedback',
    ]);
    const again = await unchanged(() => user.client.post(`${P}/services/${filed.id}/feedback`, { satisfaction: 1 }));
    expect(again.status).toBe(409);
    const stars = await unchanged(() => user.client.post(`${P}/services/${filed.id}/feedback`, { satisfaction: 6 }));
    expect(stars.status).toBe(400);
  });

  it('lets a lost customer’s contacts read but not file', async () => {
    const c = await buildCustomer(t);
    const user = await buildPortalUser(t, { customerId: c.id });
    const filed = ok(
      await user.client.post(`${P}/services`, { typeId: consult, summary: '流失前', request: '流失前' }),
      201,
    );
    await t.database.query(`update customers set status = 'lost' where id = $1`, [c.id]);
    expect(ok(await user.client.get(`${P}/me`)).canFile).toBe(false);
    expect(ok(await user.client.get(`${P}/services/${filed.id}`)).id).toBe(filed.id);
    const res = await unchanged(() =>
      user.client.post(`${P}/services`, { typeId: consult, summary: '流失后', request: '流失后' }),
    );
    expect([res.status, res.body.error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('tells nobody of a request of a customer in the pool, which still enters the CRM', async () => {
    const c = await buildCustomer(t);
    const user = await buildPortalUser(t, { customerId: c.id });
    await t.database.query(
      `update customers set manager_id = null, pool_entered_at = now(), pool_reason = 'new' where id = $1`,
      [c.id],
    );
    const before = await count(t, `select count(*) as n from notifications`);
    ok(await user.client.post(`${P}/services`, { typeId: consult, summary: '公海客户', request: '公海客户' }), 201);
    expect(await count(t, `select count(*) as n from notifications`)).toBe(before);
  });
});

describe('ending access (docs/portal.md#accounts, rule 3)', () => {
  it('revoking ends the contact’s sessions at once and shows no access', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const user = await buildPortalUser(t, { customerId: c.id });
    const second = t.anonymous();
    ok(await second.post(`${P}/auth/login`, { username: user.username, password: user.password }));
    const listed = ok(await manager1.get(`/customers/${c.id}/contacts`)).items[0];
    expect(listed.portalAccess).toEqual({ status: 'active', username: user.username, expiresAt: null });
    expect((await manager1.delete(`/customers/${c.id}/contacts/${user.contactId}/portal-access`)).status).toBe(204);
    expect((await user.client.get(`${P}/me`)).status).toBe(401);
    expect((await second.get(`${P}/services`)).status).toBe(401);
    expect(ok(await manager1.get(`/customers/${c.id}/contacts`)).items[0].portalAccess).toBeNull();
    const relogin = await t.anonymous().post(`${P}/auth/login`, { username: user.username, password: user.password });
    expect(relogin.status).toBe(401);
    const twice = await unchanged(() => manager1.delete(`/customers/${c.id}/contacts/${user.contactId}/portal-access`));
    expect(twice.status).toBe(404);
    expect(
      await count(
        t,
        `select count(*) as n from audit_log where entity = 'portalAccess' and action = 'revoke'
           and (before->>'contactId')::int = $1`,
        [user.contactId],
      ),
    ).toBe(1);
  });

  it('a deleted contact’s access ends; their requests keep their name', async () => {
    const c = await buildCustomer(t, { manager: 'manager1' });
    const user = await buildPortalUser(t, { customerId: c.id, name: '将被删除' });
    const filed = ok(
      await user.client.post(`${P}/services`, { typeId: consult, summary: '删除前', request: '删除前' }),
      201,
    );
    ok(await manager1.delete(`/customers/${c.id}/contacts/${user.contactId}`), 204);
    expect((await user.client.get(`${P}/me`)).status).toBe(401);
    expect(ok(await manager1.get(`/services/${filed.id}`)).requestedBy).toEqual({ contactId: null, name: '将被删除' });
  });
});

keptTotalsHold('service', () => t);
keptTotalsHold('service department month', () => t);
keptTotalsHold('service month', () => t);
