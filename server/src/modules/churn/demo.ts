import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { userIdByName } from '../../db/seed/users.ts';
import { rows } from '../../db/sql.ts';
import { insertCustomer } from '../customers/index.ts';
import { utcDayBefore } from '../../platform/calendar.ts';

const DAY = 86_400_000;

type DemoWarning = {
  customer: string;
  manager: 'manager1' | 'manager2';
  status: 'warning' | 'delayed' | 'lost' | 'recovered';
  /** days before `now` */
  warnedAgo: number;
  measures?: [daysAgo: number, text: string][];
  reason?: string;
};

/**
 * The churn part of the demo company: one warning in every status, on customers of their own that were created
 * two years ago and never ordered (so the first real check neither recovers nor duplicates the open ones).
 */
const DEMO: DemoWarning[] = [
  { customer: '北京远航物流有限公司', manager: 'manager1', status: 'warning', warnedAgo: 4 },
  {
    customer: '天津海晨贸易有限公司',
    manager: 'manager1',
    status: 'delayed',
    warnedAgo: 32,
    measures: [
      [30, '电话回访采购部王经理：对方预算冻结到下季度，表示仍有采购意向。'],
      [12, '上门拜访并送去新品资料，报价九五折，约定下月初再联系。'],
    ],
  },
  {
    customer: '沈阳北方机械厂',
    manager: 'manager2',
    status: 'lost',
    warnedAgo: 95,
    measures: [
      [90, '多次电话联系未果，发函询问停购原因。'],
      [60, '得知客户已整体并入集团，由集团统一招标采购。'],
    ],
    reason: '客户被集团合并，采购转由集团总部统一招标，本公司未入围。',
  },
  { customer: '武汉长江建材有限公司', manager: 'manager2', status: 'recovered', warnedAgo: 60 },
];

/**
 * A recovered warning belongs to a customer that ordered again: when the demo's sales data is already there, one of
 * the demo customers with a counted order in the last 60 days, and its last order before that as the warning's date.
 */
async function orderedAgain(tx: DbOrTx, now: Date) {
  const [exists] = await rows<{ ok: boolean }>(tx, sql`select to_regclass('sales.orders') is not null as ok`);
  if (!exists?.ok) return undefined;
  const since = utcDayBefore(now, 60);
  const [found] = await rows<{ id: number; managerId: number; lastBefore: string | null; recentAt: string }>(
    tx,
    sql`select c.id, c.manager_id as "managerId",
               (select max(o.order_date)::text from sales.orders o where o.customer_no = c.number and o.status in (5, 6) and o.order_date < ${since}::date) as "lastBefore",
               (select min(o.order_date)::text from sales.orders o where o.customer_no = c.number and o.status in (5, 6) and o.order_date >= ${since}::date) as "recentAt"
        from customers c
        where c.status = 'normal'
          and exists (select 1 from sales.orders o where o.customer_no = c.number and o.status in (5, 6) and o.order_date >= ${since}::date)
        order by c.id limit 1`,
  );
  return found;
}

export async function seedChurnDemo(tx: DbOrTx, now: Date) {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const ctx = { actor: null, requestId: 'demo', now: at(730) };
  const again = await orderedAgain(tx, now);
  const [dict] = await rows<{ regionId: number | null; levelId: number | null }>(
    tx,
    sql`select (select id from dictionary_entries where type = 'region' order by id limit 1) as "regionId",
               (select id from dictionary_entries where type = 'customerLevel' order by id limit 1) as "levelId"`,
  );
  for (const d of DEMO) {
    if (d.status === 'recovered' && again) {
      const recoveredAt = new Date(`${again.recentAt}T12:00:00Z`);
      await tx.execute(
        sql`insert into churn_warnings (customer_id, manager_id, last_order_date, status, recovered_at, created_at)
            values (${again.id}, ${again.managerId}, ${again.lastBefore}::date, 'recovered',
                    ${new Date(Math.min(now.getTime(), recoveredAt.getTime() + 7 * DAY)).toISOString()}::timestamptz,
                    ${new Date(recoveredAt.getTime() - 30 * DAY).toISOString()}::timestamptz)`,
      );
      continue;
    }
    const managerId = (await userIdByName(tx, d.manager))!;
    const customer = await insertCustomer(tx, ctx, {
      name: d.customer,
      managerId,
      regionId: dict?.regionId ?? null,
      levelId: dict?.levelId ?? null,
      satisfaction: 3,
      credit: 3,
      address: '北京市朝阳区建国路88号',
      phone: '010-88886666',
    });
    const confirmed = d.status === 'lost' ? at(d.measures![d.measures!.length - 1]![0] - 5) : null;
    const [warning] = await rows<{ id: number }>(
      tx,
      sql`insert into churn_warnings (customer_id, manager_id, last_order_date, status, reason, confirmed_at, recovered_at, created_at)
          values (${customer.id}, ${managerId}, null, ${d.status}, ${d.reason ?? null},
                  ${confirmed?.toISOString() ?? null}::timestamptz,
                  ${d.status === 'recovered' ? at(d.warnedAgo - 20).toISOString() : null}::timestamptz,
                  ${at(d.warnedAgo).toISOString()}::timestamptz)
          returning id`,
    );
    for (const [daysAgo, text] of d.measures ?? []) {
      await tx.execute(
        sql`insert into churn_measures (warning_id, text, created_by, created_at)
            values (${warning!.id}, ${text}, ${managerId}, ${at(daysAgo).toISOString()}::timestamptz)`,
      );
    }
    if (d.status === 'lost') {
      await tx.execute(
        sql`update customers set status = 'lost', version = version + 1, updated_at = ${confirmed!.toISOString()}::timestamptz where id = ${customer.id}`,
      );
    }
  }
}
