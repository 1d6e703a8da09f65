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

const tags = ['churn'];

/** docs/product.md#churn, Churn. */
export const churnRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    app.get(
      '/churn-warnings',
      {
        config: { access: 'churn.read' },
        schema: { tags, querystring: churnWarningQuery, response: { 200: pageOf(churnWarningSummary) } },
      },
      async (request) => service.listChurnWarnings(db, ctxOf(request), request.query),
    );
    app.get(
      '/churn-warnings/last-scan',
      { config: { access: 'churn.read' }, schema: { tags, response: { 200: churnLastScan } } },
      async () => lastChurnScan(deps),
    );
    app.post(
      '/churn-warnings/scan',
      { config: { access: 'churn.scan' }, schema: { tags, response: { 200: churnScanResult } } },
      async (request) => scanForChurn(deps, ctxOf(request)),
    );
    app.get(
      '/churn-warnings/:id',
      { config: { access: 'churn.read' }, schema: { tags, params: idParams, response: { 200: churnWarning } } },
      async (request) => service.getChurnWarning(db, ctxOf(request), request.params.id),
    );
    app.post(
      '/churn-warnings/:id/measures',
      {
        config: { access: 'churn.act' },
        schema: { tags, params: idParams, body: appendMeasureBody, response: { 201: appendMeasureAnswer } },
      },
      async (request, reply) =>
        reply.status(201).send(await service.appendDelayMeasure(db, ctxOf(request), request.params.id, request.body)),
    );
    app.post(
      '/churn-warnings/:id/confirm',
      {
        config: { access: 'churn.act' },
        schema: { tags, params: idParams, body: confirmChurnBody, response: { 200: churnWarning } },
      },
      async (request) => service.confirmChurn(db, ctxOf(request), request.params.id, request.body),
    );
  };
