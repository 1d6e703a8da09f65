import { handoverAnswer, handoverBody, idParams, pageOf, teamMember, teamQuery } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import { handOverUser, listTeam } from './service.ts';

/** docs/organisation.md#transfer-and-handover, rule 2. */
export const handoverRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/users/:id/handover',
      documented('Users')(
        'user.handover',
        'handOverUser',
        'Hand a leaving user’s customers and open work over to a successor',
        { params: idParams, body: handoverBody, response: { 200: handoverAnswer } },
      ),
      async (request) => handOverUser(deps.db, ctxOf(request), request.params.id, request.body.toUserId),
    );
    app.get(
      '/team',
      documented('Users')(
        'user.handover',
        'listTeam',
        'The users inside one’s customer scope, disabled ones too, with the open work each holds',
        { querystring: teamQuery, response: { 200: pageOf(teamMember) } },
      ),
      async (request) => listTeam(deps.db, ctxOf(request), request.query),
    );
  };
