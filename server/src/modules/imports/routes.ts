import fastifyMultipart from '@fastify/multipart';
import {
  IMPORT_LIMITS,
  idParams,
  importActionBody,
  importCheck,
  importDetail,
  importErrorsQuery,
  importQuery,
  importRecord,
  importRevert,
  importRunAnswer,
  importUpload,
  pageOf,
  updateImportBody,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { sendFile } from '../../platform/export.ts';
import { documented } from '../../platform/openapi.ts';
import { createImportRunner } from './runner.ts';
import * as service from './service.ts';
import { withUploadedFile } from './upload-file.ts';

const doc = documented('Imports');
const permission = 'customer.import';

/** 客户 › 导入 (docs/imports.md): upload, map, check, run, the errors file and the revert. */
export const importRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    // multipart bodies for these routes only; a file over the limit is 413 PAYLOAD_TOO_LARGE
    await app.register(fastifyMultipart, { limits: { fileSize: IMPORT_LIMITS.bytes } });
    const runner = createImportRunner(db, () => app.clock(), app.foreground, app.log);
    app.addHook('onReady', async () => runner.start());
    app.addHook('onClose', async () => runner.stop());

    app.post(
      '/imports',
      {
        ...doc(
          permission,
          'uploadImport',
          'Upload a file of customers (XLSX or CSV) and get its columns and a suggested mapping',
          {
            description:
              'multipart/form-data with `file` (XLSX, or CSV in UTF-8 or GBK, at most 20 MB and 100,000 rows) and ' +
              '`entity=customers`. Answers the columns, the first rows and the suggested (or last saved) mapping.',
            consumes: ['multipart/form-data'],
            body: z
              .object({
                file: z.string().meta({ format: 'binary', description: 'The XLSX or CSV file' }),
                entity: z.literal('customers').optional(),
              })
              .strict()
              .nullish(),
            response: { 201: importUpload },
          },
          { errors: [413, 415] },
        ),
        bodyLimit: IMPORT_LIMITS.bytes + 1024 * 1024,
      },
      async (request, reply) =>
        reply.status(201).send(await withUploadedFile(request, (file) => service.upload(db, ctxOf(request), file))),
    );
    app.get(
      '/imports',
      doc(permission, 'listImports', 'List one’s imports (an administrator: every import), newest first', {
        querystring: importQuery,
        response: { 200: pageOf(importRecord) },
      }),
      async (request) => service.listImports(db, ctxOf(request), request.query),
    );
    app.get(
      '/imports/:id',
      doc(permission, 'getImport', 'An import with its status, live counts and, while checked, its check’s answer', {
        params: idParams,
        response: { 200: importDetail },
      }),
      async (request) => service.getImport(db, ctxOf(request), request.params.id),
    );
    app.patch(
      '/imports/:id',
      doc(permission, 'updateImport', 'Set the mapping, the mode, the key to match on and the defaults', {
        params: idParams,
        body: updateImportBody,
        response: { 200: importRecord },
      }),
      async (request) => service.updateSettings(db, ctxOf(request), request.params.id, request.body),
    );
    app.post(
      '/imports/:id/check',
      doc(permission, 'checkImport', 'Dry run: what the import would create, update and skip, and every error', {
        params: idParams,
        body: importActionBody,
        response: { 200: importCheck },
      }),
      async (request) => service.check(db, ctxOf(request), request.params.id),
    );
    app.post(
      '/imports/:id/run',
      doc(permission, 'runImport', 'Start the import in the background; follow it with GET /imports/{id}', {
        params: idParams,
        body: importActionBody,
        response: { 202: importRunAnswer },
      }),
      async (request, reply) => {
        const answer = await service.startRun(db, ctxOf(request), request.params.id);
        runner.kick(answer.id);
        return reply.status(202).send(answer);
      },
    );
    app.get(
      '/imports/:id/errors',
      doc(
        permission,
        'getImportErrors',
        'The rows that were not imported, as a CSV or XLSX file with a reason column',
        {
          params: idParams,
          querystring: importErrorsQuery,
          response: {
            200: z.string().meta({ description: 'File: the rows not imported, as CSV or XLSX with a reason column' }),
          },
        },
      ),
      async (request, reply) =>
        sendFile(reply, await service.errorsFile(db, ctxOf(request), request.params.id, request.query)),
    );
    app.post(
      '/imports/:id/revert',
      doc(permission, 'revertImport', 'Undo an import: delete what it created and restore what it updated', {
        params: idParams,
        body: importActionBody,
        response: { 200: importRevert },
      }),
      async (request) => service.revert(db, ctxOf(request), request.params.id),
    );
  };
