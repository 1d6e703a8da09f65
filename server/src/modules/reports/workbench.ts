import type { Workbench } from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { salesAsOf } from './repo.ts';
import * as repo from './workbench-repo.ts';
import { yearRange } from '../../platform/calendar.ts';

/**
 * The home workbench (工作台): the cards the signed-in user's permissions call for, each a count and the first few
 * items, enough for links to where the work is done.
 * - Work assigned to oneself (opportunities to develop) only for users who can be assignees — active holders of the
 *   manager role, as `GET /assignees` defines them — so that a director does not see an always-empty card.
 * - Services to handle / to follow up: `service.handle` / `service.feedback`; churn warnings of one's customers:
 *   `churn.act`.
 * - A director's queues: `opportunity.assign` (unassigned opportunities), `service.assign` (new services).
 * - This year's key figures: `report.read` (directors and executives, who also get the links to the reports).
 * Every card and figure counts only records inside the user's scope (docs/organisation.md#data-scope, rule 4).
 */
export async function loadWorkbench(db: Db, ctx: Ctx): Promise<Workbench> {
  const { actor } = ctx;
  const me = actor.id;
  // each card is its own read: asked for at once, each on a connection of its own, the page waits for the slowest
  // rather than for their sum
  const cards: { [K in keyof Cards]?: Promise<Cards[K]> } = {};
  if (actor.roles.includes('manager') && actor.can('plan.manage'))
    cards.opportunitiesToDevelop = repo.opportunitiesToDevelop(db, me);
  if (actor.can('service.handle')) cards.servicesToHandle = repo.servicesToHandle(db, me);
  if (actor.can('service.feedback')) cards.servicesToFollowUp = repo.servicesToFollowUp(db, me);
  if (actor.can('churn.act')) cards.churnWarnings = repo.churnWarningsOf(db, me);
  if (actor.can('opportunity.assign')) cards.unassignedOpportunities = repo.unassignedOpportunities(db, actor);
  if (actor.can('service.assign')) cards.newServices = repo.newServices(db, actor);
  if (actor.can('report.read')) {
    // "this year" in the server's time zone, like every date filter of the product
    const year = ctx.now.getFullYear();
    const { from, to } = yearRange(year);
    cards.figures = Promise.all([repo.keyFigures(db, actor, year, from, to), salesAsOf(db)]).then(
      ([figures, asOf]) => ({ year, ...figures, salesAsOf: asOf }),
    );
  }
  const answered = await Promise.all(Object.entries(cards).map(async ([key, card]) => [key, await card] as const));
  return { asOf: ctx.now.toISOString(), ...(Object.fromEntries(answered) as Cards) };
}

type Cards = Omit<Workbench, 'asOf'>;
