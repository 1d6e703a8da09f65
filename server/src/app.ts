import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Deps } from './deps.ts';
import { accessRoutes, accountRoutes, sessionResolver } from './modules/access/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { churnRoutes } from './modules/churn/index.ts';
import { dictionaryRoutes } from './modules/dictionary/index.ts';
import { handoverRoutes } from './modules/handover/index.ts';
import { notificationRoutes } from './modules/notifications/index.ts';
import { opportunityRoutes } from './modules/opportunities/index.ts';
import { poolRoutes } from './modules/pool/index.ts';
import { portalAccessRoutes, portalResolver, portalRoutes } from './modules/portal/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { timelineRoutes } from './modules/timeline/index.ts';
import { webhookRoutes } from './modules/webhooks/index.ts';
import { overviewRoutes } from './modules/overview/index.ts';
import { riskRoutes } from './modules/risk/index.ts';
import { organisationRoutes } from './modules/organisation/index.ts';
import { serviceRoutes, slaRoutes } from './modules/services/index.ts';
import { assignmentRoutes } from './modules/assignment/index.ts';
import { reportRoutes } from './modules/reports/index.ts';
import { clientErrorHandler, frameworkErrors } from './platform/client-errors.ts';
import { registerErrorHandler } from './platform/errors.ts';
import { registerExportGate } from './platform/export.ts';
import { registerForeground } from './platform/foreground.ts';
import { registerGuard } from './platform/guard.ts';
import { registerIdempotency } from './platform/idempotency.ts';
import { registerJsonBody } from './platform/json-body.ts';
import { openapiOptions } from './platform/openapi.ts';
import { registerSecurity } from './platform/security.ts';
import { registerWebApp } from './platform/web.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { customerRoutes } from './modules/customers/index.ts';
import { importRoutes } from './modules/imports/index.ts';
import { salesRoutes } from './sales/routes.ts';
import { createSalesSystem, type SalesSystem } from './sales/system.ts';

type AppOptions = {
  config: Config;
  database: Database;
  /** Tests move time forward with a fake clock. */
  clock?: () => Date;
  /** `false` in tests; a stream to read what would be logged. */
  logger?: boolean | { stream: NodeJS.WritableStream };
  /** The sales system; built from the config (and closed with the app) when not given. */
  sales?: SalesSystem;
};

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** The whole HTTP application, without listening: `main.ts` listens, tests call `inject`. */
export async function buildApp({
  config,
  database,
  clock,
  logger = true,
  sales,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger && {
      level: config.logLevel,
      ...(typeof logger === 'object' ? { stream: logger.stream } : {}),
      // Never a password, a session token or a cookie in the log (bodies are not logged at all).
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
    // A client that sends slowly (a body trickling in) or reads slowly (a download nobody reads) is cut off;
    // Node checks the request time-out every `connectionsCheckingInterval`, so that runs a few times per time-out.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.sendTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    maxRequestsPerSocket: config.maxRequestsPerSocket,
    clientErrorHandler,
    frameworkErrors,
    http: {
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(config.requestTimeoutMs / 4))),
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('clock', clock ?? (() => new Date()));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Request-Id', request.id);
    return payload;
  });

  const deps: Deps = {
    config,
    database,
    db: database.db,
    sales: sales ?? createSalesSystem(config, database, app.log),
  };
  if (!sales) app.addHook('onClose', () => deps.sales.close());

  registerErrorHandler(app);
  registerForeground(app);
  registerExportGate(app, config);
  registerJsonBody(app);
  await registerSecurity(app);
  await app.register(fastifyCookie);
  registerGuard(app, sessionResolver(database, config), {
    publicPrefixes: ['/api/docs'],
    resolvePortal: portalResolver(database, config),
  });
  registerIdempotency(app, deps.db);

  await app.register(fastifySwagger, openapiOptions({ version: '1.0.0', license: 'MIT' }));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.query('select 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });

  await app.register(
    async (api) => {
      await api.register(accessRoutes(deps));
      await api.register(accountRoutes(deps));
      await api.register(dictionaryRoutes(deps));
      await api.register(organisationRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(churnRoutes(deps));
      await api.register(salesRoutes(deps));
      await api.register(customerRoutes(deps));
      await api.register(poolRoutes(deps));
      await api.register(catalogRoutes(deps));
      await api.register(opportunityRoutes(deps));
      await api.register(serviceRoutes(deps));
      await api.register(reportRoutes(deps));
      await api.register(handoverRoutes(deps));
      await api.register(searchRoutes(deps));
      await api.register(timelineRoutes(deps));
      await api.register(overviewRoutes(deps));
      await api.register(riskRoutes(deps));
      await api.register(notificationRoutes(deps));
      await api.register(portalAccessRoutes(deps));
      await api.register(webhookRoutes(deps));
      await api.register(assignmentRoutes(deps));
      await api.register(slaRoutes(deps));
      await api.register(importRoutes(deps));
    },
    { prefix: '/api/v1' },
  );
  // the customer portal's own API, sessions and cookie (docs/portal.md)
  await app.register(portalRoutes(deps), { prefix: '/api/portal/v1' });

  await registerWebApp(app, config.webDist ?? defaultWebDist);
  return app;
}
