import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Deps } from '../../../deps.ts';
import { claimDueMail, markFailed, markSent } from './mail-repo.ts';
import { renderMail } from './render.ts';

/** How long a claimed mail is held by its instance: longer than any send (nodemailer's time-outs are below). */
const HOLD_MS = 2 * 60_000;
/** docs/notifications.md#email, rule 3: retried 1, 2, 4 … minutes later, at most 8 attempts (about 4 hours). */
export const MAX_ATTEMPTS = 8;
export const retryDelayMs = (attempts: number) => Math.min(2 ** (attempts - 1), 128) * 60_000;

export type MailTransport = {
  sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
};

export const smtpTransport = (url: string): MailTransport =>
  nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never) as unknown as MailTransport;

/** A refusal the server means for good (5xx, not 421 "try later"): no retry would change it. */
const permanent = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Sends the mail that is due (docs/notifications.md#email): claimed a batch at a time, each sent outside any
 * transaction, then marked sent, or failed with its next attempt. Answers the counts of this round.
 */
export async function deliverDueMail(
  deps: Pick<Deps, 'db' | 'config'>,
  transport: MailTransport,
  now: () => Date,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimDueMail(deps.db, now(), HOLD_MS);
    if (!batch.length) return { sent, failed };
    for (const mail of batch) {
      const { subject, text } = renderMail(mail.kind, mail.params, undefined);
      try {
        await transport.sendMail({ from: deps.config.mailFrom, to: mail.toAddress, subject, text });
        await markSent(deps.db, mail.id, now());
        sent++;
      } catch (error) {
        const last = permanent(error) || mail.attempts >= MAX_ATTEMPTS;
        const retryAt = last ? null : new Date(now().getTime() + retryDelayMs(mail.attempts));
        await markFailed(deps.db, mail.id, String((error as Error).message ?? error).slice(0, 500), retryAt);
        failed++;
      }
    }
  }
}

/**
 * On every instance when CRM_SMTP_URL is set: a round every `everyMs` (one at a time in this process; instances
 * share the work through the claims). Answers the function that stops it.
 */
export function startMailer(deps: Pick<Deps, 'db' | 'config'>, log: FastifyBaseLogger, everyMs = 15_000) {
  if (!deps.config.smtpUrl) return () => {};
  const transport = smtpTransport(deps.config.smtpUrl);
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueMail(deps, transport, () => new Date())
      .then((r) => (r.sent || r.failed ? log.info({ mail: r }, 'mail round') : undefined))
      .catch((err) => log.warn({ err }, 'mail round failed'))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
