import { INITIAL_ROLES } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../test/harness.ts';
import {
  buildCustomer,
  dictionaryId,
  ok,
  serviceMonthTotalsDrift,
  serviceTotalsDrift,
  testApp,
} from '../../test/factories.ts';

/**
 * The service list's total under a department scope is summed over the counts kept per departments and status
 * (migration 0035; docs/organisation.md#data-scope, rules 3 and 4). Each write that moves a service into or out of a
 * regional director's scope — an assignment, a handling, a customer's transfer, its release to the pool, a user's
 * move to another department — changes the total exactly as the list's rows change, and the kept counts stay equal to
 * a recount.
 */
const { t, admin, director } = await testApp('admin', 'director');

let regional: Client;
let m1: Client;
const id: Record<'north' | 'south' | 'm1' | 'm2' | 'm3', number> = { north: 0, south: 0, m1: 0, m2: 0, m3: 0 };
const service: Record<'s1' | 's2' | 's3' | 's4', number> = { s1: 0, s2: 0, s3: 0, s4: 0 };
let c1: { id: number };

const department = async (name: string, parentId?: number) =>
  (ok(await admin.post('/departments', { name, parentId }), 201) as { id: number }).id;
const user = async (username: string, roles: string[], departmentId?: number) =>
  (
    ok(
      await admin.post('/users', { username, displayName: username, password: 'long-enough', roles, departmentId }),
      201,
    ) as { id: number }
  ).id;

beforeAll(async () => {
  // the administrator also holds the director's role, so that the role below stays within what they hold
  await t.database.query(`insert into user_roles (user_id, role_id) select u.id, r.id from users u, roles r
                          where u.username = 'admin' and r.code = 'director'`);
  const sales = await department('总部销售');
  [id.north, id.south] = [await department('北区', sales), await department('南区', sales)];
  const tree = 'departmentTree';
  ok(
    await admin.post('/roles', {
      code: 'regional_services',
      name: '区域主管',
      permissions: INITIAL_ROLES.director.permissions,
      dataScope: { customers: tree, opportunities: tree, services: tree, churn: tree },
    }),
    201,
  );
  await user('regional_s', ['regional_services'], id.north);
  id.m1 = await user('totals_m1', ['manager'], id.north);
  id.m2 = await user('totals_m2', ['manager'], id.south);
  id.m3 = await user('totals_m3', ['manager']);
  [regional, m1] = [await t.login('regional_s', 'long-enough'), await t.login('totals_m1', 'long-enough')];
  const m2 = await t.login('totals_m2', 'long-enough');
  const m3 = await t.login('totals_m3', 'long-enough');
  c1 = await buildCustomer(t, { manager: id.m1, bare: true, name: '北区客户有限公司' });
  const c2 = await buildCustomer(t, { manager: id.m2, bare: true, name: '南区客户有限公司' });
  const c3 = await buildCustomer(t, { manager: id.m3, bare: true, name: '无部门客户有限公司' });
  const typeId = await dictionaryId(t, 'serviceType');
  const file = async (by: Client, customerId: number) =>
    (ok(await by.post('/services', { typeId, summary: '咨询', customerId, request: '请求' }), 201) as { id: number })
      .id;
  service.s1 = await file(m2, c1.id); // its customer's manager is in the north
  service.s2 = await file(m1, c2.id); // its creator is
  service.s3 = await file(m3, c3.id); // no one is
  service.s4 = await file(m2, c2.id); // no one is
}, 120_000);

const ids = (items: { id: number }[]) => items.map((i) => i.id).sort((a, b) => a - b);
const of = (...names: (keyof typeof service)[]) => names.map((n) => service[n]).sort((a, b) => a - b);

/**
 * The regional director's list (all, and per status), its totals equal to its rows and to the workbench's services of
 * this year; and no drift.
 */
async function regionalSees(expected: number[], byStatus: Partial<Record<string, number[]>> = {}) {
  const mine = (
    await t.database.query<{ id: number }>('select id from services where id = any($1::int[])', [
      Object.values(service),
    ])
  ).map((r) => r.id);
  const list = ok(await regional.get('/services?pageSize=100')) as { items: { id: number }[]; total: number };
  expect(ids(list.items).filter((i) => mine.includes(i))).toEqual(expected);
  expect(list.total).toBe(list.items.length);
  // the workbench's services created this year: the same services, all filed this year (migration 0042's counts)
  const workbench = ok(await regional.get('/workbench')) as { figures: { services: number } };
  expect(workbench.figures.services).toBe(list.total);
  for (const status of ['new', 'assigned', 'handled']) {
    const page = ok(await regional.get(`/services?status=${status}&pageSize=100`)) as {
      items: { id: number }[];
      total: number;
    };
    expect(page.total).toBe(page.items.length);
    if (byStatus[status]) expect(ids(page.items).filter((i) => mine.includes(i))).toEqual(byStatus[status]);
  }
  expect(await serviceTotalsDrift(t)).toEqual([]);
  expect(await serviceMonthTotalsDrift(t)).toEqual([]);
}

describe('a regional director’s service total (kept counts, migration 0035)', () => {
  it('follows each write that moves a service into or out of the region', async () => {
    await regionalSees(of('s1', 's2'), { new: of('s1', 's2') });

    // assigned to a manager of the region: inside, now among the assigned
    ok(await director.post(`/services/${service.s4}/assign`, { assigneeId: id.m1 }));
    await regionalSees(of('s1', 's2', 's4'), { new: of('s1', 's2'), assigned: of('s4') });

    // its customer transferred to a manager of the region: inside
    expect(
      ok(
        await director.post('/customers/transfer', { customerIds: [await customerOf(service.s3)], toManagerId: id.m1 }),
      ),
    ).toMatchObject({ transferred: 1 });
    await regionalSees(of('s1', 's2', 's3', 's4'));

    // handled: from assigned to handled
    ok(await m1.post(`/services/${service.s4}/handle`, { handling: '已电话回复' }));
    await regionalSees(of('s1', 's2', 's3', 's4'), { assigned: [], handled: of('s4') });

    // the region's manager moves south: everything that was inside through them leaves
    ok(await admin.patch(`/users/${id.m1}`, { departmentId: id.south }));
    await regionalSees([]);

    // the south's manager moves north: what they filed, and their customer's, comes in
    ok(await admin.patch(`/users/${id.m2}`, { departmentId: id.north }));
    await regionalSees(of('s1', 's2', 's4'));

    // a customer released to the pool (no manager): its service stays inside through its creator
    ok(await admin.patch(`/users/${id.m1}`, { departmentId: null }));
    ok(await m1.post(`/customers/${c1.id}/release`, { reason: '客户不再需要' }));
    await regionalSees(of('s1', 's2', 's4'));
  });
});

async function customerOf(serviceId: number) {
  const [row] = await t.database.query<{ customer_id: number }>('select customer_id from services where id = $1', [
    serviceId,
  ]);
  return row!.customer_id;
}
