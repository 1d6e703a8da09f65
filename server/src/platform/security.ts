import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Security headers on every answer (errors and 404s too), the CSRF header rule, and no caching of the API. */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
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
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });

  // API.md: every unsafe method carries X-Requested-With, which a cross-site form cannot set.
  app.addHook('onRequest', async (request) => {
    if (UNSAFE.has(request.method) && request.headers['x-requested-with'] !== 'XMLHttpRequest') {
      throw new AppError('CSRF_REJECTED', 'Missing header X-Requested-With: XMLHttpRequest');
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/healthz') || request.url.startsWith('/readyz')) {
      reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });
}
