import {
  assignmentRule,
  assignmentRuleQuery,
  createAssignmentRuleBody,
  idParams,
  pageOf,
  updateAssignmentRuleBody,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as rules from './service.ts';

const doc = documented('Services');
const access = 'service.rules';

/** Assignment rules (docs/assignment-rules.md), managed by directors and administrators. */
export const assignmentRoutes =
  ({ db }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/assignment-rules',
      doc(access, 'listAssignmentRules', 'List the assignment rules in the order they are tried', {
        querystring: assignmentRuleQuery,
        response: { 200: pageOf(assignmentRule) },
      }),
      async (request) => rules.listRules(db, request.query),
    );
    app.post(
      '/assignment-rules',
      doc(access, 'createAssignmentRule', 'Create an assignment rule', {
        body: createAssignmentRuleBody,
        response: { 201: assignmentRule },
      }),
      async (request, reply) => reply.status(201).send(await rules.createRule(db, ctxOf(request), request.body)),
    );
    app.patch(
      '/assignment-rules/:id',
      doc(access, 'updateAssignmentRule', 'Change an assignment rule', {
        params: idParams,
        body: updateAssignmentRuleBody,
        response: { 200: assignmentRule },
      }),
      async (request) => rules.updateRule(db, ctxOf(request), request.params.id, request.body),
    );
    app.delete(
      '/assignment-rules/:id',
      doc(access, 'deleteAssignmentRule', 'Delete an assignment rule', { params: idParams }),
      async (request, reply) => {
        await rules.deleteRule(db, ctxOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
