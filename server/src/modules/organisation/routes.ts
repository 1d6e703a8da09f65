import { createDepartmentBody, department, idParams, updateDepartmentBody } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import * as service from './service.ts';

const doc = documented('Departments');

/** 组织架构 › 部门 (docs/organisation.md#departments): everyone signed in reads the tree, administrators keep it. */
export const organisationRoutes =
  ({ db }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/departments',
      doc('session', 'listDepartments', 'List the department tree, parents before their children', {
        response: { 200: z.array(department) },
      }),
      async () => service.listDepartments(db),
    );
    app.post(
      '/departments',
      doc('department.manage', 'createDepartment', 'Create a department', {
        body: createDepartmentBody,
        response: { 201: department },
      }),
      async (request, reply) =>
        reply.status(201).send(await service.createDepartment(db, ctxOf(request), request.body)),
    );
    app.patch(
      '/departments/:id',
      doc('department.manage', 'updateDepartment', 'Rename a department, change its leader or move it', {
        params: idParams,
        body: updateDepartmentBody,
        response: { 200: department },
      }),
      async (request) => service.updateDepartment(db, ctxOf(request), request.params.id, request.body),
    );
    app.delete(
      '/departments/:id',
      doc('department.manage', 'deleteDepartment', 'Delete a department without users or sub-departments', {
        params: idParams,
      }),
      async (request, reply) => {
        await service.deleteDepartment(db, ctxOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
