import {
  assignCustomerBody,
  customer,
  customerParams,
  pageOf,
  poolCustomer,
  poolHistoryEntry,
  poolQuery,
  poolScanAnswer,
  poolSettings,
  releaseBody,
  updatePoolSettingsBody,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import { scanPool } from './scan.ts';
import * as service from './service.ts';
import * as settings from './settings.ts';

const doc = documented('Customer pool');

/** docs/organisation.md#customer-pool. */
export const poolRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;

    app.get(
      '/customer-pool',
      doc('customer.read', 'listPoolCustomers', 'List the customers in the pool', {
        querystring: poolQuery,
        response: { 200: pageOf(poolCustomer) },
      }),
      async (request) => service.listPool(db, ctxOf(request), request.query),
    );
    app.post(
      '/customer-pool/scan',
      doc('pool.manage', 'scanCustomerPool', 'Run the automatic return to the pool now', {
        response: { 200: poolScanAnswer },
      }),
      async (request) => scanPool(deps, ctxOf(request)),
    );
    app.post(
      '/customers/:id/claim',
      doc('pool.claim', 'claimCustomer', 'Claim a customer from the pool', {
        params: customerParams,
        response: { 200: customer },
      }),
      async (request) => service.claimCustomer(db, ctxOf(request), request.params.id),
    );
    app.post(
      '/customers/:id/release',
      doc('customer.edit', 'releaseCustomer', 'Release a customer into the pool', {
        params: customerParams,
        body: releaseBody,
        response: { 200: customer },
      }),
      async (request) => service.releaseCustomer(db, ctxOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/customers/:id/assign',
      doc('pool.manage', 'assignPoolCustomer', 'Assign a pool customer to a manager', {
        params: customerParams,
        body: assignCustomerBody,
        response: { 200: customer },
      }),
      async (request) => service.assignPoolCustomer(db, ctxOf(request), request.params.id, request.body.managerId),
    );
    app.get(
      '/customers/:id/pool-history',
      doc('customer.read', 'getCustomerPoolHistory', 'A customer’s entries into and exits from the pool', {
        params: customerParams,
        response: { 200: z.array(poolHistoryEntry) },
      }),
      async (request) => service.poolHistory(db, ctxOf(request), request.params.id),
    );
    app.get(
      '/settings/pool',
      doc('pool.manage', 'getPoolSettings', 'The pool’s limits and return days', { response: { 200: poolSettings } }),
      async () => settings.getPoolSettings(db),
    );
    app.patch(
      '/settings/pool',
      doc('pool.manage', 'updatePoolSettings', 'Change the pool’s limits and return days', {
        body: updatePoolSettingsBody,
        response: { 200: poolSettings },
      }),
      async (request) => settings.updatePoolSettings(db, ctxOf(request), request.body),
    );
  };
