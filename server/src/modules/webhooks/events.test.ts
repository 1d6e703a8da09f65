import { WEBHOOK_EVENTS } from '@crm/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildOldCustomer,
  buildPortalUser,
  depsOf,
  buildOpportunity,
  buildPoolCustomer,
  buildService,
  dictionaryId,
  installSalesSchema,
  ok,
  serviceCustomer,
  signIn,
  userIds,
} from '../../test/factories.ts';
import { createTestApp, type Answer } from '../../test/harness.ts';
import { announceBreaches } from '../services/index.ts';
import { deliverDueWebhooks } from './deliver.ts';
import { startReceiver } from './test-receiver.ts';
import { robotText } from './texts.ts';

/**
 * docs/webhooks.md#events: every event point that exists writes its event, with its data, to a receiver subscribed
 * to all of them — and each reads as a robot's message.
 */
const receiver = await startReceiver();
const t = await createTestApp({ CRM_WEBHOOK_ALLOW_PRIVATE: '1' });
await installSalesSchema(t.database);
afterAll(async () => {
  await receiver.close();
  await t.close();
});
const [admin, director, manager1] = await signIn(t, 'admin', 'director', 'manager1');
const ids = await userIds(t, 'manager1', 'manager2');
ok(
  await admin.post('/webhooks', {
    name: '全部事件',
    url: receiver.url(),
    events: [...WEBHOOK_EVENTS],
    format: 'json',
    active: true,
  }),
  201,
);

/** An event's JSON as the receiver got it (`data` read as loosely as an answer's body). */
type Sent = { id: string; event: string; occurredAt: string; data: Answer['body'] };
/** The events sent since the last call, in the order they happened. */
async function sent(): Promise<Sent[]> {
  await deliverDueWebhooks({ db: t.database.db, config: t.config }, () => t.clock.now);
  const got = receiver.received.map((r) => JSON.parse(r.body) as Sent);
  receiver.reset();
  const order = await t.database.query<{ event_id: string }>(
    `select event_id from webhook_deliveries where event_id = any($1::uuid[]) order by seq`,
    [`{${got.map((g) => g.id).join(',')}}`],
  );
  return order.map((o) => got.find((g) => g.id === o.event_id)!);
}
const names = (events: Sent[]) => events.map((e) => e.event);

describe('the events of customers', () => {
  it('customer.created, customer.updated and customer.transferred', async () => {
    const created = ok(
      await director.post('/customers', {
        name: '事件测试有限公司',
        regionId: await dictionaryId(t, 'region'),
        levelId: await dictionaryId(t, 'customerLevel'),
        managerId: ids.manager1,
        satisfaction: 3,
        credit: 3,
      }),
      201,
    );
    let events = await sent();
    expect(events).toMatchObject([
      { event: 'customer.created', data: { customer: { id: created.id, name: '事件测试有限公司' } } },
    ]);
    ok(await manager1.patch(`/customers/${created.id}`, { version: created.version, phone: '010-88886666' }));
    events = await sent();
    expect(events).toMatchObject([
      { event: 'customer.updated', data: { customer: { id: created.id, phone: '010-88886666' } } },
    ]);
    ok(await director.post('/customers/transfer', { customerIds: [created.id], toManagerId: ids.manager2 }));
    events = await sent();
    expect(events).toMatchObject([
      {
        event: 'customer.transferred',
        data: {
          toManagerId: ids.manager2,
          customers: [{ id: created.id, name: '事件测试有限公司', fromManagerId: ids.manager1 }],
        },
      },
    ]);
  });
});

describe('the events of the customer pool', () => {
  it('customer.transferred when a pool customer is claimed or assigned', async () => {
    const claimed = await buildPoolCustomer(t, { name: '公海领取事件公司' });
    const assigned = await buildPoolCustomer(t, { name: '公海分配事件公司' });
    await sent();
    ok(await manager1.post(`/customers/${claimed.id}/claim`));
    ok(await director.post(`/customers/${assigned.id}/assign`, { managerId: ids.manager2 }));
    expect(await sent()).toMatchObject([
      {
        event: 'customer.transferred',
        data: { fromPool: true, toManagerId: ids.manager1, customers: [{ id: claimed.id, fromManagerId: null }] },
      },
      {
        event: 'customer.transferred',
        data: { fromPool: true, toManagerId: ids.manager2, customers: [{ id: assigned.id, name: '公海分配事件公司' }] },
      },
    ]);
  });
});

