import type { TimelineAnswer, TimelineQuery } from '@crm/contracts';
import type { Deps } from '../../deps.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { customerNumbers, getCustomer } from '../customers/index.ts';
import * as repo from './repo.ts';

/** The position after every event: the first page. */
const END: repo.Cursor = { at: '9999-12-31T00:00:00.000Z', key: '' };

/** `before` as a position: a previous page's `nextBefore`, or an instant (everything strictly earlier). */
function cursorOf(before: string | undefined): repo.Cursor {
  if (!before) return END;
  const [at, key = ''] = before.split('~');
  return { at: at!, key };
}

const after = (a: repo.Row, b: repo.Row) => (a.at === b.at ? (a.key < b.key ? 1 : -1) : a.at < b.at ? 1 : -1);

/**
 * A customer's timeline (docs/timeline.md): the sales system's orders (on its own connection: no CRM connection
 * waits on it) and the CRM's events, read at once and merged newest first. When the sales system cannot be reached, the
 * rest answers with `salesUnavailable` (rule 4 of #what-is-in-it).
 */
export async function customerTimeline(deps: Deps, ctx: Ctx, customerId: number, q: TimelineQuery) {
  const customer = await getCustomer(deps.db, customerId, ctx.actor); // 404 outside the reader's scope
  const cursor = cursorOf(q.before);
  const want = q.limit + 1;
  let salesUnavailable = false;
  const readOrders = async (): Promise<repo.Row[]> => {
    if (!ctx.actor.can('order.read')) return [];
    try {
      const numbers = await customerNumbers(deps.db, customer);
      return await deps.sales.read((sq) => repo.orderEvents(sq, numbers, cursor, want));
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'SALES_UNAVAILABLE')) throw error;
      salesUnavailable = true;
      return [];
    }
  };
  // both at once: the orders on the sales system's own connection, the CRM's events on one of the CRM's
  const [orders, events] = await Promise.all([
    readOrders(),
    repo.customerEvents(deps.db, ctx.actor, customerId, cursor, want),
  ]);
  const own = events.map(({ ref_type, ref_id, ...e }): repo.Row => ({
    ...e,
    ref: { type: ref_type, id: Number(ref_id) },
    ...(e.fields ? { fields: e.fields } : { fields: undefined }),
  }));
  const merged = [...own, ...orders].sort(after);
  const page = merged.slice(0, q.limit);
  const last = page.at(-1);
  const answer: TimelineAnswer = {
    items: page.map(({ key: _key, fields, ...item }) => (fields ? { ...item, fields } : item)),
    nextBefore: merged.length > q.limit && last ? `${last.at}~${last.key}` : null,
    salesUnavailable,
  };
  return answer;
}
