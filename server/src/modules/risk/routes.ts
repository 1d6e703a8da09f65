import { atRiskPage, atRiskQuery } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as service from './service.ts';
import { langOf } from './texts.ts';

const doc = documented('Customers');

/** docs/churn-risk.md#the-list. */
export const riskRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/customers/at-risk',
      doc('customer.read', 'listCustomersAtRisk', 'The customers at risk of churning, highest score first', {
        querystring: atRiskQuery,
        response: { 200: atRiskPage },
      }),
      async (request) =>
        service.listAtRisk(deps.db, ctxOf(request), request.query, langOf(request.headers['accept-language'])),
    );
  };
