import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies, parsed by Fastify's own parser (which refuses `__proto__` and `constructor.prototype` keys), except
 * that an empty body with a JSON content type means "no body": clients that always send the header can still call
 * the actions that take none (`POST /opportunities/:id/succeed`).
 */
export function registerJsonBody(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return parse(request, body as string, done);
  });
}
