import { serviceSlaBody, serviceSlaItem } from '@crm/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as sla from './sla.ts';

const doc = documented('Services');

/** The time limits of services per type (docs/service-sla.md#limits). */
export const slaRoutes =
  ({ db }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/service-sla',
      doc('service.rules', 'getServiceSla', 'Get the time limits of each service type', {
        response: { 200: z.array(serviceSlaItem) },
      }),
      async () => sla.getSla(db),
    );
    app.put(
      '/service-sla',
      doc('service.rules', 'putServiceSla', 'Replace the time limits of the service types', {
        body: serviceSlaBody,
        response: { 200: z.array(serviceSlaItem) },
      }),
      async (request) => sla.putSla(db, ctxOf(request), request.body),
    );
  };
