import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from '@crm/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** The one error type of the server: a code from contracts, a message, and the fields it concerns. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Headers the answer carries (`Retry-After` on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'Record') => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('FORBIDDEN', message);
export const invalidState = (message: string) => new AppError('INVALID_STATE', message);
export const versionConflict = () =>
  new AppError('VERSION_CONFLICT', 'The record was changed by someone else; reload it and try again');
export const validationFailed = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** PostgreSQL error codes that are the user's doing, not a bug. */
const PG_ERRORS: Record<string, [ErrorCode, string]> = {
  '23505': ['CONFLICT', 'A record with these values already exists'],
  '23503': ['IN_USE', 'Other data still refers to this record'],
  '23514': ['VALIDATION_FAILED', 'A value is out of range'],
  '22001': ['VALIDATION_FAILED', 'A value is too long'],
  '22003': ['VALIDATION_FAILED', 'A number is out of range'],
  '22007': ['VALIDATION_FAILED', 'A date is not valid'],
  '22008': ['VALIDATION_FAILED', 'A date is out of range'],
  '22P02': ['VALIDATION_FAILED', 'A value has the wrong format'],
  '22021': ['VALIDATION_FAILED', 'Text is not valid UTF-8'],
  '40001': ['CONFLICT', 'Another change got there first; try again'],
  '40P01': ['CONFLICT', 'Another change got there first; try again'],
};

export function pgErrorCode(error: unknown): string | undefined {
  return pgError(error)?.code;
}

/** The constraint a PostgreSQL error names (a unique index's name for a 23505), when it names one. */
export function pgConstraint(error: unknown): string | undefined {
  return pgError(error)?.constraint;
}

function pgError(error: unknown): { code: string; constraint?: string } | undefined {
  let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
      return { code: e.code, ...(typeof e.constraint === 'string' ? { constraint: e.constraint } : {}) };
  }
  return undefined;
}

function toAppError(error: FastifyError): AppError | undefined {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext;
    const details = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || String(where ?? ''),
      message: v.message ?? 'invalid',
    }));
    return new AppError('VALIDATION_FAILED', 'The input is not valid', details);
  }
  const pg = pgErrorCode(error);
  if (pg && PG_ERRORS[pg]) return new AppError(...PG_ERRORS[pg]);
  if (error.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'The body is of a media type this server does not read (send JSON)');
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return new AppError('MALFORMED_URL', 'The address is not valid (a broken %-escape or a character not allowed)');
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', error.message.replace(/^FST_\w+: /, ''));
  }
  return undefined;
}

/**
 * Any error as the one shape (docs/product.md#api-conventions, rule 8): a known one with its code, anything else logged
 * and INTERNAL.
 */
export function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = toAppError(error);
  if (!known) request.log.error({ err: error }, 'unexpected error');
  const e = known ?? new AppError('INTERNAL', 'Something went wrong on the server');
  if (e.headers) void reply.headers(e.headers);
  return reply.status(e.status).send({
    error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}), requestId: request.id },
  });
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The one error handler, and the answer for an address no route takes: 404, or 405 with `Allow` when the address
 * exists for other methods. Fastify answers 404 for both, so the routes are mirrored (but for the web app's
 * catch-all, which takes every GET) in a router of our own that can tell them apart.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  const routes = FindMyWay();
  app.addHook('onRoute', (route) => {
    if (route.url.endsWith('*')) return;
    for (const method of [route.method].flat().map((m) => m.toUpperCase() as HTTPMethod)) {
      if (!routes.hasRoute(method, route.url)) routes.on(method, route.url, () => undefined);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((m) => m !== request.method && routes.find(m, path) !== null);
    if (allowed.length) {
      return reply
        .status(405)
        .header('Allow', allowed.join(', '))
        .send({
          error: {
            code: 'METHOD_NOT_ALLOWED',
            message: `This address takes ${allowed.join(', ')}, not ${request.method}`,
            requestId: request.id,
          },
        });
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such resource', requestId: request.id } });
  });
}
