import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { seedDemoPortalRequest } from '../services/index.ts';

/** The demo's portal user (README): signs in at /portal with the demo users' password. */
export const DEMO_PORTAL_USERNAME = 'kehu1';

const DAY = 86_400_000;

/**
 * docs/portal.md in the demo company: the first contact of manager1's first customer accepted an invitation ten
 * days ago as `kehu1`, and has a request waiting to be assigned. Without such a contact it adds nothing.
 */
export async function seedDemoPortal(tx: DbOrTx, users: Record<string, number>, now: Date, password: string) {
  const manager = users.manager1;
  if (manager === undefined) return;
  const [contact] = await rows<{ id: number; name: string; customerId: number }>(
    tx,
    sql`select ct.id, ct.name, ct.customer_id as "customerId"
        from contacts ct join customers c on c.id = ct.customer_id
        where c.manager_id = ${manager} and c.status = 'normal' order by c.id, ct.id limit 1`,
  );
  if (!contact) return;
  const invited = new Date(now.getTime() - 10 * DAY);
  const accepted = new Date(now.getTime() - 9 * DAY);
  await tx.execute(sql`
    insert into portal_accounts (contact_id, username, password_hash, invited_by, invited_at, accepted_at)
    values (${contact.id}, ${DEMO_PORTAL_USERNAME}, ${await hashPassword(password)}, ${manager},
            ${invited.toISOString()}, ${accepted.toISOString()})`);
  await seedDemoPortalRequest(tx, contact, now);
}
