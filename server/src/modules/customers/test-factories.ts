import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { customers, dictionaryEntries, users } from '../../db/schema/index.ts';
import { insertCustomer, type NewContact } from './create.ts';

let seq = 0;

const entryOf = async (db: DbOrTx, type: string, item?: string) =>
  (
    await db
      .select({ id: dictionaryEntries.id })
      .from(dictionaryEntries)
      .where(
        item
          ? and(eq(dictionaryEntries.type, type), eq(dictionaryEntries.item, item))
          : eq(dictionaryEntries.type, type),
      )
      .orderBy(asc(dictionaryEntries.id))
      .limit(1)
  )[0]?.id;

export const userId = async (db: DbOrTx, username: string) => {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
};

export type MakeCustomer = {
  /** A username (default `manager1`) or an id. */
  manager?: string | number;
  name?: string;
  /** Dictionary items, e.g. 北京 / 大客户; default the first entry of the type. */
  region?: string;
  level?: string;
  satisfaction?: number | null;
  credit?: number | null;
  status?: 'normal' | 'lost';
  /** Creation time (and the day of its number); default now. Churn tests move it back. */
  createdAt?: Date;
  /** Like a customer created from an opportunity: name and manager only. */
  bare?: boolean;
  firstContact?: NewContact;
};

/**
 * For tests of every module (churn, services, reports …): a customer with a generated number, complete unless
 * `bare`. Answers the stored row (`id`, `number`, `managerId`, …).
 */
export async function makeCustomer(db: DbOrTx, o: MakeCustomer = {}) {
  const managerId = typeof o.manager === 'number' ? o.manager : await userId(db, o.manager ?? 'manager1');
  const now = o.createdAt ?? new Date();
  const details = o.bare
    ? {}
    : {
        regionId: await entryOf(db, 'region', o.region),
        levelId: await entryOf(db, 'customerLevel', o.level),
        satisfaction: o.satisfaction === undefined ? 3 : o.satisfaction,
        credit: o.credit === undefined ? 4 : o.credit,
        address: '北京市海淀区中关村大街27号',
        phone: '010-62510001',
      };
  const created = await insertCustomer(
    db,
    { requestId: 'test-factory', now, actor: null },
    { name: o.name ?? `测试客户${++seq}有限公司`, managerId, ...details },
    o.firstContact,
  );
  if (o.status === 'lost') {
    const [lost] = await db.update(customers).set({ status: 'lost' }).where(eq(customers.id, created.id)).returning();
    return lost!;
  }
  return created;
}
