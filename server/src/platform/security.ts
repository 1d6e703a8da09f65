import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { AppError } from './errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      // antd writes its CSS-in-JS into <style> elements
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'self'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' as const },
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets, worked out once: the answers written before any route runs (a request Node could not
 * read, one that took too long) carry them too.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
    getHeader: (name: string) => headers[name],
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
})();

/** `host[:port]` of an origin, default ports left out; undefined for anything that is not one (`null`). */
function hostOf(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.host ? url.host.replace(/:(80|443)$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a browser's `Origin` is this server's own. The host is compared, not the scheme: behind a proxy that ends
 * TLS without CRM_TRUST_PROXY the server sees http while the page is https, and that is the same site.
 */
const sameOrigin = (origin: string, request: FastifyRequest) =>
  hostOf(origin) !== undefined && hostOf(origin) === hostOf(`${request.protocol}://${request.host}`);

/** Security headers on every answer (errors and 404s too), the CSRF rules, and no caching of the API. */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, { global: true, ...HELMET_OPTIONS });

  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    // A request that carries its own credentials (an API token, docs/sign-in.md#api-tokens, rule 2) needs no CSRF
    // header: a page on another site cannot make a browser send an Authorization header, and such a request is
    // judged by that header alone, never by the browser's cookies.
    if (request.headers.authorization !== undefined) return;
    // docs/product.md#api-conventions, rule 3: every unsafe method carries X-Requested-With, which a cross-site form
    // cannot set.
    if (request.headers['x-requested-with'] !== 'XMLHttpRequest') {
      throw new AppError('CSRF_REJECTED', 'Missing header X-Requested-With: XMLHttpRequest');
    }
    // And a browser that says where the page came from must say here: so that allowing another origin for reading
    // (CORS) some day can never let that origin write.
    const origin = request.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, request)) {
      throw new AppError('CSRF_REJECTED', 'A change must come from a page of this server');
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/healthz') || request.url.startsWith('/readyz')) {
      reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });
}
