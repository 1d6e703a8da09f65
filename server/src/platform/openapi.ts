import { errorBody } from '@crm/contracts';
import type { FastifyDynamicSwaggerOptions, SwaggerTransformObject } from '@fastify/swagger';
import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteAccess } from './guard.ts';

/** The document's tags: one per module (or per kind of record inside one), each described for the reader. */
const TAGS = {
  Auth: 'Signing in and out (with two-step verification or single sign-on), the signed-in user, one’s password.',
  Account:
    'One’s own API tokens, two-step verification and sessions; the administrator’s overview of API tokens ' +
    '(docs/sign-in.md).',
  Users: 'User accounts, and the people work can be assigned to.',
  Roles: 'Roles and the permissions they grant.',
  Departments: 'The department tree (docs/organisation.md#departments).',
  Dictionary: 'The data dictionary: the choices offered for regions, customer levels, service types and the like.',
  Customers: 'Customers (docs/product.md#customers).',
  Contacts: 'The contact people of a customer.',
  Activities: 'What was done with a customer: visits, calls, meetings.',
  Orders: 'A customer’s orders, read from the sales system.',
  Opportunities: 'Sales opportunities: created, assigned, developed and closed (docs/product.md#opportunities).',
  'Development plans': 'The plan items of an opportunity (docs/product.md#development-plans).',
  Pipeline: 'Stages, the board and bulk assignment of opportunities (docs/pipeline.md).',
  Services: 'Customer service: created, assigned, handled and given feedback (docs/product.md#customer-service).',
  Churn: 'Churn warnings: customers who stopped ordering, and what is done about them (docs/product.md#churn).',
  Reports: 'Reports, as JSON or as a CSV or XLSX file (docs/product.md#reports).',
  Workbench: 'The figures and to-do lists of the home page (docs/product.md#workbench).',
  Catalog: 'Product and inventory lookup in the sales system.',
  Sales: 'How current the CRM’s copy of the sales figures is, and refreshing it (docs/product.md#the-sales-system).',
  Audit: 'The audit log: who changed what, and when.',
  'Customer pool':
    'The customer pool (公海): customers without a manager, claimed, released, assigned and returned ' +
    '(docs/organisation.md#customer-pool).',
  Search:
    'Global search: customers, contacts, opportunities and services by name, number, pinyin or phone (docs/search.md).',
  Portal:
    'The customer portal (客户服务门户, base path `/api/portal/v1`): a customer’s contacts sign in with their own ' +
    'accounts (the `crm_portal` cookie), file service requests, follow them, rate the answers and read their ' +
    'company’s counted orders (docs/portal.md).',
  'Portal access':
    'Staff invite a customer’s contact to the customer portal and revoke the access (docs/portal.md#accounts).',
  Notifications:
    'My notifications: the list, the unread count, marking read, the live stream and which kinds also come by email ' +
    '(docs/notifications.md).',
  Imports:
    'Customers imported from XLSX or CSV files: upload, map, check, run in the background, the errors file and the ' +
    'revert (docs/imports.md).',
  Webhooks:
    'Receivers of events (JSON signed with HMAC-SHA256, or DingTalk / WeCom / Feishu group robots), their delivery ' +
    'log, redelivery and the test (docs/webhooks.md).',
} as const;
type Tag = keyof typeof TAGS;

type Json = Record<string, unknown>;

/** The error answers the document knows, by status: each one `{error: {code, message, details?, requestId}}`. */
const ERROR_RESPONSES = {
  400: ['BadRequest', 'The input is not valid (`VALIDATION_FAILED`, `MALFORMED_URL`, `MALFORMED_REQUEST`).'],
  401: [
    'Unauthenticated',
    'Not signed in, or the session has ended (`UNAUTHENTICATED`, `INVALID_CREDENTIALS`), or an API token that is ' +
      'malformed, unknown, revoked, of a disabled user (`TOKEN_INVALID`) or expired (`TOKEN_EXPIRED`).',
  ],
  403: [
    'Forbidden',
    'Not permitted (`FORBIDDEN`), the account is disabled (`ACCOUNT_DISABLED`), two-step verification must be ' +
      'set up first (`TWO_FACTOR_REQUIRED`), or a change without `X-Requested-With: XMLHttpRequest` or from ' +
      'another origin (`CSRF_REJECTED`; not asked of a request with an API token).',
  ],
  404: ['NotFound', 'No such record (`NOT_FOUND`).'],
  409: [
    'Conflict',
    'The record changed meanwhile (`VERSION_CONFLICT`), is in a state that does not allow this (`INVALID_STATE`), ' +
      'is still in use (`IN_USE`), clashes with another record or an `Idempotency-Key` (`CONFLICT`), or would pass a ' +
      'limit of the customer pool (`LIMIT_REACHED`).',
  ],
  413: ['PayloadTooLarge', 'The uploaded file is larger than the route takes (`PAYLOAD_TOO_LARGE`).'],
  415: ['UnsupportedFile', 'The uploaded file is not of a kind the route reads (`UNSUPPORTED_FILE`).'],
  429: ['RateLimited', 'Too many attempts or downloads at once (`RATE_LIMITED`); wait as long as `Retry-After` says.'],
  503: ['SalesUnavailable', 'The sales system cannot be reached at the moment (`SALES_UNAVAILABLE`).'],
} as const;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

