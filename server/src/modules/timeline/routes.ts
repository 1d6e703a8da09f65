import { customerParams, timelineAnswer, timelineQuery } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as service from './service.ts';

const doc = documented('Customers');

/** docs/timeline.md. */
export const timelineRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/customers/:id/timeline',
      doc('customer.read', 'getCustomerTimeline', 'Everything that happened with a customer, newest first', {
        params: customerParams,
        querystring: timelineQuery,
        response: { 200: timelineAnswer },
      }),
      async (request) => service.customerTimeline(deps, ctxOf(request), request.params.id, request.query),
    );
  };