describe('the events of opportunities', () => {
  it('opportunity.assigned (also on reassignment and in bulk), .succeeded with its customer, .failed', async () => {
    const o = await buildOpportunity(t, { assignee: 'manager1', customerName: '机会事件公司' });
    expect(await sent()).toMatchObject([
      { event: 'opportunity.assigned', data: { opportunity: { id: o.id, assignee: { id: ids.manager1 } } } },
    ]);
    ok(await director.post(`/opportunities/${o.id}/reassign`, { assigneeId: ids.manager2 }));
    expect(await sent()).toMatchObject([
      { event: 'opportunity.assigned', data: { opportunity: { id: o.id, assignee: { id: ids.manager2 } } } },
    ]);
    const a = await buildOpportunity(t, { customerName: '批量一' });
    const b = await buildOpportunity(t, { customerName: '批量二' });
    ok(await director.post('/opportunities/assign-bulk', { ids: [a.id, b.id], assigneeId: ids.manager1 }));
    const bulk = await sent();
    expect(names(bulk)).toEqual(['opportunity.assigned', 'opportunity.assigned']);
    expect(bulk.map((e) => e.data.opportunity.id).sort()).toEqual([a.id, b.id].sort());
    expect(bulk[0]!.id).not.toBe(bulk[1]!.id); // one event each

    ok(await manager1.post(`/opportunities/${a.id}/succeed`));
    const won = await sent();
    expect(names(won)).toEqual(['customer.created', 'opportunity.succeeded']);
    expect(won[1]).toMatchObject({ data: { opportunity: { id: a.id, status: 'succeeded' } } });
    expect(won[1]!.data.opportunity.customerId).toBe(won[0]!.data.customer.id);

    ok(await manager1.post(`/opportunities/${b.id}/fail`, { reason: '预算取消' }));
    expect(await sent()).toMatchObject([
      { event: 'opportunity.failed', data: { opportunity: { id: b.id, status: 'failed', failReason: '预算取消' } } },
    ]);
  });
});

describe('the events of services', () => {
  it('service.created, .assigned, .handled, .archived — and no archive for a dissatisfied customer', async () => {
    await serviceCustomer(t); // the services' customer, made first (its customer.created is not looked at here)
    await sent();
    const s = await buildService(t, { status: 'archived', summary: '服务事件' });
    const events = await sent();
    expect(names(events)).toEqual(['service.created', 'service.assigned', 'service.handled', 'service.archived']);
    for (const e of events) expect(e.data.service).toMatchObject({ id: s.id, number: s.number });
    expect(events[3]!.data.service).toMatchObject({ status: 'archived', satisfaction: 5 });

    const unhappy = await buildService(t, { status: 'handled' });
    await sent();
    ok(await manager1.post(`/services/${unhappy.id}/feedback`, { result: '不满意', satisfaction: 1 }));
    expect(await sent()).toEqual([]);
  });
});

describe('the events of services filed on the portal, assigned by a rule, or overdue', () => {
  it('a portal request: service.created as staff see it, .assigned by the rule, .archived by the contact’s 5 stars', async () => {
    const customer = await serviceCustomer(t);
    const user = await buildPortalUser(t, { customerId: customer.id });
    const consult = await dictionaryId(t, 'serviceType', '咨询');
    const rule = {
      name: '门户咨询',
      active: true,
      priority: 1,
      conditions: { typeIds: [consult] },
      strategy: 'roundRobin',
      assigneeIds: [ids.manager1, ids.manager2],
    };
    ok(await director.post('/assignment-rules', rule), 201);
    try {
      await sent();
      const filed = ok(
        await user.client.post('/api/portal/v1/services', {
          typeId: consult,
          summary: '门户事件',
          request: '请联系我',
        }),
        201,
      );
      const events = await sent();
      expect(names(events)).toEqual(['service.created', 'service.assigned']);
      expect(events[0]!.data.service).toMatchObject({ id: filed.id, source: 'portal', status: 'new' });
      expect(events[0]!.data.service.customer).toMatchObject({ id: customer.id });
      expect(events[1]!.data.service).toMatchObject({
        id: filed.id,
        status: 'assigned',
        assignee: { id: ids.manager1 },
        assignedByRule: { name: '门户咨询' },
      });

      ok(await manager1.post(`/services/${filed.id}/handle`, { handling: '已联系' }));
      await sent();
      ok(await user.client.post(`/api/portal/v1/services/${filed.id}/feedback`, { satisfaction: 5 }));
      expect(await sent()).toMatchObject([
        { event: 'service.archived', data: { service: { id: filed.id, status: 'archived', satisfaction: 5 } } },
      ]);
    } finally {
      await t.database.query('delete from assignment_rules');
    }
  });

  it('service.overdue once for each deadline that passes, from the breach job', async () => {
    const late = await buildService(t, { summary: '超时事件' });
    // every other service counts as told already: only this one's deadline passes
    await t.database.query(`update services set assign_breach_at = now(), handle_breach_at = now() where id <> $1`, [
      late.id,
    ]);
    const hourAgo = new Date(t.clock.now.getTime() - 3_600_000).toISOString();
    await t.database.query(`update services set assign_due_at = $2 where id = $1`, [late.id, hourAgo]);
    await sent();
    await announceBreaches(depsOf(t), t.clock.now);
    expect(await sent()).toMatchObject([
      {
        event: 'service.overdue',
        data: { service: { id: late.id, status: 'new', overdue: true }, deadline: 'assign', dueAt: hourAgo },
      },
    ]);
    await announceBreaches(depsOf(t), t.clock.now);
    expect(await sent()).toEqual([]);
  });
});