const EXAMPLE_CODE: Record<ErrorStatus, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'VERSION_CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_FILE',
  429: 'RATE_LIMITED',
  503: 'SALES_UNAVAILABLE',
};

/** Where a route's error statuses travel from its route options to the document (removed from the result). */
const ERRORS_KEY = 'x-crm-errors';

type Also = {
  /** Error answers its access and path do not imply: 429 for a limiter, 503 for a route that reads the sales system. */
  errors?: ErrorStatus[];
};

/**
 * A route's options: who may call it (`config.access`, checked by platform/guard.ts) and its schema with what an
 * integrator's client generator needs: a stable `operationId` (camelCase verb and noun; never renamed, clients are
 * built on it), a one-line summary and the tag. The error answers are added from the route's access and path when
 * the document is made (see `errorStatuses`).
 */
export const documented =
  (tag: Tag) =>
  <S extends FastifySchema>(
    access: RouteAccess,
    operationId: string,
    summary: string,
    schema?: S,
    also: Also = {},
  ) => ({
    config: { access },
    schema: {
      ...(schema as S),
      tags: [tag],
      operationId,
      summary,
      ...(also.errors ? { [ERRORS_KEY]: also.errors } : {}),
    },
  });

/** What a successful answer is, where the route does not say (Fastify's own default is "Default Response"). */
const SUCCESS: Record<string, string> = {
  200: 'Done: the record, list, report or file asked for, as it is now',
  201: 'Created: the new record',
  202: 'Accepted: the work goes on in the background',
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The headers a change carries (docs/product.md#api-conventions, rules 3 and 9), as the document's parameters. */
const changeHeaders = (post: boolean) => ({
  type: 'object',
  required: ['x-requested-with'],
  properties: {
    'x-requested-with': {
      type: 'string',
      enum: ['XMLHttpRequest'],
      description:
        'Required on every change made with the session cookie: such a request without it is refused (403 ' +
        '`CSRF_REJECTED`); a request with an API token may leave it out',
    },
    ...(post
      ? {
          'idempotency-key': {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            description:
              'Optional: a repeat of this request with the same key and body gets the first answer again instead ' +
              'of doing the change twice; the same key with another body is 409 `CONFLICT`',
          },
        }
      : {}),
  },
});

/** The error statuses a route can answer, from its declared access, method, path and query. */
function errorStatuses(
  route: Pick<RouteOptions, 'method' | 'url' | 'config'>,
  query: unknown,
  also: ErrorStatus[] = [],
): ErrorStatus[] {
  const access = (route.config as { access?: string } | undefined)?.access;
  const signedIn = access !== 'public';
  const unsafe = [route.method].flat().some((m) => UNSAFE.has(m.toUpperCase()));
  const statuses = new Set<ErrorStatus>([400, ...also]);
  if (signedIn) statuses.add(401);
  // FORBIDDEN without the permission; ACCOUNT_DISABLED for any session; CSRF_REJECTED for any change.
  if (signedIn || unsafe) statuses.add(403);
  if (route.url.includes(':')) statuses.add(404);
  // A change by a signed-in user: a version, a state, a record still in use or an Idempotency-Key can conflict.
  if (signedIn && unsafe) statuses.add(409);
  // A report with `?format=` is a download, and downloads at once are limited (platform/export.ts).
  const properties = (query as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (properties && 'format' in properties) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

const errorSchema = (() => {
  const { $schema: _, ...schema } = z.toJSONSchema(errorBody, { target: 'openapi-3.0' }) as Record<string, unknown>;
  return schema;
})();

function errorComponents(): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, [name, description]]) => {
      const response: Json = {
        description,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
            example: {
              error: {
                code: EXAMPLE_CODE[Number(status) as ErrorStatus],
                message: description.split(' (')[0],
                requestId: '0b6f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70',
              },
            },
          },
        },
      };
      if (status === '429')
        response.headers = { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' } };
      return [name, response];
    }),
  );
}

