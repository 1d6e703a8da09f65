import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

export type Breach = {
  serviceId: number;
  /** Which deadline passed: assignment (still `new`) or handling. */
  deadline: 'assign' | 'handle';
  number: string;
  customerName: string;
  summary: string;
  assigneeId: number | null;
  dueAt: string;
};

/**
 * docs/service-sla.md#breaches, rule 1: marks up to `limit` deadlines that passed unannounced as announced and answers
 * them. The mark is set by this `update … where … is null returning`, so of two runs that race, each breach goes to
 * exactly one; the caller tells people inside the same transaction.
 */
export async function claimBreaches(tx: DbOrTx, now: Date, limit: number): Promise<Breach[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const assign = await rows<Breach>(
    tx,
    sql`update services s set assign_breach_at = ${at}
        from customers c
        where c.id = s.customer_id and s.id in (
          select id from services where status = 'new' and assign_due_at < ${at} and assign_breach_at is null
          order by assign_due_at limit ${limit} for update skip locked)
        returning s.id as "serviceId", 'assign' as deadline, s.number, c.name as "customerName", s.summary,
          s.assignee_id as "assigneeId", s.assign_due_at as "dueAt"`,
  );
  const handle = await rows<Breach>(
    tx,
    sql`update services s set handle_breach_at = ${at}
        from customers c
        where c.id = s.customer_id and s.id in (
          select id from services where status in ('new', 'assigned') and handle_due_at < ${at}
            and handle_breach_at is null
          order by handle_due_at limit ${limit} for update skip locked)
        returning s.id as "serviceId", 'handle' as deadline, s.number, c.name as "customerName", s.summary,
          s.assignee_id as "assigneeId", s.handle_due_at as "dueAt"`,
  );
  return [...assign, ...handle];
}
