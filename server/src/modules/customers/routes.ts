import {
  activity,
  activityParams,
  contact,
  contactParams,
  listedContact,
  createActivityBody,
  createContactBody,
  createCustomerBody,
  customer,
  customerListItem,
  customerParams,
  customerQuery,
  duplicateGroup,
  duplicateScanAnswer,
  mergeAnswer,
  mergeBody,
  transferAnswer,
  transferBody,
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
import { transferCustomers } from './transfer.ts';
import { documented } from '../../platform/openapi.ts';
import { streamFile } from '../../platform/export.ts';
import { exportCustomers } from './export.ts';
import { mergeCustomers } from './merge.ts';
import { listDuplicateGroups, scanDuplicates } from './duplicates.ts';
import { langOf } from '../risk/index.ts';

const doc = {
  customers: documented('Customers'),
  contacts: documented('Contacts'),
  activities: documented('Activities'),
  orders: documented('Orders'),
};

/** docs/product.md#customers, Customers. */
export const customerRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    const read = 'customer.read';
    const edit = 'customer.edit';

    // the list takes customer.read, its file customer.export (docs/product.md#customers, rule 11): both checked by the
    // service, as an administrator may export without reading the list
    app.get(
      '/customers',
      doc.customers(
        'session',
        'listCustomers',
        'List customers, or export them',
        {
          description:
            'The list needs `customer.read`. With `?format=csv` or `?format=xlsx` (headers in `?lang=zh|en`) the ' +
            'answer is a file of every matching customer, streamed, and needs `customer.export`.',
          querystring: customerQuery,
          response: { 200: pageOf(customerListItem) },
        },
        { errors: [403, 429] },
      ),
      async (request, reply) => {
        const { format } = request.query;
        if (format === 'csv' || format === 'xlsx')
          return streamFile(reply, exportCustomers(db, ctxOf(request), { ...request.query, format }));
        return service.listCustomers(db, ctxOf(request), request.query, langOf(request.headers['accept-language']));
      },
    );
    app.post(
      '/customers',
      doc.customers('customer.create', 'createCustomer', 'Create a customer', {
        body: createCustomerBody,
        response: { 201: customer },
      }),
      async (request, reply) => reply.status(201).send(await service.createCustomer(db, ctxOf(request), request.body)),
    );
    app.post(
      '/customers/transfer',
      doc.customers('customer.transfer', 'transferCustomers', 'Transfer customers to another manager', {
        body: transferBody,
        response: { 200: transferAnswer },
      }),
      async (request) => transferCustomers(db, ctxOf(request), request.body),
    );
    app.get(
      '/customers/duplicates',
      doc.customers('customer.merge', 'listDuplicateGroups', 'List the groups of likely duplicate customers', {
        description: 'Groups with at least two members inside the reader’s scope (docs/duplicates-and-merge.md).',
        querystring: pageQuery,
        response: { 200: pageOf(duplicateGroup) },
      }),
      async (request) => listDuplicateGroups(deps, ctxOf(request), request.query),
    );
    app.post(
      '/customers/duplicates/scan',
      doc.customers('customer.merge', 'scanDuplicates', 'Find the groups of likely duplicate customers again now', {
        response: { 200: duplicateScanAnswer },
      }),
      async (request) => scanDuplicates(deps, ctxOf(request)),
    );
    app.post(
      '/customers/:id/merge',
      doc.customers('customer.merge', 'mergeCustomers', 'Merge customers into this one', {
        description:
          'Merges `sourceIds` into the customer `:id` (docs/duplicates-and-merge.md): `fields` names, per field, the ' +
          'customer whose value is kept (the survivor’s by default). The merged customers become `merged`, their ' +
          'numbers aliases of the survivor.',
        params: customerParams,
        body: mergeBody,
        response: { 200: mergeAnswer },
      }),
      async (request) => mergeCustomers(deps, ctxOf(request), request.params.id, request.body),
    );
    app.get(
      '/customers/:id',
      doc.customers(read, 'getCustomer', 'Get a customer', { params: customerParams, response: { 200: customer } }),
      async (request) => service.getCustomer(db, request.params.id, ctxOf(request).actor),
    );
    app.patch(
      '/customers/:id',
      doc.customers(edit, 'updateCustomer', 'Update a customer', {
        params: customerParams,
        body: updateCustomerBody,
        response: { 200: customer },
      }),
      async (request) => service.updateCustomer(db, ctxOf(request), request.params.id, request.body),
    );

    app.get(
      '/customers/:id/contacts',
      doc.contacts(read, 'listContacts', 'List a customer’s contacts', {
        params: customerParams,
        querystring: pageQuery,
        response: { 200: pageOf(listedContact) },
      }),
      async (request) => records.listContacts(db, ctxOf(request), request.params.id, request.query),
    );
    app.post(
      '/customers/:id/contacts',
      doc.contacts(edit, 'createContact', 'Add a contact to a customer', {
        params: customerParams,
        body: createContactBody,
        response: { 201: contact },
      }),
      async (request, reply) =>
        reply.status(201).send(await records.addContact(db, ctxOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/customers/:id/contacts/:contactId',
      doc.contacts(edit, 'updateContact', 'Update a contact', {
        params: contactParams,
        body: updateContactBody,
        response: { 200: contact },
      }),
      async (request) =>
        records.editContact(db, ctxOf(request), request.params.id, request.params.contactId, request.body),
    );
    app.delete(
      '/customers/:id/contacts/:contactId',
      doc.contacts(edit, 'deleteContact', 'Delete a contact', { params: contactParams }),
      async (request, reply) => {
        await records.removeContact(db, ctxOf(request), request.params.id, request.params.contactId);
        return reply.status(204).send();
      },
    );

    app.get(
      '/customers/:id/activities',
      doc.activities(read, 'listActivities', 'List a customer’s activities', {
        params: customerParams,
        querystring: pageQuery,
        response: { 200: pageOf(activity) },
      }),
      async (request) => records.listActivities(db, ctxOf(request), request.params.id, request.query),
    );
    app.post(
      '/customers/:id/activities',
      doc.activities(edit, 'createActivity', 'Record an activity with a customer', {
        params: customerParams,
        body: createActivityBody,
        response: { 201: activity },
      }),
      async (request, reply) =>
        reply.status(201).send(await records.recordActivity(db, ctxOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/customers/:id/activities/:activityId',
      doc.activities(edit, 'updateActivity', 'Update an activity', {
        params: activityParams,
        body: updateActivityBody,
        response: { 200: activity },
      }),
      async (request) =>
        records.editActivity(db, ctxOf(request), request.params.id, request.params.activityId, request.body),
    );
    app.delete(
      '/customers/:id/activities/:activityId',
      doc.activities(edit, 'deleteActivity', 'Delete an activity', { params: activityParams }),
      async (request, reply) => {
        await records.removeActivity(db, ctxOf(request), request.params.id, request.params.activityId);
        return reply.status(204).send();
      },
    );

    const orderAccess = 'order.read';
    app.get(
      '/customers/:id/orders',
      doc.orders(
        orderAccess,
        'listCustomerOrders',
        'List a customer’s orders from the sales system',
        { params: customerParams, querystring: pageQuery, response: { 200: pageOf(order) } },
        { errors: [503] },
      ),
      async (request) => orders.listCustomerOrders(deps, ctxOf(request), request.params.id, request.query),
    );
    app.get(
      '/customers/:id/orders/:orderId',
      doc.orders(
        orderAccess,
        'getCustomerOrder',
        'Get one of a customer’s orders with its lines',
        { params: orderParams, response: { 200: orderDetail } },
        { errors: [503] },
      ),
      async (request) => orders.getCustomerOrder(deps, ctxOf(request), request.params.id, request.params.orderId),
    );
  };
