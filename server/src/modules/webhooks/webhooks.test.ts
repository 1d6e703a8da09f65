import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/client.ts';
import { buildCustomer, buildService, count, errorPaths, ok, signIn, userIds } from '../../test/factories.ts';
import { createTestApp, onPostgres, type Client } from '../../test/harness.ts';
import { isPublicAddress } from './address-guard.ts';
import { deliverDueWebhooks } from './deliver.ts';
import { hmacSha256, startReceiver } from './test-receiver.ts';

/**
 * docs/webhooks.md against a real HTTP receiver on 127.0.0.1 (so the app runs with CRM_WEBHOOK_ALLOW_PRIVATE=1; the
 * guard's tests turn it off), a short back-off (1 s, moved on by the app's clock) and a 500 ms time-out.
 */
const receiver = await startReceiver();
const t = await createTestApp({
  CRM_WEBHOOK_ALLOW_PRIVATE: '1',
  CRM_WEBHOOK_RETRY_BASE_MS: '1000',
  CRM_WEBHOOK_TIMEOUT_MS: '500',
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});
const ids = await userIds(t, 'manager1', 'manager2');
let admin: Client;
let director: Client;
// signed in again before each test: the clock runs past a session's life in some
beforeEach(async () => {
  [admin, director] = await signIn(t, 'admin', 'director');
});
afterEach(async () => {
  await t.database.query('delete from webhooks');
  receiver.reset();
  t.config.webhooks.allowPrivate = true;
});

const deliver = (db = t.database.db) => deliverDueWebhooks({ db, config: t.config }, () => t.clock.now);
type Hook = { id: number; [k: string]: unknown };
const newHook = async (over: Record<string, unknown> = {}): Promise<Hook> =>
  ok(
    await admin.post('/webhooks', {
      name: 'ERP 接口',
      url: receiver.url(),
      events: ['customer.created'],
      format: 'json',
      secret: 'sig-secret-1',
      active: true,
      ...over,
    }),
    201,
  );
const deliveriesOf = async (hook: Hook) => ok(await admin.get(`/webhooks/${hook.id}/deliveries?pageSize=100`)).items;
/** The stored deliveries of a receiver, oldest first, straight from the database (needs no session). */
const rowsOf = (hook: Hook) =>
  t.database.query<{ id: string; status: string; attempts: number; next_attempt_at: string; give_up_at: string }>(
    'select id, status, attempts, next_attempt_at, give_up_at from webhook_deliveries where webhook_id = $1 order by seq',
    [hook.id],
  );
const deliveryCount = () => count(t, 'select count(*)::int as n from webhook_deliveries');

