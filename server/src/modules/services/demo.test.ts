import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { insertCustomer } from '../customers/create.ts';
import { seedDemoServices } from './demo.ts';

let t: TestApp;
let made: number;
let madeWithoutCustomers: number;
beforeAll(async () => {
  t = await createTestApp();
  const users = Object.fromEntries(
    (await t.database.query<{ id: number; username: string }>('select id, username from users')).map((u) => [
      u.username,
      u.id,
    ]),
  );
  madeWithoutCustomers = await t.database.db.transaction((tx) => seedDemoServices(tx, users, t.clock.now));
  made = await t.database.db.transaction(async (tx) => {
    for (const [name, manager] of [
      ['北京甲科技有限公司', 'manager1'],
      ['上海乙贸易公司', 'manager2'],
      ['广州丙制造厂', 'manager1'],
    ] as const) {
      await insertCustomer(
        tx,
        { requestId: 'demo', now: t.clock.now, actor: null },
        { name, managerId: users[manager]! },
      );
    }
    return seedDemoServices(tx, users, t.clock.now);
  });
});
afterAll(() => t.close());

type Row = { id: number; number: string; type: string; status: string; created_at: Date | string };

describe('demo services', () => {
  it('has every type in every status, created over the last two years', async () => {
    const services = await t.database.query<Row>(
      'select s.id, s.number, t.item as type, s.status, s.created_at from services s join dictionary_entries t on t.id = s.type_id',
    );
    expect(services).toHaveLength(made);
    const combos = new Set(services.map((s) => `${s.type}/${s.status}`));
    for (const type of ['咨询', '投诉', '建议'])
      for (const status of ['new', 'assigned', 'handled', 'archived']) expect(combos).toContain(`${type}/${status}`);
    const ages = services.map((s) => (t.clock.now.getTime() - new Date(s.created_at).getTime()) / 86_400_000);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(730);
    expect(Math.max(...ages)).toBeGreaterThan(600);
    expect(new Set(services.map((s) => s.number)).size).toBe(made);
  });

  it('keeps a history that matches each status, in time order, no step in the future', async () => {
    const events = await t.database.query<{
      service_id: number;
      kind: string;
      satisfaction: number | null;
      at: Date | string;
    }>('select service_id, kind, satisfaction, at from service_events order by service_id, id');
    const services = await t.database.query<{ id: number; status: string; satisfaction: number | null }>(
      'select id, status, satisfaction from services',
    );
    for (const s of services) {
      const own = events.filter((e) => e.service_id === s.id);
      const times = own.map((e) => new Date(e.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThanOrEqual(t.clock.now.getTime());
      expect(own[0]!.kind).toBe('created');
      const last = own.at(-1)!;
      const expected = {
        new: 'created',
        assigned: last.kind === 'feedback' ? 'feedback' : 'assigned',
        handled: 'handled',
        archived: 'feedback',
      }[s.status];
      expect(last.kind, `service ${s.id}`).toBe(expected);
      if (s.status === 'archived') expect(last.satisfaction).toBeGreaterThanOrEqual(3);
      if (s.status === 'assigned' && last.kind === 'feedback') expect(last.satisfaction).toBeLessThan(3);
    }
  });

  it('shows a dissatisfied round in the detail of an archived service', async () => {
    const [looped] = await t.database.query<{ id: number }>(
      "select s.id from services s where s.status = 'archived' and (select count(*) from service_events e where e.service_id = s.id and e.kind = 'feedback') = 2 limit 1",
    );
    const director = await t.login('director');
    const detail = await director.get(`/services/${looped!.id}`);
    expect(detail.status).toBe(200);
    const feedbacks = detail.body.history.filter((e: { kind: string }) => e.kind === 'feedback');
    expect(feedbacks[0].satisfaction).toBeLessThan(3);
    expect(feedbacks[1].satisfaction).toBeGreaterThanOrEqual(3);
    expect(detail.body.history.filter((e: { kind: string }) => e.kind === 'handled')).toHaveLength(2);
  });

  it('adds nothing while there are no customers', () => {
    expect(madeWithoutCustomers).toBe(0);
  });
});
