import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';
import { idempotencyKeys } from '../db/schema/index.ts';
import { rows } from '../db/sql.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

/** A claim whose request never finished (the process died) is taken over after this long. */
const STALE_CLAIM_MS = 60_000;
const KEY = /^[\x21-\x7e]{1,200}$/;

/** JSON with every object's keys in order: the same body however its fields were ordered. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const fingerprintOf = (body: unknown) => createHash('sha256').update(canonical(body)).digest('hex');

/**
 * `Idempotency-Key` on POST: the first request with a key claims it and its answer is kept; a replay by the same
 * user answers that first answer (header `Idempotent-Replayed: true`) without acting again, and a replay that
 * arrives while the first is still running gets 409 CONFLICT, and so does a key reused with another body (as
 * Stripe does: a replay must be the same request). Only successful answers are kept, so a corrected retry after a
 * 4xx goes through.
 */
export function registerIdempotency(app: FastifyInstance, db: Db) {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.actor) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new AppError('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 visible ASCII characters', [
        { path: 'Idempotency-Key', message: 'invalid' },
      ]);
    }
    const route = `${request.method} ${request.url}`;
    const fingerprint = fingerprintOf(request.body);
    const userId = request.actor.id;
    const now = app.clock();
    const [claimed] = await rows<{ key: string }>(
      db,
      sql`insert into idempotency_keys (user_id, key, route, fingerprint, status_code, body, created_at)
          values (${userId}, ${key}, ${route}, ${fingerprint}, 0, 'null'::jsonb, ${now.toISOString()})
          on conflict (user_id, key) do update set created_at = excluded.created_at, route = excluded.route,
            fingerprint = excluded.fingerprint
            where idempotency_keys.status_code = 0 and idempotency_keys.created_at < ${new Date(now.getTime() - STALE_CLAIM_MS).toISOString()}
          returning key`,
    );
    if (claimed) {
      request.idempotencyKey = key;
      return;
    }
    const [first] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!first || first.route !== route) {
      throw new AppError('VALIDATION_FAILED', 'This Idempotency-Key was used for another request', [
        { path: 'Idempotency-Key', message: 'reused' },
      ]);
    }
    if (first.fingerprint && first.fingerprint !== fingerprint) {
      throw new AppError('CONFLICT', 'This Idempotency-Key was used with another request body', [
        { path: 'Idempotency-Key', message: 'reused with another body' },
      ]);
    }
    if (first.statusCode === 0)
      throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still being processed');
    return reply.status(first.statusCode).header('Idempotent-Replayed', 'true').send(first.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.actor) return payload;
    request.idempotencyKey = undefined;
    const where = and(eq(idempotencyKeys.userId, request.actor.id), eq(idempotencyKeys.key, key));
    if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await db
        .update(idempotencyKeys)
        .set({ statusCode: reply.statusCode, body: payload ? JSON.parse(payload) : null })
        .where(where);
    } else {
      await db.delete(idempotencyKeys).where(where);
    }
    return payload;
  });
}

export const pruneIdempotencyKeys = (db: Db, before: Date) =>
  db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