describe('receivers (docs/webhooks.md#receivers)', () => {
  it('registers a receiver and never shows its secret, in answers or in the audit log', async () => {
    const res = await admin.post('/webhooks', {
      name: 'ERP',
      url: receiver.url(),
      events: ['service.created', 'service.created', 'customer.created'],
      format: 'json',
      secret: 'top-secret-42',
      active: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'ERP',
      url: receiver.url(),
      events: ['service.created', 'customer.created'],
      format: 'json',
      hasSecret: true,
      active: true,
      lastDelivery: null,
    });
    expect(res.body).not.toHaveProperty('secret');
    const id = res.body.id as number;
    for (const answer of [res, await admin.get('/webhooks'), await admin.get(`/webhooks/${id}`)]) {
      expect(answer.text).not.toContain('top-secret-42');
    }
    expect((await admin.get('/webhooks')).body).toMatchObject({ total: 1, items: [{ id, hasSecret: true }] });

    // an absent secret is kept, null removes it, a new one replaces it
    expect(ok(await admin.patch(`/webhooks/${id}`, { name: 'ERP 2' }))).toMatchObject({
      name: 'ERP 2',
      hasSecret: true,
    });
    expect(ok(await admin.patch(`/webhooks/${id}`, { secret: null }))).toMatchObject({ hasSecret: false });
    expect(ok(await admin.patch(`/webhooks/${id}`, { secret: 'another-secret-7' }))).toMatchObject({ hasSecret: true });
    const [stored] = await t.database.query<{ secret: string }>('select secret from webhooks where id = $1', [id]);
    expect(stored!.secret).toBe('another-secret-7');
    const log = await t.database.query<{ action: string }>(
      `select action, before, after from audit_log where entity = 'webhook' and entity_id = $1 order by id`,
      [String(id)],
    );
    expect(log.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(JSON.stringify(log)).not.toMatch(/top-secret-42|another-secret-7/);

    expect((await admin.delete(`/webhooks/${id}`)).status).toBe(204);
    expect((await admin.get(`/webhooks/${id}`)).status).toBe(404);
    expect((await admin.delete(`/webhooks/${id}`)).status).toBe(404);
    expect((await admin.get(`/webhooks/${id}/deliveries`)).status).toBe(404);
  });

  it('masks a robot key of the URL in the audit log', async () => {
    const hook = await newHook({ format: 'dingtalk', url: receiver.url('/robot/send?access_token=abc123def') });
    const [entry] = await t.database.query<{ after: { url: string } }>(
      `select after from audit_log where entity = 'webhook' and entity_id = $1`,
      [String(hook.id)],
    );
    expect(entry!.after.url).toContain('access_token=***');
    expect(JSON.stringify(entry)).not.toContain('abc123def');
    expect(hook.url).toBe(receiver.url('/robot/send?access_token=abc123def')); // the administrator sees it whole
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const base = { name: 'X', url: receiver.url(), events: ['customer.created'], format: 'json', active: true };
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://files.example.com/hook' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'file:///etc/passwd' }, 'url'],
      [{ url: 'hooks.example.com/no-scheme' }, 'url'],
      [{ url: '' }, 'url'],
      [{ events: ['customer.deleted'] }, 'events'],
      [{ events: [] }, 'events'],
      [{ format: 'slack' }, 'format'],
      [{ format: 'wecom', secret: 'wecom-has-no-signing' }, 'secret'],
      [{ name: '  ' }, 'name'],
      [{ createdAt: '2020-01-01T00:00:00Z' }, ''],
    ];
    for (const [change, field] of cases) {
      const res = await admin.post('/webhooks', { ...base, ...change });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      if (field) expect(errorPaths(res).join(), JSON.stringify(change)).toContain(field);
    }
    const hook = await newHook({ format: 'dingtalk' });
    const patch = await admin.patch(`/webhooks/${hook.id}`, { format: 'wecom' }); // it still has its secret
    expect(patch.status).toBe(400);
    expect(errorPaths(patch)).toEqual(['secret']);
    expect((await admin.patch(`/webhooks/${hook.id}`, { events: ['nope'] })).status).toBe(400);
    expect(await count(t, 'select count(*)::int as n from webhooks')).toBe(1);
    expect(ok(await admin.get(`/webhooks/${hook.id}`))).toMatchObject({
      format: 'dingtalk',
      events: ['customer.created'],
    });
  });
});

