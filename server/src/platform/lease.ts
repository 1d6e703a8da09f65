import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rows } from '../db/sql.ts';

/**
 * A lease (`job_leases`): work that runs once at a time across every instance and may take minutes, without a
 * connection held for it — unlike an advisory lock, which lives as long as the session or transaction that took it.
 * Each call is one short statement. Time is the database's, the same for every instance.
 */
export async function claimLease(db: DbOrTx, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const claimed = await rows<{ holder: string }>(
    db,
    sql`insert into job_leases (name, holder, expires_at)
        values (${name}, ${holder}, clock_timestamp() + ${ttlMs} * interval '1 millisecond')
        on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
          where job_leases.expires_at < clock_timestamp()
        returning holder`,
  );
  return claimed.length > 0;
}

/** Moves the expiry on while the work goes on; answers whether the lease is still this holder's. */
export async function renewLease(db: DbOrTx, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const renewed = await rows<{ name: string }>(
    db,
    sql`update job_leases set expires_at = clock_timestamp() + ${ttlMs} * interval '1 millisecond'
        where name = ${name} and holder = ${holder} returning name`,
  );
  return renewed.length > 0;
}

/** Inside the transaction that finishes the work: locks the lease and answers whether it is still this holder's. */
export async function holdsLease(tx: DbOrTx, name: string, holder: string): Promise<boolean> {
  const [row] = await rows<{ ok: boolean }>(
    tx,
    sql`select holder = ${holder} and expires_at > clock_timestamp() as ok from job_leases where name = ${name} for update`,
  );
  return Boolean(row?.ok);
}

export async function releaseLease(db: DbOrTx, name: string, holder: string) {
  await db.execute(sql`delete from job_leases where name = ${name} and holder = ${holder}`);
}

/** Whether some holder has the lease now. */
export async function leaseTaken(db: DbOrTx, name: string): Promise<boolean> {
  const [row] = await rows<{ taken: boolean }>(
    db,
    sql`select exists (select 1 from job_leases where name = ${name} and expires_at > clock_timestamp()) as taken`,
  );
  return Boolean(row?.taken);
}
