import {
  appendMeasureAnswer,
  appendMeasureBody,
  churnLastScan,
  churnScanResult,
  churnWarning,
  churnWarningQuery,
  churnWarningSummary,
  confirmChurnBody,
  idParams,
  pageOf,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { lastChurnScan, scanForChurn } from './scan.ts';
import * as service from './service.ts';
import { documented } from '../../platform/openapi.ts';

const doc = documented('Churn');

/** docs/product.md#churn, Churn. */
export const churnRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    app.get(
      '/churn-warnings',
      doc('churn.read', 'listChurnWarnings', 'List churn warnings', {
        querystring: churnWarningQuery,
        response: { 200: pageOf(churnWarningSummary) },
      }),
      async (request) => service.listChurnWarnings(db, ctxOf(request), request.query),
    );
    app.get(
      '/churn-warnings/last-scan',
      doc('churn.read', 'getLastChurnScan', 'When the churn check last ran, and how current its sales figures were', {
        response: { 200: churnLastScan },
      }),
      async () => lastChurnScan(deps),
    );
    app.post(
      '/churn-warnings/scan',
      doc(
        'churn.scan',
        'scanForChurn',
        'Run the churn check now',
        { response: { 200: churnScanResult } },
        { errors: [503] },
      ),
      async (request) => scanForChurn(deps, ctxOf(request)),
    );
    app.get(
      '/churn-warnings/:id',
      doc('churn.read', 'getChurnWarning', 'Get a churn warning with its measures', {
        params: idParams,
        response: { 200: churnWarning },
      }),
      async (request) => service.getChurnWarning(db, ctxOf(request), request.params.id),
    );
    app.post(
      '/churn-warnings/:id/measures',
      doc('churn.act', 'appendChurnMeasure', 'Append a delay measure to a churn warning', {
        params: idParams,
        body: appendMeasureBody,
        response: { 201: appendMeasureAnswer },
      }),
      async (request, reply) =>
        reply.status(201).send(await service.appendDelayMeasure(db, ctxOf(request), request.params.id, request.body)),
    );
    app.post(
      '/churn-warnings/:id/confirm',
      doc('churn.act', 'confirmChurn', 'Confirm that the customer is lost', {
        params: idParams,
        body: confirmChurnBody,
        response: { 200: churnWarning },
      }),
      async (request) => service.confirmChurn(db, ctxOf(request), request.params.id, request.body),
    );
  };