describe('the address guard (docs/webhooks.md#the-address-guard)', () => {
  it('takes public unicast addresses only', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001:81c::200e'])
      expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '192.0.2.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'fec0::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.1.2.3',
      '::ffff:169.254.169.254',
      '::127.0.0.1',
      '64:ff9b::a00:1',
      '2002:7f00:1::',
      'not-an-address',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('refuses receivers on loopback, private and link-local addresses unless the operator allows them', async () => {
    t.config.webhooks.allowPrivate = false;
    const refused = [
      'http://127.0.0.1:8080/hook',
      'http://localhost:8080/hook', // a name that resolves to loopback
      'http://2130706433/hook', // 127.0.0.1 written as one number
      'http://0x7f.0.0.1/hook',
      'http://10.1.2.3/hook',
      'http://172.16.5.4/hook',
      'https://192.168.1.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/hook',
      'http://0.0.0.0/hook',
      'http://[::1]/hook',
      'http://[fe80::1]/hook',
      'http://[fd00::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a00:1]/hook',
    ];
    for (const url of refused) {
      const res = await admin.post('/webhooks', { name: 'X', url, events: ['customer.created'], format: 'json' });
      expect(res.status, url).toBe(400);
      expect(errorPaths(res), url).toEqual(['url']);
      expect(res.body.error.details[0].message, url).toContain('CRM_WEBHOOK_ALLOW_PRIVATE=1');
    }
    expect(await count(t, 'select count(*)::int as n from webhooks')).toBe(0);
    // a public address is taken (nothing is called when saving), and may not be moved to a private one
    const hook = await newHook({ url: 'http://93.184.216.34/hook', active: false });
    const moved = await admin.patch(`/webhooks/${hook.id}`, { url: 'http://192.168.0.8/hook' });
    expect(moved.status).toBe(400);
    expect(errorPaths(moved)).toEqual(['url']);
    expect(ok(await admin.get(`/webhooks/${hook.id}`)).url).toBe('http://93.184.216.34/hook');
  });

  it('checks again when delivering: a name that now resolves to a private address is not called', async () => {
    // saved while private receivers were allowed; the server now refuses them (as after a DNS change)
    const hook = await newHook({ url: `http://localhost:${receiver.port}/hook` });
    t.config.webhooks.allowPrivate = false;
    await buildCustomer(t, { name: '地址重绑定测试公司' });
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    expect(receiver.received).toHaveLength(0);
    const [d] = await deliveriesOf(hook);
    expect(d).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null, nextAttemptAt: null });
    expect(d.lastError).toMatch(/localhost \((127\.0\.0\.1|::1)\) is a loopback, private/);
    const test = ok(await admin.post(`/webhooks/${hook.id}/test`));
    expect(test).toMatchObject({ delivered: false, statusCode: null, delivery: { status: 'failed' } });
    expect(test.error).toContain('CRM_WEBHOOK_ALLOW_PRIVATE=1');
    expect(receiver.received).toHaveLength(0);
  });
});

describe('JSON deliveries (docs/webhooks.md#json)', () => {
  it('writes the delivery with the change, sends it after, signed as documented', async () => {
    const hook = await newHook({ events: ['service.created'], secret: 'sig-secret-1' });
    const other = await newHook({ events: ['customer.updated'] });
    const off = await newHook({ events: ['service.created'], active: false });
    const s = await buildService(t, { status: 'new', summary: '签名测试' });
    expect(receiver.received).toHaveLength(0); // nothing is sent inside the request
    expect(await rowsOf(hook)).toMatchObject([{ status: 'pending', attempts: 0 }]);
    expect(await rowsOf(other)).toEqual([]);
    expect(await rowsOf(off)).toEqual([]);

    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    const [r] = receiver.received;
    const [d] = await deliveriesOf(hook);
    const timestamp = Math.floor(t.clock.now.getTime() / 1000);
    expect(r!.headers).toMatchObject({
      'x-crm-event': 'service.created',
      'x-crm-delivery': d.id,
      'x-crm-timestamp': String(timestamp),
    });
    expect(r!.headers['content-type']).toMatch(/^application\/json/);
    // the signature, computed independently (WebCrypto) from the documented recipe
    const expected = `sha256=${(await hmacSha256('sig-secret-1', `${timestamp}.${r!.body}`)).toString('hex')}`;
    expect(r!.headers['x-crm-signature']).toBe(expected);
    const body = JSON.parse(r!.body);
    expect(Object.keys(body)).toEqual(['id', 'event', 'occurredAt', 'data']);
    expect(body).toMatchObject({
      event: 'service.created',
      occurredAt: t.clock.now.toISOString(),
      data: { service: { id: s.id, number: s.number, summary: '签名测试', status: 'new' } },
    });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(d).toMatchObject({ event: 'service.created', status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(d.lastError).toBeNull();
    expect(d.deliveredAt).toBe(t.clock.now.toISOString());
    expect(ok(await admin.get(`/webhooks/${hook.id}`)).lastDelivery).toMatchObject({ status: 'delivered' });
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 }); // delivered once
  });

  it('sends no signature without a secret, and writes nothing for a refused change', async () => {
    const hook = await newHook({ events: ['service.assigned'], secret: null });
    const s = await buildService(t, { status: 'new' });
    const before = await deliveryCount();
    expect((await director.post(`/services/${s.id}/assign`, { assigneeId: 999999 })).status).toBe(400);
    expect(await deliveryCount()).toBe(before);
    ok(await director.post(`/services/${s.id}/assign`, { assigneeId: ids.manager1 }));
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(receiver.received[0]!.headers['x-crm-signature']).toBeUndefined();
    expect(JSON.parse(receiver.received[0]!.body).data.service.assignee).toMatchObject({ id: ids.manager1 });
    expect(await rowsOf(hook)).toHaveLength(1);
  });
});

