import {
  createWebhookBody,
  idParams,
  pageOf,
  updateWebhookBody,
  webhook,
  webhookActionBody,
  webhookDelivery,
  webhookDeliveryParams,
  webhookDeliveryQuery,
  webhookQuery,
  webhookTestResult,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as service from './service.ts';

const doc = documented('Webhooks');

/** 系统设置 › 外部通知 (docs/webhooks.md): the administrator's receivers, their delivery log, redelivery and the test. */
export const webhookRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    app.get(
      '/webhooks',
      doc('webhook.manage', 'listWebhooks', 'List the webhook receivers (never their secrets)', {
        querystring: webhookQuery,
        response: { 200: pageOf(webhook) },
      }),
      async (request) => service.listWebhooks(db, request.query),
    );
    app.post(
      '/webhooks',
      doc('webhook.manage', 'createWebhook', 'Register a receiver of events: its URL, events, format and secret', {
        body: createWebhookBody,
        response: { 201: webhook },
      }),
      async (request, reply) => reply.status(201).send(await service.createWebhook(deps, ctxOf(request), request.body)),
    );
    app.get(
      '/webhooks/:id',
      doc('webhook.manage', 'getWebhook', 'One webhook receiver (never its secret)', {
        params: idParams,
        response: { 200: webhook },
      }),
      async (request) => service.getWebhook(db, request.params.id),
    );
    app.patch(
      '/webhooks/:id',
      doc('webhook.manage', 'updateWebhook', 'Change a receiver; an absent secret is kept, null removes it', {
        params: idParams,
        body: updateWebhookBody,
        response: { 200: webhook },
      }),
      async (request) => service.updateWebhook(deps, ctxOf(request), request.params.id, request.body),
    );
    app.delete(
      '/webhooks/:id',
      doc('webhook.manage', 'deleteWebhook', 'Delete a receiver and its delivery log', { params: idParams }),
      async (request, reply) => {
        await service.deleteWebhook(db, ctxOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/webhooks/:id/test',
      doc('webhook.manage', 'testWebhook', 'Send a test event to the receiver now and answer what came of it', {
        params: idParams,
        body: webhookActionBody,
        response: { 200: webhookTestResult },
      }),
      async (request) => service.testWebhook(deps, ctxOf(request), request.params.id),
    );
    app.get(
      '/webhooks/:id/deliveries',
      doc('webhook.manage', 'listWebhookDeliveries', 'The delivery log of a receiver, newest first', {
        params: idParams,
        querystring: webhookDeliveryQuery,
        response: { 200: pageOf(webhookDelivery) },
      }),
      async (request) => service.listDeliveries(db, request.params.id, request.query),
    );
    app.post(
      '/webhooks/:id/deliveries/:deliveryId/redeliver',
      doc(
        'webhook.manage',
        'redeliverWebhookDelivery',
        'Send a delivered or failed delivery again (same delivery id)',
        {
          params: webhookDeliveryParams,
          body: webhookActionBody,
          response: { 200: webhookDelivery },
        },
      ),
      async (request) => service.redeliver(db, ctxOf(request), request.params.id, request.params.deliveryId),
    );
  };
