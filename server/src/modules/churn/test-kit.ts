import { userIdByName } from '../../db/seed/users.ts';
import { installSalesSchema, salesWriter } from '../../sales/test-support.ts';
import type { TestApp } from '../../test/harness.ts';
import { insertCustomer } from '../customers/create.ts';

export const DAY = 86_400_000;

/**
 * Test data for the churn tests: customers (created at a chosen instant, for a chosen manager) and counted or
 * uncounted orders in the sales schema, which the check's refresh turns into the derived figures.
 */
export async function churnKit(t: TestApp) {
  await installSalesSchema(t.database);
  const sales = salesWriter(t.database.query);
  let n = 0;
  const kit = {
    userId: async (username: string) => (await userIdByName(t.database.db, username))!,
    async customer(o: { name?: string; manager?: string; createdAt?: Date } = {}) {
      const managerId = await kit.userId(o.manager ?? 'manager1');
      const now = o.createdAt ?? new Date(t.clock.now.getTime() - 400 * DAY);
      return t.database.db.transaction((tx) =>
        insertCustomer(
          tx,
          { actor: null, requestId: 'test', now },
          { name: o.name ?? `流失测试客户${++n}`, managerId },
        ),
      );
    },
    /** An order of `customerNo` on `date`; status 5 (shipped) by default, 1–4 do not count. */
    order: (customerNo: string, date: string, status = 5) => sales.order({ customerNo, date, status, lines: [] }),
    async warningOf(customerId: number) {
      const [row] = await t.database.query<{
        id: number;
        status: string;
        last_order_date: string | null;
        manager_id: number;
      }>(
        'select id, status, last_order_date, manager_id from churn_warnings where customer_id = $1 order by id desc limit 1',
        [customerId],
      );
      return row;
    },
    async openWarnings() {
      const [row] = await t.database.query<{ n: number }>(
        "select count(*)::int as n from churn_warnings where status in ('warning', 'delayed')",
      );
      return row!.n;
    },
  };
  return kit;
}
