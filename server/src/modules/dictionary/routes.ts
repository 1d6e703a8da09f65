import {
  createDictionaryBody,
  dictionaryEntry,
  dictionaryQuery,
  idParams,
  pageOf,
  updateDictionaryBody,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import * as service from './service.ts';
import { documented } from '../../platform/openapi.ts';

const doc = documented('Dictionary');

const entry = dictionaryEntry.extend({ inUse: z.boolean() });

export const dictionaryRoutes =
  ({ db }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dictionary',
      doc('dictionary.read', 'listDictionaryEntries', 'List dictionary entries', {
        querystring: dictionaryQuery,
        response: { 200: pageOf(entry) },
      }),
      async (request) => service.listDictionary(db, request.query),
    );
    app.get(
      '/dictionary/types',
      doc('dictionary.read', 'listDictionaryTypes', 'List the dictionary’s types', {
        response: { 200: z.array(z.string()) },
      }),
      async () => service.listDictionaryTypes(db),
    );
    app.get(
      '/dictionary/:id',
      doc('dictionary.read', 'getDictionaryEntry', 'Get a dictionary entry', {
        params: idParams,
        response: { 200: entry },
      }),
      async (request) => service.getDictionaryEntry(db, request.params.id),
    );
    app.post(
      '/dictionary',
      doc('dictionary.manage', 'createDictionaryEntry', 'Create a dictionary entry', {
        body: createDictionaryBody,
        response: { 201: entry },
      }),
      async (request, reply) =>
        reply.status(201).send(await service.createDictionaryEntry(db, ctxOf(request), request.body)),
    );
    app.patch(
      '/dictionary/:id',
      doc('dictionary.manage', 'updateDictionaryEntry', 'Update a dictionary entry', {
        params: idParams,
        body: updateDictionaryBody,
        response: { 200: entry },
      }),
      async (request) => service.updateDictionaryEntry(db, ctxOf(request), request.params.id, request.body),
    );
    app.delete(
      '/dictionary/:id',
      doc('dictionary.manage', 'deleteDictionaryEntry', 'Delete a dictionary entry no record uses', {
        params: idParams,
      }),
      async (request, reply) => {
        await service.deleteDictionaryEntry(db, ctxOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
