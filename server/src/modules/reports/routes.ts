import {
  churnReport,
  churnReportQuery,
  compositionQuery,
  compositionReport,
  contributionQuery,
  contributionReport,
  forecastQuery,
  forecastReport,
  winLossQuery,
  winLossReport,
  serviceReport,
  serviceReportQuery,
  slaReport,
  slaReportQuery,
  workbench,
} from '@crm/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { sendFile } from '../../platform/export.ts';
import * as pipeline from './pipeline.ts';
import * as service from './service.ts';
import type { ReportAnswer } from './service.ts';
import { loadWorkbench } from './workbench.ts';
import { documented } from '../../platform/openapi.ts';

const doc = {
  reports: documented('Reports'),
  workbench: documented('Workbench'),
};

const fileNote =
  'With `?format=csv` or `?format=xlsx` (headers in `?lang=zh|en`) the answer is a file of all matching rows.';

/** JSON, or the export file streamed as a download. */
function answer<T>(reply: FastifyReply, result: ReportAnswer<T>) {
  if ('file' in result) return sendFile(reply, result.file);
  return result.json;
}

/** Reports (docs/product.md#reports) and the home workbench (docs/product.md#workbench). */
export const reportRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const access = 'report.read';
    app.get(
      '/reports/contribution',
      doc.reports(access, 'getContributionReport', 'Customer contribution: sales amount by customer', {
        description: fileNote,
        querystring: contributionQuery,
        response: { 200: contributionReport },
      }),
      async (request, reply) => answer(reply, await service.customerContribution(deps, ctxOf(request), request.query)),
    );
    app.get(
      '/reports/composition',
      doc.reports(access, 'getCompositionReport', 'Customer composition: customers by level, credit or satisfaction', {
        description: fileNote,
        querystring: compositionQuery,
        response: { 200: compositionReport },
      }),
      async (request, reply) => answer(reply, await service.customerComposition(deps, ctxOf(request), request.query)),
    );
    app.get(
      '/reports/services',
      doc.reports(access, 'getServiceReport', 'Service analysis: service requests by type', {
        description: fileNote,
        querystring: serviceReportQuery,
        response: { 200: serviceReport },
      }),
      async (request, reply) => answer(reply, await service.serviceAnalysis(deps, ctxOf(request), request.query)),
    );
    app.get(
      '/reports/sla',
      doc.reports(access, 'getSlaReport', 'Service time limits: services handled within the limit by type', {
        description: fileNote,
        querystring: slaReportQuery,
        response: { 200: slaReport },
      }),
      async (request, reply) => answer(reply, await service.slaReport(deps, ctxOf(request), request.query)),
    );
    app.get(
      '/reports/churn',
      doc.reports(access, 'getChurnReport', 'Churn analysis: lost customers and their reasons', {
        description: fileNote,
        querystring: churnReportQuery,
        response: { 200: churnReport },
      }),
      async (request, reply) => answer(reply, await service.churnAnalysis(deps, ctxOf(request), request.query)),
    );
    app.get(
      '/reports/forecast',
      doc.reports(access, 'getForecastReport', 'Sales forecast: open opportunities by close month and assignee', {
        description: `Amounts and weighted amounts (amount × success rate) per month. ${fileNote}`,
        querystring: forecastQuery,
        response: { 200: forecastReport },
      }),
      async (request, reply) => answer(reply, await pipeline.forecast(deps, ctxOf(request), request.query)),
    );
    app.get(
      '/reports/win-loss',
      doc.reports(access, 'getWinLossReport', 'Win/loss analysis: closed opportunities of a period', {
        description: fileNote,
        querystring: winLossQuery,
        response: { 200: winLossReport },
      }),
      async (request, reply) => answer(reply, await pipeline.winLoss(deps, ctxOf(request), request.query)),
    );
    app.get(
      '/workbench',
      doc.workbench('session', 'getWorkbench', 'The home page: figures and to-do lists for the signed-in user', {
        response: { 200: workbench },
      }),
      async (request) => loadWorkbench(deps.db, ctxOf(request)),
    );
  };