describe('retries (docs/webhooks.md#delivery)', () => {
  it('a receiver that answers 500 twice, then 200: delivered on the third attempt, the same delivery each time', async () => {
    const hook = await newHook();
    receiver.answer({ status: 500, body: 'boom' }, { status: 500 }, { status: 204 });
    await buildCustomer(t, { name: '重试测试公司' });
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    let [d] = await deliveriesOf(hook);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(d.lastError).toBe('HTTP 500: boom');
    expect(new Date(d.nextAttemptAt).getTime() - t.clock.now.getTime()).toBe(1000);
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 }); // not due yet

    t.clock.advance(1000);
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    [d] = await deliveriesOf(hook);
    expect(d).toMatchObject({ status: 'pending', attempts: 2 });
    expect(new Date(d.nextAttemptAt).getTime() - t.clock.now.getTime()).toBe(2000); // doubled

    t.clock.advance(2000);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    [d] = await deliveriesOf(hook);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204, lastError: null });
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['x-crm-delivery']))).toEqual(new Set([d.id]));
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
  });

  it('a receiver that hangs: the attempt times out and is retried', async () => {
    const hook = await newHook();
    receiver.answer('hang');
    await buildCustomer(t, { name: '超时测试公司' });
    const started = performance.now();
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(5_000);
    let [d] = await deliveriesOf(hook);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(d.lastError).toMatch(/timed out/);
    t.clock.advance(1000);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    [d] = await deliveriesOf(hook);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(receiver.received.map((r) => r.headers['x-crm-delivery'])).toEqual([d.id, d.id]);
  });

  it('gives up after 24 hours of attempts, backing off up to an hour between them', async () => {
    const hook = await newHook();
    receiver.otherwise({ status: 503 });
    await buildCustomer(t, { name: '一直失败的接收方' });
    const start = t.clock.now.getTime();
    let [row] = await rowsOf(hook);
    const gaps: number[] = [];
    for (let i = 0; i < 100 && row!.status === 'pending'; i++) {
      const due = new Date(row!.next_attempt_at).getTime();
      if (due > t.clock.now.getTime()) {
        gaps.push(due - t.clock.now.getTime());
        t.clock.now = new Date(due);
      }
      await deliver();
      [row] = await rowsOf(hook);
    }
    expect(row!.status).toBe('failed');
    expect(t.clock.now.getTime() - start).toBeLessThanOrEqual(24 * 3_600_000);
    expect(t.clock.now.getTime() - start).toBeGreaterThan(23 * 3_600_000);
    expect(Math.max(...gaps)).toBe(3_600_000);
    expect(gaps.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(row!.attempts).toBe(receiver.received.length);
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
  });

  it('two instances delivering at once send each delivery once', async () => {
    // instance B: its own connections to the same database on PostgreSQL (the embedded database has one)
    const url = onPostgres ? (t.database.pool!.options as { connectionString: string }).connectionString : '';
    const databaseB = onPostgres ? openPostgres(url, { max: 5 }) : t.database;
    try {
      const hook = await newHook();
      for (let i = 0; i < 12; i++) await buildCustomer(t, { name: `并发投递公司${i}` });
      const [a, b] = await Promise.all([deliver(), deliver(databaseB.db)]);
      expect(a.delivered + b.delivered).toBe(12);
      expect(a.failed + b.failed).toBe(0);
      const seen = receiver.received.map((r) => r.headers['x-crm-delivery']);
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
      expect((await rowsOf(hook)).every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    } finally {
      if (databaseB !== t.database) await databaseB.close();
    }
  });

  it('a claimed delivery whose instance died is due again when its hold runs out', async () => {
    const hook = await newHook();
    await buildCustomer(t, { name: '实例中断测试公司' });
    // an instance claims it, then dies before sending (nothing recorded)
    await t.database.query(
      `update webhook_deliveries set attempts = 1, next_attempt_at = $2::timestamptz + interval '20 seconds'
       where webhook_id = $1`,
      [hook.id, t.clock.now.toISOString()],
    );
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    t.clock.advance(21_000);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(await rowsOf(hook)).toMatchObject([{ status: 'delivered', attempts: 2 }]);
  });
});