describe('the events of churn', () => {
  it('churn.warning from the (set-based) check, churn.confirmed when the loss is confirmed', async () => {
    const old = await buildOldCustomer(t, { name: '流失事件公司' });
    await sent();
    const scan = ok(await director.post('/churn-warnings/scan'));
    expect(scan.created).toBeGreaterThanOrEqual(1);
    const warned = await sent();
    expect(warned.every((e) => e.event === 'churn.warning')).toBe(true);
    const mine = warned.find((e) => e.data.warning.customer.id === old.id)!;
    expect(mine).toMatchObject({
      data: { warning: { customer: { number: old.number, name: '流失事件公司' }, managerId: ids.manager1 } },
    });
    const warningId = mine.data.warning.id as number;
    ok(await manager1.post(`/churn-warnings/${warningId}/measures`, { text: '上门拜访' }), 201);
    ok(await manager1.post(`/churn-warnings/${warningId}/confirm`, { reason: '客户已停业' }));
    expect(await sent()).toMatchObject([
      { event: 'churn.confirmed', data: { warning: { id: warningId, status: 'lost', reason: '客户已停业' } } },
    ]);
  });
});

describe('the robots’ texts (docs/webhooks.md#robot-messages)', () => {
  it('has a readable Chinese line for every event, from its data', () => {
    const at = new Date('2026-12-05T08:30:00Z');
    const data: Record<string, Record<string, unknown>> = {
      'customer.created': { customer: { name: '甲公司', number: 'KH2026120500001' } },
      'customer.transferred': { customers: [{ name: '甲公司' }, { name: '乙公司' }], toManagerId: 3 },
      'opportunity.assigned': {
        opportunity: { customerName: '甲公司', summary: '采购', assignee: { displayName: '李经理' } },
      },
      'service.archived': {
        service: { number: 'FW2026120500001', summary: '咨询', satisfaction: 4, customer: { name: '甲公司' } },
      },
      'churn.warning': { warning: { customer: { name: '甲公司', number: 'KH1' }, lastOrderDate: null } },
    };
    for (const event of [...WEBHOOK_EVENTS, 'webhook.test']) {
      const text = robotText(event, data[event] ?? {}, at);
      expect(text, event).toMatch(/^【CRM】/);
      expect(text, event).not.toContain('事件 '); // not the fallback
      expect(text, event).not.toMatch(/undefined|null|\[object/);
    }
    expect(robotText('customer.created', data['customer.created']!, at)).toContain('新客户：甲公司（KH2026120500001）');
    expect(robotText('customer.transferred', data['customer.transferred']!, at)).toContain('2 位客户');
    expect(robotText('opportunity.assigned', data['opportunity.assigned']!, at)).toContain('指派给 李经理');
    expect(robotText('service.archived', data['service.archived']!, at)).toContain('满意度 4/5');
    expect(robotText('churn.warning', data['churn.warning']!, at)).toContain('从未下单');
    expect(robotText('customer.created', { customer: { name: '长'.repeat(5000) } }, at).length).toBeLessThanOrEqual(
      600,
    );
  });
});

describe('a handover', () => {
  it('sends one customer.transferred with every customer handed over', async () => {
    const leaver = ok(
      await admin.post('/users', {
        username: 'leaver',
        displayName: '离职者',
        password: 'long-enough',
        roles: ['manager'],
      }),
      201,
    );
    const c = await buildOldCustomer(t, { name: '交接客户', manager: leaver.id as number });
    await sent();
    ok(await admin.post(`/users/${leaver.id}/handover`, { toUserId: ids.manager2 }));
    expect(await sent()).toMatchObject([
      {
        event: 'customer.transferred',
        data: { handover: true, fromUserId: leaver.id, toManagerId: ids.manager2, customerIds: [c.id] },
      },
    ]);
  });
});
