import { describe, expect, it } from 'vitest';
import type { PoolClient } from 'pg';
import {
  buildCustomer,
  dictionaryId,
  overlapping,
  serviceMonthTotalsDrift,
  serviceTotalsDrift,
  testApp,
  userIds,
} from '../../test/factories.ts';

/**
 * The kept service counts (migration 0035) on PostgreSQL, with two connections at once: a new service and a change of
 * its customer's manager, or of its creator's department, in transactions that overlap. Whichever runs first, the
 * other waits for its transaction and then counts from what it wrote, so the counts equal a recount afterwards.
 */
const { t } = await testApp();

async function department(name: string) {
  const [row] = await t.database.query<{ id: number }>('insert into departments (name) values ($1) returning id', [
    name,
  ]);
  return row!.id;
}

const insertService = async (client: PoolClient, customerId: number, createdBy: number, number: string) =>
  client.query(
    `insert into services (number, type_id, summary, customer_id, request, created_by) values ($1, $2, '摘要', $3, '请求', $4)`,
    [number, await dictionaryId(t, 'serviceType'), customerId, createdBy],
  );

describe('the kept service counts under concurrent writes', () => {
  it('a service filed while its customer changes manager, in either order', async () => {
    const ids = await userIds(t, 'manager1', 'manager2');
    const [north, south] = [await department('并发北部'), await department('并发南部')];
    await t.database.query('update users set department_id = $1 where id = $2', [north, ids.manager1]);
    await t.database.query('update users set department_id = $1 where id = $2', [south, ids.manager2]);
    const customer = await buildCustomer(t, { manager: ids.manager1, bare: true });
    const transfer = (c: PoolClient) =>
      c.query('update customers set manager_id = $1 where id = $2', [ids.manager2, customer.id]);
    const transferBack = (c: PoolClient) =>
      c.query('update customers set manager_id = $1 where id = $2', [ids.manager1, customer.id]);

    expect(await overlapping(t, transfer, (c) => insertService(c, customer.id, ids.manager1, 'SV-RACE-1'))).toBe(true);
    expect(await serviceTotalsDrift(t)).toEqual([]);
    expect(await serviceMonthTotalsDrift(t)).toEqual([]);
    expect(await overlapping(t, (c) => insertService(c, customer.id, ids.manager1, 'SV-RACE-2'), transferBack)).toBe(
      true,
    );
    expect(await serviceTotalsDrift(t)).toEqual([]);
    expect(await serviceMonthTotalsDrift(t)).toEqual([]);
  });

  it('a service filed while its creator changes department, in either order', async () => {
    const ids = await userIds(t, 'manager1', 'manager2');
    const east = await department('并发东部');
    const customer = await buildCustomer(t, { manager: ids.manager2, bare: true });
    const move = (c: PoolClient) => c.query('update users set department_id = $1 where id = $2', [east, ids.manager1]);
    const moveBack = (c: PoolClient) => c.query('update users set department_id = null where id = $1', [ids.manager1]);

    expect(await overlapping(t, move, (c) => insertService(c, customer.id, ids.manager1, 'SV-RACE-3'))).toBe(true);
    expect(await serviceTotalsDrift(t)).toEqual([]);
    expect(await serviceMonthTotalsDrift(t)).toEqual([]);
    expect(await overlapping(t, (c) => insertService(c, customer.id, ids.manager1, 'SV-RACE-4'), moveBack)).toBe(true);
    expect(await serviceTotalsDrift(t)).toEqual([]);
    expect(await serviceMonthTotalsDrift(t)).toEqual([]);
  });
});
