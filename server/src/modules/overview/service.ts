import type { CustomerOverview } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDay } from '../../platform/calendar.ts';
import { getCustomer } from '../customers/index.ts';
import { risksOf, type Lang } from '../risk/index.ts';
import * as repo from './repo.ts';

/**
 * docs/overview.md: a customer at a glance — 404 outside the reader's customer scope, as its detail; the sales
 * figures from the derived copy (never the sales system), so the overview answers when the sales system is away.
 */
export async function customerOverview(db: DbOrTx, ctx: Ctx, id: number, lang: Lang): Promise<CustomerOverview> {
  const customer = await getCustomer(db, id, ctx.actor);
  const facts = await repo.overviewFacts(db, ctx.actor, customer, {
    churn: ctx.actor.can('churn.read'),
    services: ctx.actor.can('service.read'),
  });
  const risk = (await risksOf(db, [id], lang)).get(id) ?? null;
  const year = Number(localDay(ctx.now).slice(0, 4));
  const amountOf = (y: number) => facts.byYear.find((f) => f.year === y)?.amount ?? 0;
  return {
    customer,
    sales: {
      asOf: facts.asOf,
      lastOrderDate: facts.totals?.lastOrderDate ?? null,
      orderCount: facts.totals?.orderCount ?? 0,
      totalAmount: facts.totals?.amount ?? 0,
      thisYearAmount: amountOf(year),
      lastYearAmount: amountOf(year - 1),
      byYear: facts.byYear,
    },
    risk,
    churnWarning: facts.churnWarning,
    openServices: facts.openServices,
    contacts: facts.contacts,
    activities: facts.activities,
    lastFollowUpAt: facts.lastFollowUpAt,
    origin: facts.originId === null ? null : { opportunityId: facts.originId },
  };
}
