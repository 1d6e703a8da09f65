import { searchAnswer, searchQuery } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as service from './service.ts';

const doc = documented('Search');

/** docs/search.md. */
export const searchRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/search',
      doc('session', 'search', 'Find customers, contacts, opportunities and services by what was typed', {
        querystring: searchQuery,
        response: { 200: searchAnswer },
      }),
      async (request) => service.search(deps.db, ctxOf(request), request.query),
    );
  };
