import { isCreditCode, type SearchAnswer, type SearchQuery } from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import * as repo from './repo.ts';

/** Separators people type inside phone numbers: `010-1234 5678`, `+86 (138) 0013.8000`. */
const PHONE = /^[\d\s\-+()./]+$/;
/** docs/search.md#what-matches, rule 3: phone digits from 4 on. */
const MIN_PHONE_DIGITS = 4;

/** What was typed, read each way it can match (docs/search.md#what-matches). */
export function termsOf(q: string): repo.Terms {
  const text = q.trim();
  const lower = text.toLowerCase();
  const letters = lower.replace(/[\s'’]/g, '');
  const digits = PHONE.test(text) ? text.replace(/\D/g, '') : '';
  return {
    text,
    lower,
    ...(/^[a-z]+$/.test(letters) ? { pinyin: letters } : {}),
    ...(digits.length >= MIN_PHONE_DIGITS ? { digits } : {}),
    ...(isCreditCode(text) ? { creditCode: text.toUpperCase() } : {}),
  };
}

/**
 * Global search (docs/search.md): each kind the reader may read, inside their data scope, best matches first; a kind
 * the reader has no permission for answers an empty list. The kinds are read at once, each on a connection of the
 * pool: the answer waits for the slowest kind, not for the sum of the four.
 */
export async function search(db: Db, ctx: Ctx, query: SearchQuery): Promise<SearchAnswer> {
  const t = termsOf(query.q);
  const { actor } = ctx;
  const options = { limit: query.limit, poolPhones: actor.can('pool.manage') };
  const readsCustomers = actor.can('customer.read');
  const none = Promise.resolve([]);
  const [customers, contacts, opportunities, services] = await Promise.all([
    readsCustomers ? repo.searchCustomers(db, actor, t, options) : none,
    readsCustomers ? repo.searchContacts(db, actor, t, options) : none,
    actor.can('opportunity.read') ? repo.searchOpportunities(db, actor, t, query.limit) : none,
    actor.can('service.read') ? repo.searchServices(db, actor, t, query.limit) : none,
  ]);
  return { customers, contacts, opportunities, services };
}
