import type { PortalInvitation } from '@crm/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, forbidden, invalidState, notFound } from '../../platform/errors.ts';
import { hashToken, newToken } from '../access/index.ts';
import * as repo from './repo.ts';

/** docs/portal.md#accounts, rule 1: an invitation works once, for seven days. */
export const INVITATION_MS = 7 * 24 * 3_600_000;

/** The contact of the customer, for its responsible manager or a director in scope (docs/portal.md#accounts, rule 3). */
async function contactFor(tx: Tx, ctx: Ctx, customerId: number, contactId: number) {
  const found = await repo.findContactForAccess(tx, ctx.actor, ctx.actor.can('customer.all'), customerId, contactId);
  if (!found) throw notFound('Contact');
  if (!found.mayManage) throw forbidden('Only the responsible manager or a director may manage portal access');
  return found;
}

/**
 * docs/portal.md#accounts, rules 1 and 3: a one-time link for the contact to choose a username and password. Only the
 * token's hash is kept; a new invitation replaces one not accepted yet; a contact who has access already keeps it
 * (revoke first). `origin`: where the link points (CRM_PUBLIC_URL, else the address the request came to).
 */
export async function invite(
  db: Db,
  ctx: Ctx,
  customerId: number,
  contactId: number,
  origin: string,
): Promise<PortalInvitation> {
  const token = newToken();
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_MS);
  await db.transaction(async (tx) => {
    const contact = await contactFor(tx, ctx, customerId, contactId);
    if (contact.status !== 'normal') throw invalidState('A lost customer is read-only: no new portal access');
    if (contact.accepted) throw new AppError('CONFLICT', 'The contact has portal access already; revoke it first');
    const id = await repo.upsertInvitation(tx, {
      contactId,
      tokenHash: hashToken(token),
      expiresAt,
      invitedBy: ctx.actor.id,
      now: ctx.now,
    });
    if (!id) throw new AppError('CONFLICT', 'The contact has portal access already; revoke it first');
    await audit(tx, ctx, {
      action: 'invite',
      entity: 'portalAccess',
      entityId: id,
      after: { customerId, contactId, contactName: contact.name, expiresAt: expiresAt.toISOString() },
    });
  });
  // the token in the fragment: a browser never sends it to a server, nor in a Referer
  return { inviteUrl: `${origin}/portal/accept#${token}`, token, expiresAt: expiresAt.toISOString() };
}

/** docs/portal.md#accounts, rule 3: the access ends, and with it every session of the contact, at once. */
export async function revoke(db: Db, ctx: Ctx, customerId: number, contactId: number) {
  await db.transaction(async (tx) => {
    const contact = await contactFor(tx, ctx, customerId, contactId);
    const before = await repo.deleteAccess(tx, contactId);
    if (!before) throw notFound('Portal access');
    await audit(tx, ctx, {
      action: 'revoke',
      entity: 'portalAccess',
      entityId: before.id,
      before: { customerId, contactId, contactName: contact.name, username: before.username },
    });
  });
}
