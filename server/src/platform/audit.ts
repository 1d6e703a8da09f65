import type { AuditAction, AuditEntity } from '@crm/contracts';
import type { DbOrTx } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';
import { insertUnnest } from '../db/unnest.ts';
import type { Ctx } from './context.ts';

export type AuditEntry = {
  /** from the contracts' lists, which the web translates: a new one goes there first */
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'tokenHash',
  'currentPassword',
  'newPassword',
  'token',
  'code',
  'recoveryCode',
  'secret',
  'totpSecret',
]);

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.has(k) ? '[redacted]' : redact(v),
      ]),
    );
  }
  return value;
}

/**
 * Records a change of data — or several, one statement (a set-based write audits each of its rows); call it inside
 * the transaction that makes the change.
 */
export async function audit(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'requestId'> & { actor?: { id: number; tokenId?: number | null } | null },
  entry: AuditEntry | AuditEntry[],
) {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (!entries.length) return;
  await tx.execute(
    insertUnnest(
      auditLog,
      entries.map((e) => ({
        userId: ctx.actor?.id ?? null,
        // docs/sign-in.md#api-tokens, rule 6: a change made with an API token names the token
        tokenId: ctx.actor?.tokenId ?? null,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
        before: redact(e.before),
        after: redact(e.after),
        requestId: ctx.requestId,
      })),
    ),
  );
}
