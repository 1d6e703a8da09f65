import { isPermission, type Permission } from '@crm/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, PortalUser } from './context.ts';
import { AppError } from './errors.ts';

/**
 * What a route needs: a permission code, `session` (any signed-in user), `portal` (a signed-in customer-portal user,
 * docs/portal.md#sessions), or `public`.
 * Every route must say it: the server refuses to start otherwise (docs/ARCHITECTURE.md#rules-of-the-house, rule 2).
 */
export type RouteAccess = Permission | 'session' | 'portal' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor?: Actor;
    /** The customer-portal user of a `portal` route; never set on a staff route. */
    portalUser?: PortalUser;
  }
  interface FastifyInstance {
    clock: () => Date;
  }
}

export type SessionResolver = (request: FastifyRequest) => Promise<Actor | undefined>;
export type PortalResolver = (request: FastifyRequest) => Promise<PortalUser | undefined>;

class UndeclaredAccessError extends Error {}

/** The routes open to a user who must set up two-step verification first. */
const TWO_FACTOR_SETUP_OPEN = ['/api/v1/auth/', '/api/v1/me/two-factor/'];

/**
 * `publicPrefixes` names the few paths whose routes a third-party plugin registers without our config
 * (the OpenAPI browser); they are public, and nothing else is without saying so.
 */
export function registerGuard(
  app: FastifyInstance,
  resolveSession: SessionResolver,
  options: { publicPrefixes: string[]; resolvePortal?: PortalResolver },
): void {
  app.addHook('onRoute', (route) => {
    if (options.publicPrefixes.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    const access = (route.config as { access?: unknown } | undefined)?.access;
    const valid =
      access === 'public' ||
      access === 'session' ||
      access === 'portal' ||
      (typeof access === 'string' && isPermission(access));
    if (!valid) {
      const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
      throw new UndeclaredAccessError(
        `Route ${methods} ${route.url} does not declare its access (config.access: a permission, 'session' or 'public')`,
      );
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return; // undefined: the not-found handler
    // docs/portal.md#sessions, rule 3: a portal route knows only portal sessions, a staff route only staff ones
    if (access === 'portal') {
      const portalUser = await options.resolvePortal?.(request);
      if (!portalUser)
        throw new AppError('UNAUTHENTICATED', 'Sign in to the portal first, or again: the session has ended');
      request.portalUser = portalUser;
      return;
    }
    const actor = await resolveSession(request);
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first, or sign in again: the session has ended');
    request.actor = actor;
    // A role requires two-step verification and the user has not set it up: only signing in and out, who one is,
    // and the setup itself are open (docs/sign-in.md#two-step-verification, rule 5).
    if (actor.twoFactorSetupRequired && !TWO_FACTOR_SETUP_OPEN.some((p) => request.routeOptions.url?.startsWith(p))) {
      throw new AppError('TWO_FACTOR_REQUIRED', 'Set up two-step verification first: your role requires it');
    }
    if (access !== 'session' && !actor.can(access)) {
      throw new AppError('FORBIDDEN', 'You do not have the permission for this');
    }
  });
}
