import type { Permission, SessionUser } from '@crm/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export type Actor = SessionUser & { can(permission: Permission): boolean; sessionHash: string };

/** What a service needs to know about the request it serves. */
export type Ctx = { actor: Actor; requestId: string; now: Date };

export function ctxOf(request: FastifyRequest): Ctx {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return { actor: request.actor, requestId: request.id, now: request.server.clock() };
}
