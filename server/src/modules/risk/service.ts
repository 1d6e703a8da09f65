import type { AtRiskQuery, Page, AtRiskItem, Risk } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import * as repo from './repo.ts';
import { reasonTexts, type Lang } from './texts.ts';

/** `GET /customers/at-risk`: the customers at risk inside the reader's scope, highest first, reasons in `lang`. */
export async function listAtRisk(db: DbOrTx, ctx: Ctx, q: AtRiskQuery, lang: Lang): Promise<Page<AtRiskItem>> {
  const { items, total } = await repo.listAtRisk(db, ctx.actor, {
    level: q.level, // docs/churn-risk.md#the-list, rule 1: without a level, the customers at risk
    managerId: q.managerId,
    ...limitOffset(q),
  });
  return pageOf(
    items.map(({ reasons, ...item }) => ({ ...item, reasons: reasonTexts(reasons, lang) })),
    total,
    q,
  );
}

/**
 * The risk of customers the caller already read inside the reader's scope (the customer list, the overview), by id,
 * with their reasons in `lang`; a customer without one is missing from the map.
 */
export async function risksOf(db: DbOrTx, customerIds: number[], lang: Lang): Promise<Map<number, Risk>> {
  const stored = await repo.risksOf(db, customerIds);
  return new Map(
    [...stored].map(([id, r]) => [id, { score: r.score, level: r.level, reasons: reasonTexts(r.reasons, lang) }]),
  );
}
