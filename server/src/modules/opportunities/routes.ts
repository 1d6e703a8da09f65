import {
  assignOpportunityBody,
  board,
  boardQuery,
  bulkAssignAnswer,
  bulkAssignBody,
  moveStageBody,
  stageMove,
  closeOpportunityBody,
  createOpportunityBody,
  createPlanItemBody,
  failOpportunityBody,
  idParams,
  opportunity,
  opportunityFailedAnswer,
  opportunityQuery,
  opportunitySucceededAnswer,
  pageOf,
  planItem,
  planItemParams,
  updateOpportunityBody,
  updatePlanItemBody,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import * as pipeline from './pipeline.ts';
import * as service from './service.ts';
import { documented } from '../../platform/openapi.ts';

const doc = {
  opportunities: documented('Opportunities'),
  plans: documented('Development plans'),
  pipeline: documented('Pipeline'),
};

/**
 * Marketing: sales opportunities (docs/product.md#opportunities) and their development plans
 * (docs/product.md#development-plans).
 */
export const opportunityRoutes =
  ({ db }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/opportunities',
      doc.opportunities('opportunity.read', 'listOpportunities', 'List sales opportunities', {
        querystring: opportunityQuery,
        response: { 200: pageOf(opportunity) },
      }),
      async (request) => service.listOpportunities(db, ctxOf(request), request.query),
    );
    app.post(
      '/opportunities',
      doc.opportunities('opportunity.create', 'createOpportunity', 'Create a sales opportunity', {
        body: createOpportunityBody,
        response: { 201: opportunity },
      }),
      async (request, reply) =>
        reply.status(201).send(await service.createOpportunity(db, ctxOf(request), request.body)),
    );
    app.get(
      '/opportunities/:id',
      doc.opportunities('opportunity.read', 'getOpportunity', 'Get a sales opportunity', {
        params: idParams,
        response: { 200: opportunity },
      }),
      async (request) => service.getOpportunity(db, ctxOf(request), request.params.id),
    );
    app.patch(
      '/opportunities/:id',
      doc.opportunities('opportunity.edit', 'updateOpportunity', 'Update an unassigned sales opportunity', {
        params: idParams,
        body: updateOpportunityBody,
        response: { 200: opportunity },
      }),
      async (request) => service.updateOpportunity(db, ctxOf(request), request.params.id, request.body),
    );
    app.delete(
      '/opportunities/:id',
      doc.opportunities('opportunity.edit', 'deleteOpportunity', 'Delete an unassigned sales opportunity', {
        params: idParams,
      }),
      async (request, reply) => {
        await service.deleteOpportunity(db, ctxOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/opportunities/:id/assign',
      doc.opportunities('opportunity.assign', 'assignOpportunity', 'Assign a sales opportunity to a salesperson', {
        params: idParams,
        body: assignOpportunityBody,
        response: { 200: opportunity },
      }),
      async (request) => service.assignOpportunity(db, ctxOf(request), request.params.id, request.body),
    );

    app.get(
      '/opportunities/:id/plan-items',
      doc.plans('opportunity.read', 'listPlanItems', 'List the development plan of an opportunity', {
        params: idParams,
        response: { 200: z.array(planItem) },
      }),
      async (request) => service.listPlanItems(db, ctxOf(request), request.params.id),
    );
    app.post(
      '/opportunities/:id/plan-items',
      doc.plans('plan.manage', 'createPlanItem', 'Add an item to an opportunity’s development plan', {
        params: idParams,
        body: createPlanItemBody,
        response: { 201: planItem },
      }),
      async (request, reply) =>
        reply.status(201).send(await service.addPlanItem(db, ctxOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/opportunities/:id/plan-items/:itemId',
      doc.plans('plan.manage', 'updatePlanItem', 'Update a plan item, or record its result', {
        params: planItemParams,
        body: updatePlanItemBody,
        response: { 200: planItem },
      }),
      async (request) =>
        service.updatePlanItem(db, ctxOf(request), request.params.id, request.params.itemId, request.body),
    );
    app.delete(
      '/opportunities/:id/plan-items/:itemId',
      doc.plans('plan.manage', 'deletePlanItem', 'Delete a plan item', { params: planItemParams }),
      async (request, reply) => {
        await service.deletePlanItem(db, ctxOf(request), request.params.id, request.params.itemId);
        return reply.status(204).send();
      },
    );

    app.post(
      '/opportunities/:id/succeed',
      doc.opportunities(
        'opportunity.close',
        'markOpportunitySucceeded',
        'Close an opportunity as won, making its customer',
        {
          params: idParams,
          body: closeOpportunityBody,
          response: { 200: opportunitySucceededAnswer },
        },
      ),
      async (request) => service.markOpportunitySucceeded(db, ctxOf(request), request.params.id),
    );
    app.post(
      '/opportunities/:id/fail',
      doc.opportunities('opportunity.close', 'markOpportunityFailed', 'Close an opportunity as failed', {
        params: idParams,
        body: failOpportunityBody,
        response: { 200: opportunityFailedAnswer },
      }),
      async (request) =>
        service.markOpportunityFailed(db, ctxOf(request), request.params.id, request.body?.reason ?? null),
    );

    app.post(
      '/opportunities/:id/reassign',
      doc.opportunities(
        'opportunity.assign',
        'reassignOpportunity',
        'Reassign an assigned opportunity to another salesperson',
        {
          params: idParams,
          body: assignOpportunityBody,
          response: { 200: opportunity },
        },
      ),
      async (request) => service.reassignOpportunity(db, ctxOf(request), request.params.id, request.body),
    );

    // ---- the pipeline (docs/pipeline.md) ----
    app.get(
      '/opportunities/board',
      doc.pipeline('opportunity.read', 'getOpportunityBoard', 'The board: assigned opportunities by stage', {
        description:
          '`limit` cards a column (default 50, at most 200; soonest expected close date first); `count` and `amount` are exact.',
        querystring: boardQuery,
        response: { 200: board },
      }),
      async (request) => pipeline.loadBoard(db, ctxOf(request), request.query),
    );
    app.post(
      '/opportunities/:id/stage',
      doc.pipeline('plan.manage', 'moveOpportunityStage', 'Move an assigned opportunity to another stage', {
        params: idParams,
        body: moveStageBody,
        response: { 200: opportunity },
      }),
      async (request) => pipeline.moveStage(db, ctxOf(request), request.params.id, request.body),
    );
    app.get(
      '/opportunities/:id/stage-history',
      doc.pipeline('opportunity.read', 'listOpportunityStageHistory', 'The stage moves of an opportunity', {
        params: idParams,
        response: { 200: z.array(stageMove) },
      }),
      async (request) => pipeline.listStageHistory(db, ctxOf(request), request.params.id),
    );
    app.post(
      '/opportunities/assign-bulk',
      doc.pipeline(
        'opportunity.assign',
        'assignOpportunitiesInBulk',
        'Assign several unassigned opportunities at once',
        {
          description: 'Each listed opportunity is assigned or refused (with a code); the answer lists both.',
          body: bulkAssignBody,
          response: { 200: bulkAssignAnswer },
        },
      ),
      async (request) => pipeline.assignBulk(db, ctxOf(request), request.body),
    );
  };
