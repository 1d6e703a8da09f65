import type { HandoverAnswer, Page, TeamMember, TeamQuery } from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import { listUsers } from '../access/index.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound, validationFailed } from '../../platform/errors.ts';
import { followTransferredCustomers, handOverChurnWarnings, warningsHeldBy } from '../churn/index.ts';
import { customersHeldBy, handOverCustomers, requireManagerInScope } from '../customers/index.ts';
import { handOverOpportunities, opportunitiesHeldBy } from '../opportunities/index.ts';
import { notify } from '../notifications/index.ts';
import { handOverServices, servicesHeldBy } from '../services/index.ts';
import * as repo from './repo.ts';
import { emit } from '../webhooks/index.ts';

/**
 * POST /users/:id/handover (docs/organisation.md#transfer-and-handover, rules 2 and 3). In one transaction: every
 * customer of the leaving user (their open churn warnings following them), every `assigned` opportunity and service
 * assigned to them, and every open churn warning recorded for them go to the successor. An administrator reaches
 * every user; a director only users inside their customer scope (404 otherwise). The successor is an active manager
 * inside that scope and not the leaving user (400 `toUserId`). The leaving user may already be disabled.
 *
 * Audit: one `handover` entry on the leaving user with the successor, the counts and the ids moved of each family —
 * a summary, not an entry per record (a handover can move thousands). Services also get an `assigned` event in their
 * own history.
 */
export async function handOverUser(db: Db, ctx: Ctx, userId: number, toUserId: number): Promise<HandoverAnswer> {
  return db.transaction(async (tx) => {
    if (!(await repo.lockLeavingUser(tx, ctx.actor, userId))) throw notFound('User');
    if (toUserId === userId) throw validationFailed('toUserId', 'The successor cannot be the leaving user');
    await requireManagerInScope(tx, ctx, toUserId, 'toUserId');

    const customers = await handOverCustomers(tx, userId, toUserId, ctx);
    const following = await followTransferredCustomers(tx, customers, toUserId);
    const recorded = await handOverChurnWarnings(tx, userId, toUserId);
    const churnWarnings = [...new Set([...following, ...recorded])].sort((a, b) => a - b);
    const opportunities = await handOverOpportunities(tx, userId, toUserId, ctx.now);
    const services = await handOverServices(tx, userId, toUserId, ctx);

    const counts = {
      customers: customers.length,
      opportunities: opportunities.length,
      services: services.length,
      churnWarnings: churnWarnings.length,
    };
    await audit(tx, ctx, {
      action: 'handover',
      entity: 'user',
      entityId: userId,
      after: { toUserId, ...counts, moved: { customers, opportunities, services, churnWarnings } },
    });
    const handedOver = { handover: true, fromUserId: userId, toManagerId: toUserId, customerIds: customers };
    if (customers.length) await emit(tx, ctx, 'customer.transferred', handedOver); // docs/webhooks.md#events
    // docs/notifications.md#kinds: the successor is told once per family, with the count (a handover can move
    // thousands); a single record opens itself
    const one = (ids: number[], type: 'customer' | 'opportunity' | 'service') =>
      ids.length === 1 ? { type, id: ids[0]! } : null;
    const params = (ids: number[]) => ({ count: ids.length, handover: true, fromUserId: userId });
    await notify(
      tx,
      ctx,
      [
        { kind: 'customer.transferred' as const, ids: customers, ref: one(customers, 'customer') },
        { kind: 'opportunity.assigned' as const, ids: opportunities, ref: one(opportunities, 'opportunity') },
        { kind: 'service.assigned' as const, ids: services, ref: one(services, 'service') },
      ]
        .filter((n) => n.ids.length > 0)
        .map((n) => ({ userId: toUserId, kind: n.kind, params: params(n.ids), ref: n.ref })),
    );
    return counts;
  });
}

/**
 * GET /team (docs/organisation.md#transfer-and-handover, rule 4): the users inside the actor's customer scope — the
 * ones a handover may name, disabled users included — each with the open work a handover would move.
 */
export async function listTeam(db: Db, ctx: Ctx, q: TeamQuery): Promise<Page<TeamMember>> {
  const page = await listUsers(db, q, { reader: ctx.actor, family: 'customers' });
  const ids = page.items.map((u) => u.id);
  const [customers, opportunities, services, churnWarnings] = await Promise.all([
    customersHeldBy(db, ids),
    opportunitiesHeldBy(db, ids),
    servicesHeldBy(db, ids),
    warningsHeldBy(db, ids),
  ]);
  return {
    ...page,
    items: page.items.map(({ id, username, displayName, departmentId, active }) => ({
      id,
      username,
      displayName,
      departmentId,
      active,
      holds: {
        customers: customers.get(id) ?? 0,
        opportunities: opportunities.get(id) ?? 0,
        services: services.get(id) ?? 0,
        churnWarnings: churnWarnings.get(id) ?? 0,
      },
    })),
  };
}
