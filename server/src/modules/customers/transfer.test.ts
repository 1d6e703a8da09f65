import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../test/fingerprint.ts';
import { buildCustomer, count, errorPaths, insertChurnWarning, testApp, userIds } from '../../test/factories.ts';
import { inDepartment, regionalTeam } from '../../test/departments.ts';

/** docs/organisation.md#transfer-and-handover, rule 1: a director transfers customers to another active manager. */
const { t, director, admin, manager1 } = await testApp('director', 'admin', 'manager1');
const ids = await userIds(t, 'manager1', 'manager2', 'director');

const managerOf = async (id: number) =>
  (await t.database.query<{ m: number | null }>('select manager_id as m from customers where id = $1', [id]))[0]!.m;
const versionOf = async (id: number) =>
  (await t.database.query<{ v: number }>('select version as v from customers where id = $1', [id]))[0]!.v;

describe('transferring customers', () => {
  it('moves the chosen customers to the new manager, one audit entry each, versions up', async () => {
    const a = await buildCustomer(t);
    const b = await buildCustomer(t);
    const res = await director.post('/customers/transfer', {
      customerIds: [b.id, a.id, a.id],
      toManagerId: ids.manager2,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ transferred: 2 });
    expect(await managerOf(a.id)).toBe(ids.manager2);
    expect(await managerOf(b.id)).toBe(ids.manager2);
    expect(await versionOf(a.id)).toBe(a.version + 1);
    const audits = await t.database.query<{
      entity_id: string;
      before: { managerId: number };
      after: { managerId: number };
    }>(
      `select entity_id, before, after from audit_log where action = 'transfer' and entity = 'customer'
         and entity_id = any($1::text[]) order by entity_id::int`,
      [[String(a.id), String(b.id)]],
    );
    expect(audits).toEqual([
      {
        entity_id: String(a.id),
        before: expect.objectContaining({ managerId: ids.manager1 }),
        after: expect.objectContaining({ managerId: ids.manager2 }),
      },
      {
        entity_id: String(b.id),
        before: expect.objectContaining({ managerId: ids.manager1 }),
        after: expect.objectContaining({ managerId: ids.manager2 }),
      },
    ]);
  });

  it('counts the customers the new manager already had as not transferred, and leaves them untouched', async () => {
    const mine = await buildCustomer(t, { manager: 'manager2' });
    const other = await buildCustomer(t);
    const res = await director.post('/customers/transfer', {
      customerIds: [mine.id, other.id],
      toManagerId: ids.manager2,
    });
    expect(res.body).toEqual({ transferred: 1 });
    expect(await versionOf(mine.id)).toBe(mine.version);
    expect(
      await count(t, `select count(*)::int as n from audit_log where action = 'transfer' and entity_id = $1`, [
        String(mine.id),
      ]),
    ).toBe(0);
  });

  it('takes the open churn warnings along, and leaves the closed ones', async () => {
    const c = await buildCustomer(t);
    const lost = await insertChurnWarning(t, { customerId: c.id, manager: 'manager1', status: 'recovered' });
    const open = await insertChurnWarning(t, { customerId: c.id, manager: 'manager1', status: 'delayed' });
    expect(
      (await director.post('/customers/transfer', { customerIds: [c.id], toManagerId: ids.manager2 })).status,
    ).toBe(200);
    const rows = await t.database.query<{ id: number; manager_id: number }>(
      'select id, manager_id from churn_warnings where customer_id = $1 order by id',
      [c.id],
    );
    expect(rows).toEqual([
      { id: lost, manager_id: ids.manager1 },
      { id: open, manager_id: ids.manager2 },
    ]);
  });

  it('moves nothing when one customer is unknown (404), or the target is no active manager (400 toManagerId)', async () => {
    const c = await buildCustomer(t);
    const before = await fingerprint(t.database);
    const unknown = await director.post('/customers/transfer', {
      customerIds: [c.id, 99_999_999],
      toManagerId: ids.manager2,
    });
    expect(unknown.status).toBe(404);
    const disabled = await admin.post('/users', {
      username: 'gone',
      displayName: '已离职',
      password: 'long-enough',
      roles: ['manager'],
    });
    await admin.patch(`/users/${disabled.body.id}`, { active: false });
    const afterUser = await fingerprint(t.database);
    for (const toManagerId of [disabled.body.id, ids.director, 99_999_999]) {
      const res = await director.post('/customers/transfer', { customerIds: [c.id], toManagerId });
      expect(res.status).toBe(400);
      expect(errorPaths(res)).toEqual(['toManagerId']);
    }
    expect(await fingerprint(t.database)).toBe(afterUser);
    expect(afterUser).not.toBe(before); // the user was created; the transfers changed nothing
    expect(await managerOf(c.id)).toBe(ids.manager1);
  });

  it('refuses a customer in the pool (409 INVALID_STATE): it is assigned from the pool', async () => {
    const c = await buildCustomer(t);
    await t.database.query(
      "update customers set manager_id = null, pool_entered_at = now(), pool_reason = 'released', previous_manager_id = $2 where id = $1",
      [c.id, ids.manager1],
    );
    const other = await buildCustomer(t);
    const before = await fingerprint(t.database);
    const res = await director.post('/customers/transfer', {
      customerIds: [other.id, c.id],
      toManagerId: ids.manager2,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_STATE');
    expect(await fingerprint(t.database)).toBe(before);
    expect(await managerOf(other.id)).toBe(ids.manager1);
  });

  it('is for directors: a manager or an administrator gets 403', async () => {
    const c = await buildCustomer(t);
    for (const who of [manager1, admin]) {
      expect((await who.post('/customers/transfer', { customerIds: [c.id], toManagerId: ids.manager2 })).status).toBe(
        403,
      );
    }
  });
});

describe('transfer inside the data scope (docs/organisation.md#data-scope, rule 5)', () => {
  it('a director with department scope transfers inside it; a customer or a manager outside it is refused, nothing moves', async () => {
    const north = await regionalTeam(t, admin, '华北', 'north');
    const south = await regionalTeam(t, admin, '华南', 'south');
    const northCustomer = await buildCustomer(t, { manager: north.managerId });
    const southCustomer = await buildCustomer(t, { manager: south.managerId });
    const outside = await buildCustomer(t); // manager1 has no department

    // the new manager must be inside the scope too
    const before = await fingerprint(t.database);
    const toOutsider = await north.director.post('/customers/transfer', {
      customerIds: [northCustomer.id],
      toManagerId: south.managerId,
    });
    expect(toOutsider.status).toBe(400);
    expect(errorPaths(toOutsider)).toEqual(['toManagerId']);

    // a second manager of the department takes over; customers outside the department do not exist for the director
    const second = await admin.post('/users', {
      username: 'northm2',
      displayName: '华北经理二',
      password: 'long-enough',
      roles: ['manager'],
    });
    expect(second.status).toBe(201);
    await inDepartment(t, second.body.id, north.departmentId);
    const afterUser = await fingerprint(t.database);
    for (const unseen of [southCustomer.id, outside.id]) {
      const res = await north.director.post('/customers/transfer', {
        customerIds: [northCustomer.id, unseen],
        toManagerId: second.body.id,
      });
      expect(res.status, res.text).toBe(404);
    }
    expect(await fingerprint(t.database)).toBe(afterUser);
    expect(afterUser).not.toBe(before);
    expect(await managerOf(northCustomer.id)).toBe(north.managerId);

    const ok = await north.director.post('/customers/transfer', {
      customerIds: [northCustomer.id],
      toManagerId: second.body.id,
    });
    expect(ok.body).toEqual({ transferred: 1 });
    expect(await managerOf(northCustomer.id)).toBe(second.body.id);
  });
});
