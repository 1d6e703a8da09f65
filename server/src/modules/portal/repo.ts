import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';
import { customerInScope, type Reader } from '../../platform/scope.ts';

// ——— staff: invitations and revocations ———

/**
 * The contact with its customer, if the customer is inside the reader's scope; `mayManage`: the reader is its
 * responsible manager, or (`anyManager`, a director) may act for every manager inside their scope. The customer is
 * locked `for share`, so a change of manager or status waits for this write.
 */
export async function findContactForAccess(
  tx: DbOrTx,
  reader: Reader,
  anyManager: boolean,
  customerId: number,
  contactId: number,
) {
  const [row] = await rows<{ name: string; status: string; mayManage: boolean; accepted: boolean | null }>(
    tx,
    sql`select k.name, c.status,
               ${anyManager ? sql`true` : sql`c.manager_id is not distinct from ${reader.id}`} as "mayManage",
               (select pa.accepted_at is not null from portal_accounts pa where pa.contact_id = k.id) as accepted
        from contacts k join customers c on c.id = k.customer_id
        where k.id = ${contactId} and k.customer_id = ${customerId} and ${customerInScope(reader)}
        for share of c`,
  );
  return row;
}

/** A new invitation, in place of one not accepted yet (whose token stops working). */
export async function upsertInvitation(
  tx: DbOrTx,
  v: { contactId: number; tokenHash: string; expiresAt: Date; invitedBy: number; now: Date },
) {
  const [row] = await rows<{ id: number }>(
    tx,
    sql`insert into portal_accounts (contact_id, invite_token_hash, invite_expires_at, invited_by, invited_at)
        values (${v.contactId}, ${v.tokenHash}, ${v.expiresAt.toISOString()}, ${v.invitedBy}, ${v.now.toISOString()})
        on conflict (contact_id) do update
          set invite_token_hash = excluded.invite_token_hash, invite_expires_at = excluded.invite_expires_at,
              invited_by = excluded.invited_by, invited_at = excluded.invited_at
          where portal_accounts.accepted_at is null
        returning id`,
  );
  return row?.id;
}

/** Deletes the contact's access (its sessions go with it); answers what it was. */
export async function deleteAccess(tx: DbOrTx, contactId: number) {
  const [row] = await rows<{ id: number; username: string | null; acceptedAt: string | null }>(
    tx,
    sql`delete from portal_accounts where contact_id = ${contactId}
        returning id, username, accepted_at as "acceptedAt"`,
  );
  return row;
}

// ——— accounts ———

export async function findInvitation(db: DbOrTx, tokenHash: string) {
  const [row] = await rows<{ id: number; expiresAt: string; contactId: number }>(
    db,
    sql`select id, invite_expires_at as "expiresAt", contact_id as "contactId"
        from portal_accounts where invite_token_hash = ${tokenHash} and accepted_at is null`,
  );
  return row;
}

export async function usernameTaken(db: DbOrTx, username: string) {
  const found = await rows<{ id: number }>(
    db,
    sql`select id from portal_accounts where lower(username) = lower(${username})`,
  );
  return found.length > 0;
}

/** Accepts a still valid invitation in one statement: of two racing acceptances, one finds no row. */
export async function acceptInvitation(
  tx: DbOrTx,
  tokenHash: string,
  v: { username: string; passwordHash: string; now: Date },
) {
  const [row] = await rows<{ id: number }>(
    tx,
    sql`update portal_accounts
        set username = ${v.username}, password_hash = ${v.passwordHash}, accepted_at = ${v.now.toISOString()},
            invite_token_hash = null, invite_expires_at = null
        where invite_token_hash = ${tokenHash} and accepted_at is null and invite_expires_at > ${v.now.toISOString()}
        returning id`,
  );
  return row?.id;
}

export async function findAccountForLogin(db: DbOrTx, username: string) {
  const [row] = await rows<{ id: number; passwordHash: string }>(
    db,
    sql`select id, password_hash as "passwordHash" from portal_accounts
        where lower(username) = lower(${username}) and accepted_at is not null`,
  );
  return row;
}

export const markSignedIn = (tx: DbOrTx, accountId: number, now: Date) =>
  tx.execute(sql`update portal_accounts set last_sign_in_at = ${now.toISOString()} where id = ${accountId}`);

// ——— sessions ———

export type PortalSessionRow = {
  accountId: number;
  username: string;
  createdAt: string;
  lastSeenAt: string;
  contactId: number;
  contactName: string;
  customerId: number;
  customerNumber: string;
  customerName: string;
  customerStatus: string;
};

/** The session with its account, contact and customer in one query (it runs on every portal request). */
export async function findSession(db: DbOrTx, tokenHash: string) {
  const [row] = await rows<PortalSessionRow>(
    db,
    sql`select a.id as "accountId", a.username, s.created_at as "createdAt", s.last_seen_at as "lastSeenAt",
               k.id as "contactId", k.name as "contactName", c.id as "customerId", c.number as "customerNumber",
               c.name as "customerName", c.status as "customerStatus"
        from portal_sessions s
        join portal_accounts a on a.id = s.account_id
        join contacts k on k.id = a.contact_id
        join customers c on c.id = k.customer_id
        where s.token_hash = ${tokenHash}`,
  );
  return row;
}

export async function insertSession(
  tx: DbOrTx,
  v: { tokenHash: string; accountId: number; now: Date; ip: string; userAgent: string | null },
) {
  await tx.execute(sql`
    insert into portal_sessions (token_hash, account_id, created_at, last_seen_at, ip, user_agent)
    values (${v.tokenHash}, ${v.accountId}, ${v.now.toISOString()}, ${v.now.toISOString()}, ${v.ip}, ${v.userAgent})`);
}

export const deleteSession = (db: DbOrTx, tokenHash: string) =>
  db.execute(sql`delete from portal_sessions where token_hash = ${tokenHash}`);

export const touchSession = (db: DbOrTx, tokenHash: string, now: Date) =>
  db.execute(sql`update portal_sessions set last_seen_at = ${now.toISOString()} where token_hash = ${tokenHash}`);

/** Housekeeping: sessions idle since before `seenBefore`. */
export const pruneSessions = (db: DbOrTx, seenBefore: Date) =>
  db.execute(sql`delete from portal_sessions where last_seen_at < ${seenBefore.toISOString()}`);
