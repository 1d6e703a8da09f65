import { auditEntry, auditQuery, pageOf } from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { limitOffset, pageOf as page } from '../../platform/pagination.ts';
import { listAuditEntries } from './repo.ts';
import { documented } from '../../platform/openapi.ts';

const doc = documented('Audit');

export const auditRoutes =
  ({ db }: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit-log',
      doc('audit.read', 'listAuditEntries', 'List audit log entries', {
        querystring: auditQuery,
        response: { 200: pageOf(auditEntry) },
      }),
      async ({ query }) => {
        const { items, total } = await listAuditEntries(db, { ...query, ...limitOffset(query) });
        return page(items, total, query);
      },
    );
  };
