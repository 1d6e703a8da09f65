import type { Permission, SessionUser } from '@crm/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export type Actor = SessionUser & {
  can(permission: Permission): boolean;
  /** The SHA-256 of the session's token; null for a request with an API token. */
  sessionHash: string | null;
  /** The API token the request came with (docs/sign-in.md#api-tokens); null for a browser session. */
  tokenId: number | null;
};

/** A signed-in user of the customer portal (docs/portal.md#sessions): a contact of one customer. */
export type PortalUser = {
  accountId: number;
  username: string;
  sessionHash: string;
  contact: { id: number; name: string };
  customer: { id: number; number: string; name: string; status: string };
};

/** What a service needs to know about the request it serves. */
export type Ctx = { actor: Actor; requestId: string; now: Date };

export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return { actor: request.actor, requestId: request.id, now: request.server.clock() };
}
