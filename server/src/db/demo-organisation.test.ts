import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCreditCode } from '@crm/contracts';
import type { Database } from './client.ts';
import { migrate } from './migrate.ts';
import { seedOnFirstStart } from './seed/index.ts';
import { emptyDatabase } from '../test/databases.ts';
import { DEMO_PORTAL_USERNAME } from '../modules/portal/index.ts';
import { verifyPassword } from '../platform/passwords.ts';
import { DEMO_PASSWORD } from './seed/users.ts';

/** The demo company's organisation and pool (docs/organisation.md#departments, #customer-pool). */
let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const empty = await emptyDatabase();
  drop = empty.drop;
  database = empty.open();
  await migrate(database);
  await seedOnFirstStart(database, { demo: true, adminPassword: undefined }, new Date());
});
afterAll(async () => {
  if (database.kind === 'postgres') await database.close();
  await drop();
});

describe('the demo company’s organisation', () => {
  it('has 销售部 with 华北销售部 and 华南销售部 under it, its closure rows, and the managers in the regions', async () => {
    const tree = await database.query<{ name: string; parent: string | null; ancestors: string[]; members: string[] }>(
      `select d.name, p.name as parent,
              array(select a.name from department_paths dp join departments a on a.id = dp.ancestor_id
                    where dp.descendant_id = d.id order by dp.depth) as ancestors,
              array(select u.username from users u where u.department_id = d.id order by u.username) as members
       from departments d left join departments p on p.id = d.parent_id order by d.id`,
    );
    expect(tree).toEqual([
      { name: '销售部', parent: null, ancestors: ['销售部'], members: ['director'] },
      { name: '华北销售部', parent: '销售部', ancestors: ['华北销售部', '销售部'], members: ['manager1'] },
      { name: '华南销售部', parent: '销售部', ancestors: ['华南销售部', '销售部'], members: ['manager2'] },
    ]);
  });

  it('has a few customers in the pool, released ones with their history, new ones without a previous manager', async () => {
    const pool = await database.query<{
      reason: string;
      previous: number | null;
      entered: boolean;
      events: { action: string; manager: number; by: number }[];
      warnings: number;
    }>(
      `select c.pool_reason as reason, c.previous_manager_id as previous, c.pool_entered_at is not null as entered,
              coalesce((select json_agg(json_build_object('action', e.action, 'manager', e.manager_id, 'by', e.by_id))
                        from customer_pool_events e where e.customer_id = c.id), '[]') as events,
              (select count(*)::int from churn_warnings w where w.customer_id = c.id) as warnings
       from customers c where c.manager_id is null order by c.id`,
    );
    expect(pool.length).toBeGreaterThanOrEqual(4);
    expect(pool.length).toBeLessThanOrEqual(6);
    const released = pool.filter((p) => p.reason === 'released');
    expect(released.length).toBeGreaterThanOrEqual(2);
    expect(pool.some((p) => p.reason === 'new')).toBe(true);
    for (const p of released) {
      expect(p.previous).not.toBeNull();
      expect(p.events).toEqual([{ action: 'released', manager: p.previous, by: p.previous }]);
    }
    for (const p of pool.filter((p) => p.reason === 'new')) expect(p).toMatchObject({ previous: null, events: [] });
    expect(pool.every((p) => p.entered && p.warnings === 0)).toBe(true);
  });
});

describe('the demo company’s customers', () => {
  it('each that the company brought has a valid 统一社会信用代码 of its own (docs/product.md#customers, rule 10)', async () => {
    // the customers the company brought (those made from opportunities have none yet)
    const codes = (
      await database.query<{ code: string | null }>(
        `select credit_code as code from customers where licence_no is not null`,
      )
    ).map((r) => r.code);
    expect(codes.length).toBeGreaterThan(50);
    for (const code of codes) expect(code !== null && isCreditCode(code), String(code)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('the demo company’s portal user (docs/portal.md)', () => {
  it('is a contact of one of manager1’s customers, signs in with the demo password, and has a request waiting', async () => {
    const [account] = await database.query<{ password_hash: string; customer_id: number; manager: string }>(
      `select a.password_hash, ct.customer_id, u.username as manager
       from portal_accounts a join contacts ct on ct.id = a.contact_id
       join customers c on c.id = ct.customer_id join users u on u.id = c.manager_id
       where a.username = $1 and a.accepted_at is not null`,
      [DEMO_PORTAL_USERNAME],
    );
    expect(account!.manager).toBe('manager1');
    expect(await verifyPassword(account!.password_hash, DEMO_PASSWORD)).toBe(true);
    const requests = await database.query<{ status: string; source: string; created_by: number | null }>(
      `select s.status, s.source, s.created_by from services s
       join service_events e on e.service_id = s.id and e.kind = 'created' and e.contact_name = s.requested_by_name
       where s.customer_id = $1 and s.source = 'portal'`,
      [account!.customer_id],
    );
    expect(requests).toEqual([{ status: 'new', source: 'portal', created_by: null }]);
  });
});
