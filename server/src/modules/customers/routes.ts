import {
  activity,
  activityParams,
  contact,
  contactParams,
  createActivityBody,
  createContactBody,
  createCustomerBody,
  customer,
  customerParams,
  customerQuery,
  order,
  orderDetail,
  orderParams,
  pageOf,
  pageQuery,
  updateActivityBody,
  updateContactBody,
  updateCustomerBody,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import * as orders from './orders-service.ts';
import * as records from './records-service.ts';
import * as service from './service.ts';

const tags = ['customers'];

/** docs/product.md#customers, Customers. */
export const customerRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const read = { access: 'customer.read' } as const;
    const edit = { access: 'customer.edit' } as const;

    app.get(
      '/customers',
      { config: read, schema: { tags, querystring: customerQuery, response: { 200: pageOf(customer) } } },
      async (request) => service.listCustomers(db, request.query),
    );
    app.post(
      '/customers',
      {
        config: { access: 'customer.create' },
        schema: { tags, body: createCustomerBody, response: { 201: customer } },
      },
      async (request, reply) => reply.status(201).send(await service.createCustomer(db, ctxOf(request), request.body)),
    );
    app.get(
      '/customers/:id',
      { config: read, schema: { tags, params: customerParams, response: { 200: customer } } },
      async (request) => service.getCustomer(db, request.params.id),
    );
    app.patch(
      '/customers/:id',
      { config: edit, schema: { tags, params: customerParams, body: updateCustomerBody, response: { 200: customer } } },
      async (request) => service.updateCustomer(db, ctxOf(request), request.params.id, request.body),
    );

    app.get(
      '/customers/:id/contacts',
      {
        config: read,
        schema: { tags, params: customerParams, querystring: pageQuery, response: { 200: pageOf(contact) } },
      },
      async (request) => records.listContacts(db, request.params.id, request.query),
    );
    app.post(
      '/customers/:id/contacts',
      { config: edit, schema: { tags, params: customerParams, body: createContactBody, response: { 201: contact } } },
      async (request, reply) =>
        reply.status(201).send(await records.addContact(db, ctxOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/customers/:id/contacts/:contactId',
      { config: edit, schema: { tags, params: contactParams, body: updateContactBody, response: { 200: contact } } },
      async (request) =>
        records.editContact(db, ctxOf(request), request.params.id, request.params.contactId, request.body),
    );
    app.delete(
      '/customers/:id/contacts/:contactId',
      { config: edit, schema: { tags, params: contactParams } },
      async (request, reply) => {
        await records.removeContact(db, ctxOf(request), request.params.id, request.params.contactId);
        return reply.status(204).send();
      },
    );

    app.get(
      '/customers/:id/activities',
      {
        config: read,
        schema: { tags, params: customerParams, querystring: pageQuery, response: { 200: pageOf(activity) } },
      },
      async (request) => records.listActivities(db, request.params.id, request.query),
    );
    app.post(
      '/customers/:id/activities',
      { config: edit, schema: { tags, params: customerParams, body: createActivityBody, response: { 201: activity } } },
      async (request, reply) =>
        reply.status(201).send(await records.recordActivity(db, ctxOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/customers/:id/activities/:activityId',
      { config: edit, schema: { tags, params: activityParams, body: updateActivityBody, response: { 200: activity } } },
      async (request) =>
        records.editActivity(db, ctxOf(request), request.params.id, request.params.activityId, request.body),
    );
    app.delete(
      '/customers/:id/activities/:activityId',
      { config: edit, schema: { tags, params: activityParams } },
      async (request, reply) => {
        await records.removeActivity(db, ctxOf(request), request.params.id, request.params.activityId);
        return reply.status(204).send();
      },
    );

    const orderAccess = { access: 'order.read' } as const;
    app.get(
      '/customers/:id/orders',
      {
        config: orderAccess,
        schema: { tags, params: customerParams, querystring: pageQuery, response: { 200: pageOf(order) } },
      },
      async (request) => orders.listCustomerOrders(deps, request.params.id, request.query),
    );
    app.get(
      '/customers/:id/orders/:orderId',
      { config: orderAccess, schema: { tags, params: orderParams, response: { 200: orderDetail } } },
      async (request) => orders.getCustomerOrder(deps, request.params.id, request.params.orderId),
    );
  };
