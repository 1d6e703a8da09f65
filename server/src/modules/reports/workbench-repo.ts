import { sql, type SQL } from 'drizzle-orm';
import type { WorkbenchCard } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { rowCount } from '../../db/page.ts';
import { rows, withPlainPlans, within } from '../../db/sql.ts';
import {
  churnScopeParts,
  customerInScope,
  customerScopeParts,
  keptServiceCount,
  keptServicesCreated,
  opportunityInScope,
  serviceInScope,
  type Reader,
} from '../../platform/scope.ts';

/** How many items a card lists; the count says how many there are in all. */
const CARD_ITEMS = 5;

type ItemRow = { id: number; title: string; subtitle: string | null; at: string | null };

/**
 * A card: the first items (through the status indexes, LIMIT before any join work) and, separately, how many there
 * are in all (an index-only count) — a window count would join every matching row just to count it.
 * `items` selects id, title, subtitle, at; `count` selects `count(*)::int as n`.
 */
async function card(db: DbOrTx, items: SQL, count: SQL): Promise<WorkbenchCard> {
  const found = await rows<ItemRow>(db, items);
  const total = found.length < CARD_ITEMS ? found.length : ((await rows<{ n: number }>(db, count))[0]?.n ?? 0);
  return {
    count: total,
    items: found.map((r) => ({
      id: r.id,
      title: r.title,
      subtitle: r.subtitle,
      at: r.at,
    })),
  };
}

/** A manager's opportunities to develop: assigned to them, still in development (docs/product.md#workbench, rule 2). */
export const opportunitiesToDevelop = (db: DbOrTx, userId: number) => {
  const where = sql`where status = 'assigned' and assignee_id = ${userId}`;
  return card(
    db,
    sql`select id, summary as title, customer_name as subtitle, assigned_at as at from opportunities ${where}
        order by assigned_at desc, id desc limit ${CARD_ITEMS}`,
    sql`select count(*)::int as n from opportunities ${where}`,
  );
};

/**
 * A director's opportunities still to assign (docs/product.md#workbench, rule 3), oldest first: they have waited
 * longest. Only those inside the director's scope (docs/organisation.md#data-scope, rule 4).
 */
export const unassignedOpportunities = (db: DbOrTx, reader: Reader) => {
  const where = sql`where o.status = 'unassigned' and ${opportunityInScope(reader)}`;
  return card(
    db,
    sql`select o.id, o.summary as title, o.customer_name as subtitle, o.created_at as at from opportunities o ${where}
        order by o.created_at, o.id limit ${CARD_ITEMS}`,
    sql`select count(*)::int as n from opportunities o ${where}`,
  );
};

/**
 * Services of one status: assigned to `userId` (to handle, to follow up: always in their scope) or not yet assigned
 * (new) and inside the `reader`'s scope (docs/organisation.md#data-scope, rule 4).
 */
const servicesIn = (
  db: DbOrTx,
  status: 'new' | 'assigned' | 'handled',
  who: { userId: number } | { reader: Reader },
) => {
  const at = status === 'handled' ? sql`s.handled_at` : status === 'assigned' ? sql`s.assigned_at` : sql`s.created_at`;
  const where = (page: boolean) => sql`where s.status = ${status}
    and ${'userId' in who ? sql`s.assignee_id = ${who.userId}` : serviceInScope(who.reader, 's', page)}`;
  // the new services in everyone's or a department's scope: summed over the kept counts
  const kept = 'reader' in who ? keptServiceCount(who.reader, status) : undefined;
  return card(
    db,
    sql`select s.id, s.summary as title, c.name as subtitle, ${at} as at
        from services s join customers c on c.id = s.customer_id ${where(true)}
        order by ${at}, s.id limit ${CARD_ITEMS}`,
    sql`select (${kept ?? sql`select count(*) from services s ${where(false)}`})::int as n`,
  );
};
export const servicesToHandle = (db: DbOrTx, userId: number) => servicesIn(db, 'assigned', { userId });
export const servicesToFollowUp = (db: DbOrTx, userId: number) => servicesIn(db, 'handled', { userId });
export const newServices = (db: DbOrTx, reader: Reader) => servicesIn(db, 'new', { reader });