/**
 * `anyOf` of one schema (zod's input side of `number | decimal text`, the text branch being a transform) is that
 * schema; a nullable `anyOf` carries `nullable` on its branches.
 */
function collapseSingleAnyOf(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(collapseSingleAnyOf);
  if (!node || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  if (Array.isArray(object.anyOf) && object.anyOf.length === 1) {
    const [only] = object.anyOf as Record<string, unknown>[];
    delete object.anyOf;
    Object.assign(object, only);
  }
  // `nullable` needs a `type` beside it (OpenAPI 3.0): a nullable `anyOf` (an id as a number or its text, or null)
  // says it on each branch instead
  if (Array.isArray(object.anyOf) && object.nullable === true && object.type === undefined) {
    delete object.nullable;
    object.anyOf = (object.anyOf as Record<string, unknown>[]).map((branch) => ({ ...branch, nullable: true }));
  }
  Object.values(object).forEach(collapseSingleAnyOf);
}

/** The options of @fastify/swagger: the document's info, tags and error answers around the zod route schemas. */
export function openapiOptions(info: { version: string; license: string }): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      info: {
        title: 'CRM API',
        version: info.version,
        description:
          'The HTTP API of the CRM (客户关系管理系统): customers, opportunities, customer service, churn and reports. ' +
          'Sign in with `POST /api/v1/auth/login`; the session travels in the `crm_session` cookie. Every change ' +
          '(POST, PATCH, DELETE) carries `X-Requested-With: XMLHttpRequest`; a POST may carry an `Idempotency-Key`. ' +
          'Every error answers `{error: {code, message, details?, requestId}}` (docs/product.md#api-conventions).',
        license: { name: info.license, url: `https://spdx.org/licenses/${info.license}.html` },
      },
      servers: [{ url: '/' }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'crm_session' },
          portal: {
            type: 'apiKey',
            in: 'cookie',
            name: 'crm_portal',
            description:
              'A customer-portal session (docs/portal.md#sessions): only the `/api/portal/v1` routes take it',
          },
          token: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal API token (`crm_…`, docs/sign-in.md#api-tokens); no CSRF header is needed with it',
          },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: (document) => {
      const { schema, url } = jsonSchemaTransform(document);
      const route = document.route;
      const portal = route.url.startsWith('/api/portal/v1/');
      if (!route.url.startsWith('/api/v1/') && !portal) return { schema, url };
      const also = (document.schema as Record<string, unknown>)[ERRORS_KEY] as ErrorStatus[] | undefined;
      const statuses = errorStatuses(route, schema.querystring, also);
      const access = (route.config as { access?: string } | undefined)?.access;
      const methods = [route.method].flat().map((m) => m.toUpperCase());
      return {
        schema: {
          ...(methods.some((m) => UNSAFE.has(m)) ? { headers: changeHeaders(methods.includes('POST')) } : {}),
          // A route that declares no answer answers 204 without a body (deletions, sign-out, password change).
          response: { 204: { type: 'null', description: 'Done; no content' } },
          ...schema,
          [ERRORS_KEY]: statuses,
          ...(access === 'public' ? { security: [] } : access === 'portal' ? { security: [{ portal: [] }] } : {}),
        },
        url,
      };
    },
    transformObject: (object) => {
      const generated = 'openapiObject' in object ? object.openapiObject : object.swaggerObject;
      const document = structuredClone(generated) as Json & { paths?: Record<string, Json>; components?: Json };
      const names = Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([status, [name]]) => [status, name]));
      for (const operations of Object.values(document.paths ?? {})) {
        for (const operation of Object.values(operations) as Json[]) {
          const statuses = operation[ERRORS_KEY] as ErrorStatus[] | undefined;
          if (!statuses) continue;
          delete operation[ERRORS_KEY];
          const responses = operation.responses as Json;
          for (const [status, answer] of Object.entries(responses) as [string, Json][]) {
            if (answer.description === 'Default Response') answer.description = SUCCESS[status] ?? 'Done';
          }
          for (const status of statuses) responses[status] = { $ref: `#/components/responses/${names[status]}` };
        }
      }
      collapseSingleAnyOf(document.paths);
      document.components = {
        ...document.components,
        schemas: { ...(document.components?.schemas as Json), Error: errorSchema },
        responses: { ...(document.components?.responses as Json), ...errorComponents() },
      };
      return document as ReturnType<SwaggerTransformObject>;
    },
  };
}