describe('the delivery log, redelivery and the test button (docs/webhooks.md#the-delivery-log)', () => {
  it('lists deliveries newest first, by status, paged', async () => {
    const hook = await newHook();
    receiver.answer({ status: 200 }, { status: 410 });
    await buildCustomer(t, { name: '日志一' });
    await deliver();
    t.clock.advance(1000);
    await buildCustomer(t, { name: '日志二' });
    await deliver();
    const page = ok(await admin.get(`/webhooks/${hook.id}/deliveries?pageSize=1`));
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ status: 'pending', lastStatusCode: 410 }] });
    expect(ok(await admin.get(`/webhooks/${hook.id}/deliveries?status=delivered`))).toMatchObject({
      total: 1,
      items: [{ status: 'delivered', event: 'customer.created' }],
    });
    expect((await admin.get(`/webhooks/${hook.id}/deliveries?status=lost`)).status).toBe(400);
  });

  it('redelivers a delivered or failed delivery as the same delivery; a pending one is refused', async () => {
    const hook = await newHook();
    const other = await newHook({ events: ['service.created'] });
    await buildCustomer(t, { name: '重新投递测试公司' });
    await deliver();
    const [d] = await deliveriesOf(hook);
    const res = await admin.post(`/webhooks/${hook.id}/deliveries/${d.id}/redeliver`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: d.id, status: 'pending', deliveredAt: null });
    const again = await admin.post(`/webhooks/${hook.id}/deliveries/${d.id}/redeliver`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(receiver.received.map((r) => r.headers['x-crm-delivery'])).toEqual([d.id, d.id]);
    expect(ok(await admin.get(`/webhooks/${hook.id}/deliveries`)).items[0]).toMatchObject({
      id: d.id,
      status: 'delivered',
      attempts: 2,
    });
    // another receiver's delivery, or none: not found
    expect((await admin.post(`/webhooks/${other.id}/deliveries/${d.id}/redeliver`)).status).toBe(404);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await admin.post(`/webhooks/${hook.id}/deliveries/${missing}/redeliver`)).status).toBe(404);
    expect((await admin.post(`/webhooks/${hook.id}/deliveries/not-a-uuid/redeliver`)).status).toBe(400);
    const [entry] = await t.database.query<{ action: string }>(
      `select action from audit_log where entity = 'webhookDelivery' and entity_id = $1`,
      [d.id],
    );
    expect(entry).toMatchObject({ action: 'redeliver' });
  });

  it('the test button sends one test event at once and answers what came of it, without retrying', async () => {
    const hook = await newHook({ events: ['service.created'], active: false });
    const res = await admin.post(`/webhooks/${hook.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      delivered: true,
      statusCode: 200,
      error: null,
      delivery: { event: 'webhook.test', status: 'delivered', attempts: 1 },
    });
    expect(res.body.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.received).toHaveLength(1);
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body).toMatchObject({ event: 'webhook.test', data: { webhook: { id: hook.id, name: 'ERP 接口' } } });
    const ts = receiver.received[0]!.headers['x-crm-timestamp'];
    expect(receiver.received[0]!.headers['x-crm-signature']).toBe(
      `sha256=${(await hmacSha256('sig-secret-1', `${ts}.${receiver.received[0]!.body}`)).toString('hex')}`,
    );

    receiver.answer({ status: 500, body: 'down' });
    const failed = ok(await admin.post(`/webhooks/${hook.id}/test`));
    expect(failed).toMatchObject({ delivered: false, statusCode: 500, error: 'HTTP 500: down' });
    expect(failed.delivery).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect((await admin.post('/webhooks/999999/test')).status).toBe(404);
    t.clock.advance(3_600_000);
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 }); // a test is not retried
  });
});

describe('the group robots (docs/webhooks.md#robots)', () => {
  const robotEvent = async () => buildService(t, { status: 'new', summary: '机器人消息测试' });

  it('DingTalk: the text message, signed in the query as documented; a non-zero errcode is a failure', async () => {
    const secret = 'SEC0123456789abcdef';
    const hook = await newHook({
      format: 'dingtalk',
      url: receiver.url('/robot/send?access_token=tok'),
      events: ['service.created'],
      secret,
    });
    receiver.answer({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    receiver.otherwise({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const s = await robotEvent();
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    expect((await deliveriesOf(hook))[0]).toMatchObject({
      status: 'pending',
      lastStatusCode: 200,
      lastError: 'robot error 310000: sign not match',
    });
    t.clock.advance(1000);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    const r = receiver.received[1]!;
    const url = new URL(r.url, 'http://x');
    expect(url.pathname).toBe('/robot/send');
    expect(url.searchParams.get('access_token')).toBe('tok');
    const timestamp = url.searchParams.get('timestamp')!;
    expect(Number(timestamp)).toBe(t.clock.now.getTime()); // milliseconds
    // sign = urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)))
    expect(url.searchParams.get('sign')).toBe((await hmacSha256(secret, `${timestamp}\n${secret}`)).toString('base64'));
    expect(r.url).toContain(`sign=${encodeURIComponent(url.searchParams.get('sign')!)}`);
    const body = JSON.parse(r.body);
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toContain('【CRM】新的客户服务');
    expect(body.text.content).toContain(s.number as string);
    expect(body.text.content).toContain('机器人消息测试');
  });

  it('Feishu: signed in the body (key = timestamp + "\\n" + secret over an empty message); code ≠ 0 fails', async () => {
    const secret = 'feishu-signing-secret';
    const hook = await newHook({ format: 'feishu', events: ['service.created'], secret });
    receiver.answer({
      status: 200,
      body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour"}',
    });
    receiver.otherwise({ status: 200, body: '{"code":0,"msg":"success","data":{}}' });
    await robotEvent();
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    expect((await deliveriesOf(hook))[0].lastError).toMatch(/^robot error 19021/);
    t.clock.advance(1000);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    const body = JSON.parse(receiver.received[1]!.body);
    expect(body.timestamp).toBe(String(Math.floor(t.clock.now.getTime() / 1000))); // seconds, as text
    expect(body.sign).toBe((await hmacSha256(`${body.timestamp}\n${secret}`, '')).toString('base64'));
    expect(body.msg_type).toBe('text');
    expect(body.content.text).toContain('【CRM】新的客户服务');
  });

  it('WeCom: the text message to the URL with its key, unsigned; errcode ≠ 0 fails', async () => {
    const hook = await newHook({
      format: 'wecom',
      url: receiver.url('/cgi-bin/webhook/send?key=693a91f6'),
      events: ['service.created'],
      secret: null,
    });
    receiver.answer({ status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    receiver.otherwise({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    await robotEvent();
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    expect((await deliveriesOf(hook))[0].lastError).toBe('robot error 93000: invalid webhook url');
    t.clock.advance(1000);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    const r = receiver.received[1]!;
    expect(r.url).toBe('/cgi-bin/webhook/send?key=693a91f6');
    expect(Object.keys(r.headers).some((h) => h.includes('signature'))).toBe(false);
    expect(JSON.parse(r.body)).toMatchObject({
      msgtype: 'text',
      text: { content: expect.stringContaining('【CRM】') },
    });
  });

  it('a robot answer that is not the robot’s JSON is a failure', async () => {
    const hook = await newHook({ format: 'wecom', events: ['service.created'], secret: null });
    receiver.otherwise({ status: 200, body: '<html>proxy login</html>' });
    await robotEvent();
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    expect((await deliveriesOf(hook))[0].lastError).toMatch(/not the robot's JSON/);
  });
});
