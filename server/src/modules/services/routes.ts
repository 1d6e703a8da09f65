import {
  assignServiceBody,
  createServiceBody,
  handleServiceBody,
  idParams,
  pageOf,
  service,
  serviceDetail,
  serviceFeedbackBody,
  serviceQuery,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import * as services from './service.ts';
import { documented } from '../../platform/openapi.ts';

const doc = documented('Services');

/**
 * The five steps of customer service (docs/product.md#customer-service, rules 1 to 5). Actions answer the updated
 * service with its history.
 */
export const serviceRoutes =
  ({ db }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/services',
      doc('service.read', 'listServices', 'List customer service requests', {
        querystring: serviceQuery,
        response: { 200: pageOf(service) },
      }),
      async (request) => services.listServices(db, ctxOf(request), request.query),
    );
    app.get(
      '/services/:id',
      doc('service.read', 'getService', 'Get a service request with its history', {
        params: idParams,
        response: { 200: serviceDetail },
      }),
      async (request) => services.getService(db, ctxOf(request), request.params.id),
    );
    app.post(
      '/services',
      doc('service.create', 'createService', 'Create a service request', {
        body: createServiceBody,
        response: { 201: serviceDetail },
      }),
      async (request, reply) => reply.status(201).send(await services.createService(db, ctxOf(request), request.body)),
    );
    app.post(
      '/services/:id/assign',
      doc('service.assign', 'assignService', 'Assign a service request to someone', {
        params: idParams,
        body: assignServiceBody,
        response: { 200: serviceDetail },
      }),
      async (request) => services.assignService(db, ctxOf(request), request.params.id, request.body),
    );
    app.post(
      '/services/:id/handle',
      doc('service.handle', 'handleService', 'Record how a service request was handled', {
        params: idParams,
        body: handleServiceBody,
        response: { 200: serviceDetail },
      }),
      async (request) => services.handleService(db, ctxOf(request), request.params.id, request.body),
    );
    app.post(
      '/services/:id/feedback',
      doc('service.feedback', 'recordServiceFeedback', 'Record the customer’s feedback on a handled service', {
        params: idParams,
        body: serviceFeedbackBody,
        response: { 200: serviceDetail },
      }),
      async (request) => services.recordServiceFeedback(db, ctxOf(request), request.params.id, request.body),
    );
    app.post(
      '/services/:id/reassign',
      doc('service.assign', 'reassignService', 'Reassign a service request to someone else', {
        params: idParams,
        body: assignServiceBody,
        response: { 200: serviceDetail },
      }),
      async (request) => services.reassignService(db, ctxOf(request), request.params.id, request.body),
    );
  };
