import type { NotificationKind } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { rows } from '../../../db/sql.ts';

export type ClaimedMail = {
  id: number;
  toAddress: string;
  attempts: number;
  kind: NotificationKind;
  params: Record<string, unknown>;
};

/**
 * Claims up to `limit` mails that are due, for `holdMs` (one statement: `for update skip locked`, so two instances
 * never claim the same mail; a claim whose instance died runs out and the mail is due again). Each claim counts as an
 * attempt.
 */
export function claimDueMail(db: DbOrTx, now: Date, holdMs: number, limit = 20) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return rows<ClaimedMail>(
    db,
    sql`with claimed as (
          update mail_outbox m set locked_until = ${at} + ${holdMs} * interval '1 millisecond',
                 attempts = m.attempts + 1
          where m.id in (select id from mail_outbox
                         where status = 'pending' and next_attempt_at <= ${at}
                           and (locked_until is null or locked_until < ${at})
                         order by next_attempt_at, id limit ${limit} for update skip locked)
          returning m.id, m.to_address, m.attempts, m.notification_id
        )
        select c.id, c.to_address as "toAddress", c.attempts, n.kind, n.payload as params
        from claimed c join notifications n on n.id = c.notification_id order by c.id`,
  );
}

export async function markSent(db: DbOrTx, id: number, at: Date) {
  await db.execute(
    sql`update mail_outbox set status = 'sent', sent_at = ${at.toISOString()}::timestamptz, locked_until = null,
        last_error = null where id = ${id}`,
  );
}

/** A failed attempt: tried again at `retryAt`, or `failed` for good when there is none. */
export async function markFailed(db: DbOrTx, id: number, error: string, retryAt: Date | null) {
  await db.execute(
    retryAt
      ? sql`update mail_outbox set next_attempt_at = ${retryAt.toISOString()}::timestamptz, locked_until = null,
            last_error = ${error} where id = ${id}`
      : sql`update mail_outbox set status = 'failed', locked_until = null, last_error = ${error} where id = ${id}`,
  );
}
