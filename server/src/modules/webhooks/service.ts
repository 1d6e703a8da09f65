import { randomUUID } from 'node:crypto';
import {
  WEBHOOK_TEST_EVENT,
  type CreateWebhookBody,
  type UpdateWebhookBody,
  type Webhook,
  type WebhookDeliveryQuery,
  type WebhookFormat,
  type WebhookQuery,
  type WebhookTestResult,
} from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { invalidState, notFound, validationFailed } from '../../platform/errors.ts';
import { pageOf } from '../../platform/pagination.ts';
import { refusalOf } from './address-guard.ts';
import { attemptDelivery, holdMs, wakeWebhookWorker } from './deliver.ts';
import * as repo from './repo.ts';

type WebhookDeps = Pick<Deps, 'db' | 'config'>;

export async function listWebhooks(db: Db, q: WebhookQuery) {
  const { items, total } = await repo.listWebhooks(db, q);
  return pageOf(items, total, q);
}

export async function getWebhook(db: Db, id: number) {
  const found = await repo.findWebhook(db, id);
  if (!found) throw notFound('Webhook');
  return found;
}

/**
 * The receiver's address in the audit log: a robot's URL carries its key (`access_token`, `key`), so query values and
 * a password in the address are masked (docs/webhooks.md#receivers, rule 4).
 */
export function maskedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    return '***';
  }
}
const forAudit = (w: Webhook) => ({ ...w, url: maskedUrl(w.url), lastDelivery: undefined });

/**
 * docs/webhooks.md#receivers: the address must not be refused by the guard (rule 2; checked before the transaction —
 * the lookup may take seconds), and a WeCom robot takes no secret (rule 3).
 */
async function checkReceiver(
  deps: WebhookDeps,
  changes: { url?: string; format?: WebhookFormat },
  result: { format: WebhookFormat; hasSecret: boolean },
) {
  if (changes.url !== undefined) {
    const refusal = await refusalOf(changes.url, deps.config.webhooks.allowPrivate);
    if (refusal) throw validationFailed('url', refusal);
  }
  if (result.format === 'wecom' && result.hasSecret) {
    throw validationFailed(
      'secret',
      'A WeCom robot has no signing: its key is part of its URL; leave the secret empty',
    );
  }
}

export async function createWebhook(deps: WebhookDeps, ctx: Ctx, body: CreateWebhookBody) {
  await checkReceiver(deps, body, { format: body.format, hasSecret: body.secret !== null });
  return deps.db.transaction(async (tx) => {
    const id = await repo.insertWebhook(tx, body, ctx.actor.id, ctx.now);
    const after = (await repo.findWebhook(tx, id))!;
    await audit(tx, ctx, { action: 'create', entity: 'webhook', entityId: id, after: forAudit(after) });
    return after;
  });
}

/** Fields left out stay as they are; `secret: null` removes the secret, an absent `secret` keeps it. */
export async function updateWebhook(deps: WebhookDeps, ctx: Ctx, id: number, body: UpdateWebhookBody) {
  const current = await getWebhook(deps.db, id);
  const format = body.format ?? current.format;
  const hasSecret = body.secret === undefined ? current.hasSecret : body.secret !== null;
  await checkReceiver(deps, { url: body.url === current.url ? undefined : body.url }, { format, hasSecret });
  return deps.db.transaction(async (tx) => {
    const before = await repo.findWebhook(tx, id, true);
    if (!before) throw notFound('Webhook');
    await repo.updateWebhook(tx, id, body, ctx.now);
    const after = (await repo.findWebhook(tx, id))!;
    if (after.format === 'wecom' && after.hasSecret) {
      throw validationFailed('secret', 'A WeCom robot has no signing: leave the secret empty');
    }
    await audit(tx, ctx, {
      action: 'update',
      entity: 'webhook',
      entityId: id,
      before: forAudit(before),
      after: { ...forAudit(after), secretChanged: body.secret !== undefined },
    });
    return after;
  });
}

/** Deleting a receiver deletes its delivery log; deliveries in flight are not recorded any more. */
export async function deleteWebhook(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    const before = await repo.findWebhook(tx, id, true);
    if (!before) throw notFound('Webhook');
    await repo.deleteWebhook(tx, id);
    await audit(tx, ctx, { action: 'delete', entity: 'webhook', entityId: id, before: forAudit(before) });
  });
}

export async function listDeliveries(db: Db, id: number, q: WebhookDeliveryQuery) {
  await getWebhook(db, id);
  const { items, total } = await repo.listDeliveries(db, id, q);
  return pageOf(items, total, q);
}

/**
 * docs/webhooks.md#the-delivery-log, rule 2: a delivered or failed delivery is sent again — the same delivery (its id
 * and `X-CRM-Delivery` stay), due now, with another 24 hours of retries. A pending one is on its way already (409).
 */
export async function redeliver(db: Db, ctx: Ctx, id: number, deliveryId: string) {
  const after = await db.transaction(async (tx) => {
    const before = await repo.findDelivery(tx, id, deliveryId, true);
    if (!before) throw notFound('Delivery');
    if (before.status === 'pending') {
      throw invalidState('The delivery is pending: it is sent (or retried) on its own; redeliver it once it ends');
    }
    await repo.requeueDelivery(tx, deliveryId, ctx.now);
    await audit(tx, ctx, {
      action: 'redeliver',
      entity: 'webhookDelivery',
      entityId: deliveryId,
      before: { webhookId: id, status: before.status, attempts: before.attempts },
      after: { webhookId: id, status: 'pending' },
    });
    return (await repo.findDelivery(tx, id, deliveryId))!;
  });
  wakeWebhookWorker();
  return after;
}

/**
 * The test button (docs/webhooks.md#delivery, rule 5): one `webhook.test` delivery, sent at once by this request —
 * active or not, whatever its events — and recorded in the log; not retried. No connection is held while it is sent.
 */
export async function testWebhook(deps: WebhookDeps, ctx: Ctx, id: number): Promise<WebhookTestResult> {
  const hook = await repo.findWebhookForSending(deps.db, id);
  if (!hook) throw notFound('Webhook');
  const eventId = randomUUID();
  const payload = {
    webhook: { id: hook.id, name: hook.name },
    message: 'A test delivery from the CRM: this receiver is reachable.',
  };
  const deliveryId = await deps.db.transaction(async (tx) => {
    const created = await repo.insertTestDelivery(
      tx,
      { webhookId: id, eventId, event: WEBHOOK_TEST_EVENT, payload },
      ctx.now,
      holdMs(deps.config),
    );
    await audit(tx, ctx, { action: 'test', entity: 'webhook', entityId: id, after: { deliveryId: created } });
    return created;
  });
  const started = performance.now();
  const outcome = await attemptDelivery(
    deps,
    {
      id: deliveryId,
      eventId,
      event: WEBHOOK_TEST_EVENT,
      payload,
      occurredAt: ctx.now.toISOString(),
      attempts: 1,
      giveUpAt: ctx.now.toISOString(),
      url: hook.url,
      format: hook.format,
      secret: hook.secret,
    },
    () => ctx.now,
  );
  const durationMs = Math.round(performance.now() - started);
  return { ...outcome, durationMs, delivery: (await repo.findDelivery(deps.db, id, deliveryId))! };
}
