import { customerOverview, customerParams } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import { langOf } from '../risk/index.ts';
import * as service from './service.ts';

const doc = documented('Customers');

/** docs/overview.md. */
export const overviewRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/customers/:id/overview',
      doc('customer.read', 'getCustomerOverview', 'A customer at a glance: figures, risk, open items, counts', {
        params: customerParams,
        response: { 200: customerOverview },
      }),
      async (request) =>
        service.customerOverview(
          deps.db,
          ctxOf(request),
          request.params.id,
          langOf(request.headers['accept-language']),
        ),
    );
  };
