import { eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { oidcLogins as o } from '../../db/schema/index.ts';

export const insertLogin = (
  db: DbOrTx,
  v: { handleHash: string; state: string; nonce: string; codeVerifier: string; now: Date },
) =>
  db.insert(o).values({
    handleHash: v.handleHash,
    state: v.state,
    nonce: v.nonce,
    codeVerifier: v.codeVerifier,
    createdAt: v.now,
  });

/** Takes the sign-on under way of this browser: it is used once, whatever comes of it. */
export async function takeLogin(db: DbOrTx, handleHash: string) {
  const [row] = await db.delete(o).where(eq(o.handleHash, handleHash)).returning();
  return row;
}

export const pruneLogins = (db: DbOrTx, before: Date) => db.delete(o).where(lt(o.createdAt, before));
