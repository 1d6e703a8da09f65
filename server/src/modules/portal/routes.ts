import {
  createPortalServiceBody,
  idParams,
  order,
  orderDetail,
  pageOf,
  pageQuery,
  portalAcceptBody,
  portalFeedbackBody,
  portalLoginBody,
  portalMe,
  portalOrderParams,
  portalService,
  portalServiceQuery,
  portalServiceType,
} from '@crm/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../platform/errors.ts';
import { documented } from '../../platform/openapi.ts';
import * as auth from './auth.ts';
import * as portal from './service.ts';

const doc = documented('Portal');

/** The signed-in portal user of a `portal` route (platform/guard.ts has checked the session). */
function userOf(request: FastifyRequest) {
  if (!request.portalUser) throw new AppError('UNAUTHENTICATED', 'Sign in to the portal first');
  return request.portalUser;
}

const atOf = (request: FastifyRequest) => ({ requestId: request.id, now: request.server.clock() });

const signInInput = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
  now: request.server.clock(),
  requestId: request.id,
});

/**
 * The customer portal's API under `/api/portal/v1` (docs/portal.md): its own sign-in and cookie, and a contact's view
 * of their own company's services and orders.
 */
export const portalRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db, config } = deps;

    app.post(
      '/auth/accept',
      doc(
        'public',
        'acceptPortalInvitation',
        'Accept a portal invitation: choose a username and password, and be signed in',
        { body: portalAcceptBody, response: { 201: portalMe } },
        { errors: [409] },
      ),
      async (request, reply) => {
        const { token, me } = await auth.acceptInvitation(db, request.body, signInInput(request));
        auth.setPortalCookie(request, reply, config, token);
        return reply.status(201).send(me);
      },
    );
    app.post(
      '/auth/login',
      doc(
        'public',
        'signInToPortal',
        'Sign in to the portal with a username and password',
        { body: portalLoginBody, response: { 200: portalMe } },
        { errors: [401, 429] },
      ),
      async (request, reply) => {
        const { token, me } = await auth.signIn(db, request.body, signInInput(request));
        auth.setPortalCookie(request, reply, config, token);
        return me;
      },
    );
    app.post('/auth/logout', doc('portal', 'signOutOfPortal', 'Sign out of the portal'), async (request, reply) => {
      await auth.signOut(db, userOf(request));
      auth.clearPortalCookie(reply);
      return reply.status(204).send();
    });
    app.get(
      '/me',
      doc('portal', 'getPortalUser', 'The signed-in portal user, their contact and company', {
        response: { 200: portalMe },
      }),
      async (request) => auth.portalMe(userOf(request)),
    );

    app.get(
      '/service-types',
      doc('portal', 'listPortalServiceTypes', 'The service types a request can have', {
        response: { 200: z.array(portalServiceType) },
      }),
      async () => portal.serviceTypes(db),
    );
    app.get(
      '/services',
      doc('portal', 'listPortalServices', 'My company’s service requests, newest first', {
        querystring: portalServiceQuery,
        response: { 200: pageOf(portalService) },
      }),
      async (request) => portal.listServices(db, userOf(request), request.query),
    );
    app.post(
      '/services',
      doc('portal', 'createPortalService', 'File a service request', {
        body: createPortalServiceBody,
        response: { 201: portalService },
      }),
      async (request, reply) =>
        reply.status(201).send(await portal.fileService(db, userOf(request), atOf(request), request.body)),
    );
    app.get(
      '/services/:id',
      doc('portal', 'getPortalService', 'One of my company’s service requests, with how it was handled', {
        params: idParams,
        response: { 200: portalService },
      }),
      async (request) => portal.getService(db, userOf(request), request.params.id),
    );
    app.post(
      '/services/:id/feedback',
      doc('portal', 'givePortalFeedback', 'Rate how a handled request was answered (1–5 stars)', {
        params: idParams,
        body: portalFeedbackBody,
        response: { 200: portalService },
      }),
      async (request) => portal.giveFeedback(db, userOf(request), atOf(request), request.params.id, request.body),
    );

    app.get(
      '/orders',
      doc(
        'portal',
        'listPortalOrders',
        'My company’s counted orders (shipped or paid), newest first',
        { querystring: pageQuery, response: { 200: pageOf(order) } },
        { errors: [503] },
      ),
      async (request) => portal.listOrders(deps, userOf(request), request.query),
    );
    app.get(
      '/orders/:id',
      doc(
        'portal',
        'getPortalOrder',
        'One of my company’s counted orders with its lines',
        { params: portalOrderParams, response: { 200: orderDetail } },
        { errors: [503] },
      ),
      async (request) => portal.getOrder(deps, userOf(request), request.params.id),
    );
  };
