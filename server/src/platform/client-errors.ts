import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, sendError } from './errors.ts';
import { SECURITY_HEADERS } from './security.ts';

/**
 * A request Node could not read at all — a request line or header it cannot parse, headers over the limit, a
 * request that did not arrive within CRM_REQUEST_TIMEOUT_MS — never reaches Fastify's routing: its answer is
 * written here, on the socket, in the one error shape with the security headers and a request id of its own.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error, socket: Duplex) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNRESET' || socket.destroyed) return;
  const e =
    code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new AppError('REQUEST_TIMEOUT', 'The request did not arrive in time')
      : code === 'HPE_HEADER_OVERFLOW'
        ? new AppError('HEADERS_TOO_LARGE', 'The request headers are too large')
        : new AppError('MALFORMED_REQUEST', 'The request could not be read');
  const requestId = randomUUID();
  this.log.info({ reqId: requestId, code }, `client error: ${e.message}`);
  const body = JSON.stringify({ error: { code: e.code, message: e.message, requestId } });
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Request-Id': requestId,
    Connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  if (socket.writable) socket.end(`HTTP/1.1 ${e.status} ${STATUS_CODES[e.status]}\r\n${head.join('')}\r\n${body}`);
  else socket.destroy();
}

/**
 * The errors Fastify finds before a route is chosen (an address with a broken %-escape): the same one shape. These
 * requests run none of the hooks, so the security headers and the request id are set here.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  void reply.headers({ ...SECURITY_HEADERS, 'X-Request-Id': request.id, 'Cache-Control': 'no-store' });
  return sendError(error, request, reply);
}
