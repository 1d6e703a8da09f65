import { beforeAll, describe, expect, it } from 'vitest';
import { yearRange } from '../../platform/calendar.ts';
import { SYSTEM_READER, type Reader } from '../../platform/scope.ts';
import { buildDepartment, inDepartment } from '../../test/departments.ts';
import { buildCustomer, insertServiceRow, keptTotalsHold, testApp, userId } from '../../test/factories.ts';
import { servicesPerType } from './repo.ts';
import { keyFigures } from './workbench-repo.ts';

/**
 * The service report of a reader who sees every service sums the counts kept per type and UTC month (migration 0039),
 * the workbench's services of a year those kept per departments and UTC month (migration 0042), and both count only the
 * services between their range's edges and the nearest month starts (docs/product.md#reports, rule 4;
 * docs/organisation.md#data-scope, rule 4). For a year or a month of any time zone, and for ranges inside a month or
 * across a month start, their answers equal a count of the services — also after services change type or creation
 * time, or are deleted.
 */
const { t, executive } = await testApp('executive');

// services of two types on both sides of the edges below
const CREATED = [
  '2024-12-31T15:59:59Z',
  '2024-12-31T16:00:00Z',
  '2024-12-31T23:59:59.999Z',
  '2025-01-01T00:00:00Z',
  '2025-01-01T04:59:59Z',
  '2025-01-01T05:00:00Z',
  '2025-02-28T16:00:00Z',
  '2025-03-09T23:00:00Z',
  '2025-03-10T00:00:00Z',
  '2025-03-17T12:00:00Z',
  '2025-03-31T16:00:00Z',
  '2025-03-31T23:00:00Z',
  '2025-04-01T01:00:00Z',
  '2025-07-15T08:00:00Z',
  '2025-12-31T15:00:00Z',
  '2025-12-31T16:00:00Z',
  '2026-01-01T04:00:00Z',
  '2026-01-01T05:00:00Z',
];

const RANGES: Record<string, [string, string]> = {
  'a year of UTC+8': ['2024-12-31T16:00:00Z', '2025-12-31T16:00:00Z'],
  'a year of UTC-5': ['2025-01-01T05:00:00Z', '2026-01-01T05:00:00Z'],
  'a UTC year': ['2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
  'a month of UTC+8': ['2025-02-28T16:00:00Z', '2025-03-31T16:00:00Z'],
  'days inside a month': ['2025-03-10T00:00:00Z', '2025-03-20T00:00:00Z'],
  'hours across a month start': ['2025-03-31T22:00:00Z', '2025-04-01T02:00:00Z'],
  'an empty range': ['2025-03-17T12:00:00Z', '2025-03-17T12:00:00Z'],
};

const serviceIds: number[] = [];

/** The services per type (every service type, zero included) counted one by one. */
const counted = (from?: string, to?: string) =>
  t.database.query<{ typeId: number; type: string; count: number }>(
    `select d.id as "typeId", d.item as type, count(s.id)::int as count
     from dictionary_entries d left join services s on s.type_id = d.id
       and ($1::timestamptz is null or (s.created_at >= $1 and s.created_at < $2))
     where d.type = 'serviceType' group by d.id, d.item order by d.id`,
    [from ?? null, to ?? null],
  );

const kept = (from?: string, to?: string) =>
  servicesPerType(t.database.db, SYSTEM_READER, from ? { from: new Date(from), to: new Date(to!) } : undefined);

async function expectEveryRangeCounted() {
  expect(await kept()).toEqual(await counted());
  for (const [from, to] of Object.values(RANGES)) expect(await kept(from, to)).toEqual(await counted(from, to));
}

beforeAll(async () => {
  const customer = await buildCustomer(t, { name: '边界服务有限公司', bare: true });
  for (const [i, at] of CREATED.entries()) {
    const type = i % 3 === 0 ? '投诉' : '咨询';
    serviceIds.push(await insertServiceRow(t, { type, customerId: customer.id, createdAt: new Date(at) }));
  }
});

/** The services created in [from, to) inside a department (their creator's or their customer's manager's), counted. */
const countedInDepartment = async (departmentId: number, from: string, to: string) =>
  (
    await t.database.query<{ n: number }>(
      `select count(*)::int as n from services s join customers c on c.id = s.customer_id
       where s.created_at >= $2 and s.created_at < $3
         and exists (select 1 from users u where u.department_id = $1
                     and u.id in (s.created_by, s.assignee_id, s.handled_by, c.manager_id))`,
      [departmentId, from, to],
    )
  )[0]!.n;

describe('the workbench’s services of a year over the kept counts per departments and month', () => {
  it('counts every range as the services one by one, for everyone and for a department', async () => {
    const departmentId = await buildDepartment(t, '边界部');
    await inDepartment(t, await userId(t, 'manager1'), departmentId); // the creator of every service above
    const department: Reader = {
      id: 0,
      departmentId,
      dataScope: { customers: 'department', opportunities: 'department', services: 'department', churn: 'department' },
    };
    for (const [from, to] of Object.values(RANGES)) {
      const range = [2025, new Date(from), new Date(to)] as const;
      const everyone = await counted(from, to);
      expect((await keyFigures(t.database.db, SYSTEM_READER, ...range)).services).toBe(
        everyone.reduce((a, r) => a + r.count, 0),
      );
      expect((await keyFigures(t.database.db, department, ...range)).services).toBe(
        await countedInDepartment(departmentId, from, to),
      );
    }
    expect(await countedInDepartment(departmentId, ...RANGES['a year of UTC+8']!)).toBeGreaterThan(0);
  });
});

describe('the service report over the kept counts per type and month', () => {
  it.each(Object.entries(RANGES))('counts %s as the services one by one', async (_, [from, to]) => {
    const answer = await kept(from, to);
    expect(answer).toEqual(await counted(from, to));
    if (from !== to) expect(answer.some((r) => r.count > 0)).toBe(true);
  });

  it('counts every year as the services one by one', async () => {
    expect(await kept()).toEqual(await counted());
  });

  it('follows services that change type or creation time, and deleted ones', async () => {
    const [a, b, c] = serviceIds;
    await t.database.query(
      `update services set type_id = (select id from dictionary_entries where type = 'serviceType' and item = '建议')
       where id = $1`,
      [a],
    );
    await t.database.query(`update services set created_at = '2025-06-30T20:00:00Z' where id = $1`, [b]);
    await t.database.query(`update services set summary = '只改了摘要' where id = $1`, [c]);
    await t.database.query(`delete from service_events where service_id = $1`, [serviceIds[4]]);
    await t.database.query(`delete from services where id = $1`, [serviceIds[4]]);
    await expectEveryRangeCounted();
  });

  it('answers the executive over HTTP as counted, for a year of the server', async () => {
    const { from, to } = yearRange(2025);
    const res = await executive.get('/reports/services?year=2025');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(await counted(from.toISOString(), to.toISOString()));
  });
});

keptTotalsHold('service month', () => t);
keptTotalsHold('service department month', () => t);
