import { describe, expect, it } from 'vitest';
import { buildCustomer, buildPoolCustomer, ok, testApp, userId } from '../../test/factories.ts';

const { t, admin, manager1, director } = await testApp('admin', 'manager1', 'director');

/** Puts a customer into the pool the way a release leaves it (docs/organisation.md#customer-pool). */
async function intoPool(customerId: number, previousManagerId: number) {
  await t.database.query(
    `update customers set manager_id = null, pool_entered_at = now(), pool_reason = 'released',
       previous_manager_id = $2 where id = $1`,
    [customerId, previousManagerId],
  );
}

const names = (page: { items: { name: string }[] }) => page.items.map((c) => c.name).sort();

describe('the customer list and details under the data scope (docs/organisation.md#data-scope)', async () => {
  const m1 = await userId(t, 'manager1');
  const own = await buildCustomer(t, { name: '范围甲本人客户', manager: 'manager1' });
  const other = await buildCustomer(t, { name: '范围甲他人客户', manager: 'manager2' });
  const pooled = await buildCustomer(t, { name: '范围甲公海客户', manager: 'manager2' });
  await intoPool(pooled.id, await userId(t, 'manager2'));

  it('filters by pool: true lists only pool customers (no manager), false only owned ones, absent both', async () => {
    const q = `/customers?name=${encodeURIComponent('范围甲')}`;
    expect(names(ok(await director.get(`${q}&pool=true`)))).toEqual(['范围甲公海客户']);
    expect(names(ok(await director.get(`${q}&pool=false`)))).toEqual(['范围甲他人客户', '范围甲本人客户']);
    expect(ok(await director.get(`${q}`)).total).toBe(3);
    const detail = ok(await director.get(`/customers/${pooled.id}`));
    expect(detail).toMatchObject({ managerId: null, manager: null });
    expect((await director.get(`/customers?pool=maybe`)).status).toBe(400);
  });

  it('with customers narrowed to self, a manager lists and opens own and pool customers only; others are 404', async () => {
    const roles = ok(await admin.get('/roles')) as { id: number; code: string; dataScope: Record<string, string> }[];
    const manager = roles.find((r) => r.code === 'manager')!;
    expect(manager.dataScope).toEqual({ customers: 'all', opportunities: 'self', services: 'all', churn: 'self' });
    const q = `/customers?name=${encodeURIComponent('范围甲')}`;
    expect(ok(await manager1.get(q)).total).toBe(3);

    ok(await admin.patch(`/roles/${manager.id}`, { dataScope: { ...manager.dataScope, customers: 'self' } }));
    try {
      const page = ok(await manager1.get(q));
      expect(names(page)).toEqual(['范围甲公海客户', '范围甲本人客户']);
      expect(page.total).toBe(2);
      expect((await manager1.get(`/customers/${other.id}`)).status).toBe(404);
      expect((await manager1.get(`/customers/${other.id}/contacts`)).status).toBe(404);
      expect((await manager1.get(`/customers/${own.id}`)).status).toBe(200);
      expect(ok(await manager1.get('/auth/me')).user.dataScope.customers).toBe('self');
      expect(ok(await manager1.get('/auth/me')).user.departmentId).toBeNull();
      expect(m1).toBe(own.managerId);
    } finally {
      ok(await admin.patch(`/roles/${manager.id}`, { dataScope: manager.dataScope }));
    }
  });
});

describe('a pool customer leaves the pool only by a claim or an assignment (docs/organisation.md#customer-pool, rule 8)', () => {
  it('refuses to give it a manager by PATCH: 409 INVALID_STATE, nothing changed, no history', async () => {
    const pooled = await buildPoolCustomer(t, { name: '范围乙公海客户' });
    const before = ok(await director.get(`/customers/${pooled.id}`));
    const res = await director.patch(`/customers/${pooled.id}`, {
      version: before.version,
      managerId: await userId(t, 'manager1'),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect(ok(await director.get(`/customers/${pooled.id}`))).toEqual(before);
    expect(ok(await director.get(`/customers/${pooled.id}/pool-history`))).toHaveLength(
      (await t.database.query('select 1 from customer_pool_events where customer_id = $1', [pooled.id])).length,
    );
    // its other fields stay editable
    const renamed = ok(await director.patch(`/customers/${pooled.id}`, { version: before.version, address: '新地址' }));
    expect(renamed).toMatchObject({ address: '新地址', managerId: null });
  });
});