/** Open churn warnings (warning, delayed) of the customers a manager is responsible for, longest silent first. */
export const churnWarningsOf = (db: DbOrTx, userId: number) => {
  const from = sql`from churn_warnings w join customers c on c.id = w.customer_id
                   where w.status in ('warning', 'delayed') and c.manager_id = ${userId}`;
  return card(
    db,
    sql`select w.id, c.name as title, w.status as subtitle, w.last_order_date::text as at ${from}
        order by w.last_order_date nulls first, w.id limit ${CARD_ITEMS}`,
    sql`select count(*)::int as n ${from}`,
  );
};

/**
 * This year's key figures, each its own statement, asked for at once (each on a connection of its own: the figures
 * wait for the slowest rather than for their sum); the customers' count from the row count the triggers of migration
 * 0007 keep when the reader sees every customer, the order amount (counted orders of the customers the CRM knows)
 * from the amounts per manager and year those of migration 0036 keep, the services created in the year from the
 * counts per departments and month those of migration 0042 keep.
 * Each figure counts only the records inside the reader's scope for its family (docs/organisation.md#data-scope,
 * rule 4): customers, their new ones and their order amount (customers), open churn warnings (churn), services.
 */
export async function keyFigures(db: Db, reader: Reader, year: number, from: Date, to: Date) {
  const figures = figureQueries(reader, year, from, to);
  // a scoped reader's counts are estimated above PostgreSQL's JIT threshold (about 500,000 at scale L) while each is a
  // few milliseconds of one index
  const read = (query: SQL) => async (tx: DbOrTx) => (await rows<{ n: number }>(tx, sql`select ${query} as n`))[0]!.n;
  const values = await Promise.all(Object.values(figures).map((query) => withPlainPlans(db, read(query))));
  return Object.fromEntries(Object.keys(figures).map((key, i) => [key, values[i]!])) as Record<
    keyof typeof figures,
    number
  >;
}

function figureQueries(reader: Reader, year: number, from: Date, to: Date) {
  const allCustomers = reader.dataScope.customers === 'all';
  const customersIn = allCustomers ? sql`true` : customerInScope(reader);
  // a narrower scope's customers counted as their two parts (the pool, the scope's managers), each one index condition
  // on the manager: their `or` read every customer's index entry
  const counted = allCustomers
    ? rowCount('customers')
    : sql.join(
        customerScopeParts(reader).map((where) => sql`(select count(*) from customers c where ${where})`),
        sql` + `,
      );
  return {
    customers: sql`((${counted}) - (select count(*) from customers c where c.status = 'merged' and ${customersIn}))::int`,
    newCustomers: sql`(select count(*)::int from customers c where ${within(sql`c.created_at`, { from, to })}
      and ${customersIn} and c.status <> 'merged')`,
    // summed over the kept amounts of the scope's managers and the pool (migration 0036)
    orderAmount: sql`coalesce((select round(sum(t.amount), 2)::float8 from manager_sales_years t
      where t.year = ${year} and ${customerInScope(reader, 't')}), 0)`,
    openChurnWarnings: openWarnings(reader),
    // everyone's and a department's summed over the kept counts per departments and month (migration 0042)
    services: sql`(${
      keptServicesCreated(reader, { from, to }) ??
      sql`select count(*) from services s where ${within(sql`s.created_at`, { from, to })} and ${serviceInScope(reader)}`
    })::int`,
  };
}

/** Open churn warnings in scope; a narrower scope's as its two disjoint parts, each read on its own. */
function openWarnings(reader: Reader): SQL {
  const open = sql`w.status in ('warning', 'delayed')`;
  if (reader.dataScope.churn === 'all') return sql`(select count(*)::int from churn_warnings w where ${open})`;
  const [raisedFor, ofCustomer] = churnScopeParts(reader);
  return sql`((select count(*) from churn_warnings w where ${open} and ${raisedFor})
    + (select count(*) from churn_warnings w join customers c on c.id = w.customer_id where ${open} and ${ofCustomer}))::int`;
}
