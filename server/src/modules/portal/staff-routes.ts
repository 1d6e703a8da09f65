import { contactParams, portalInvitation } from '@crm/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as invitations from './invitations.ts';

const doc = documented('Portal access');

/** Where an invitation link points: CRM_PUBLIC_URL, else the address this request came to. */
const originOf = (request: FastifyRequest, publicUrl: string | undefined) =>
  publicUrl ?? `${request.protocol}://${request.host}`;

/** Staff side of the customer portal under `/api/v1` (docs/portal.md#accounts): invite a contact, revoke. */
export const portalAccessRoutes =
  ({ db, config }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/customers/:id/contacts/:contactId/portal-access',
      doc('customer.edit', 'inviteToPortal', 'Invite a contact to the customer portal: a one-time link for 7 days', {
        params: contactParams,
        response: { 201: portalInvitation },
      }),
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await invitations.invite(
              db,
              ctxOf(request),
              request.params.id,
              request.params.contactId,
              originOf(request, config.publicUrl),
            ),
          ),
    );
    app.delete(
      '/customers/:id/contacts/:contactId/portal-access',
      doc('customer.edit', 'revokePortalAccess', 'End a contact’s portal access and sessions at once', {
        params: contactParams,
      }),
      async (request, reply) => {
        await invitations.revoke(db, ctxOf(request), request.params.id, request.params.contactId);
        return reply.status(204).send();
      },
    );
  };
