import type { FastifyBaseLogger } from 'fastify';
import type { WebhookFormat } from '@crm/contracts';
import type { Config } from '../../config.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { answerError, buildRequest } from './formats.ts';
import { claimDue, recordOutcome, type Claimed } from './repo.ts';
import { send } from './send.ts';

/** At most this many deliveries are sent at once by one instance (each round claims this many). */
const BATCH = 10;
/** docs/webhooks.md#delivery, rule 3: the delay doubles after each failed attempt, up to an hour. */
const MAX_DELAY_MS = 3_600_000;
export const retryDelayMs = (baseMs: number, attempts: number) =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);

/**
 * How long a claim holds a delivery: longer than any attempt can take (the address lookup's 5 s, the attempt's
 * time-out, and 5 s to record it), so that only a claim whose instance died runs out.
 */
export const holdMs = (config: Pick<Config, 'webhooks'>) => config.webhooks.timeoutMs + 10_000;

export type Outcome = { delivered: boolean; statusCode: number | null; error: string | null };

/**
 * One attempt of a claimed delivery, sent outside any transaction, and its outcome recorded
 * (docs/webhooks.md#delivery, rules 2 and 3): delivered; or retried after the back-off while that is before the
 * delivery's `giveUpAt`, else failed; a receiver the address guard refuses fails at once.
 */
export async function attemptDelivery(
  deps: { db: DbOrTx; config: Pick<Config, 'webhooks'> },
  d: Pick<
    Claimed,
    'id' | 'eventId' | 'event' | 'payload' | 'occurredAt' | 'attempts' | 'giveUpAt' | 'url' | 'secret'
  > & {
    format: WebhookFormat;
  },
  now: () => Date,
): Promise<Outcome> {
  const request = buildRequest(
    {
      deliveryId: d.id,
      eventId: d.eventId,
      event: d.event,
      occurredAt: new Date(d.occurredAt),
      data: d.payload,
      url: d.url,
      format: d.format,
      secret: d.secret,
    },
    now(),
  );
  const { timeoutMs, allowPrivate, retryBaseMs } = deps.config.webhooks;
  const result = await send(request, { timeoutMs, allowPrivate });
  const outcome: Outcome =
    result.kind === 'answered'
      ? { statusCode: result.status, error: answerError(d.format, result.status, result.body), delivered: false }
      : { statusCode: null, error: result.error, delivered: false };
  outcome.delivered = outcome.error === null;
  const at = now();
  const next = new Date(at.getTime() + retryDelayMs(retryBaseMs, d.attempts));
  const permanent = result.kind === 'failed' && result.refused;
  const retryAt = outcome.delivered || permanent || next > new Date(d.giveUpAt) ? null : next;
  await recordOutcome(deps.db, d.id, d.attempts, {
    ...outcome,
    error: outcome.error?.slice(0, 1000) ?? null,
    retryAt,
    now: at,
  });
  return outcome;
}

/**
 * Sends what is due (docs/webhooks.md#delivery): claims a batch, sends its deliveries side by side, records each, and
 * goes on until nothing is due. Answers the counts of this round.
 */
export async function deliverDueWebhooks(
  deps: Pick<Deps, 'db' | 'config'>,
  now: () => Date,
): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimDue(deps.db, now(), holdMs(deps.config), BATCH);
    if (!batch.length) return { delivered, failed };
    const outcomes = await Promise.all(batch.map((d) => attemptDelivery(deps, d, now)));
    delivered += outcomes.filter((o) => o.delivered).length;
    failed += outcomes.filter((o) => !o.delivered).length;
  }
}

const wakers = new Set<() => void>();
/** Starts a round on this instance's worker now (after a redelivery), instead of at its next poll. */
export const wakeWebhookWorker = () => wakers.forEach((wake) => wake());

/**
 * The delivery worker of this instance (docs/webhooks.md#delivery): a round every CRM_WEBHOOK_POLL_MS, one at a time;
 * every instance runs one and the claims share the work. Answers the function that stops it, which waits for the
 * round in flight.
 */
export function startWebhookWorker(deps: Pick<Deps, 'db' | 'config'>, log: FastifyBaseLogger) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const round = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliverDueWebhooks(deps, () => new Date())
      .then((r) => (r.delivered || r.failed ? log.info({ webhooks: r }, 'webhook round') : undefined))
      .catch((err) => log.warn({ err }, 'webhook round failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          round();
        }
      });
  };
  const timer = setInterval(round, deps.config.webhooks.pollMs);
  timer.unref();
  wakers.add(round);
  return async () => {
    stopped = true;
    clearInterval(timer);
    wakers.delete(round);
    await running;
  };
}
