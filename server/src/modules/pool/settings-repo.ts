import { sql } from 'drizzle-orm';
import type { PoolSettings } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { poolSettings } from '../../db/schema/index.ts';
import { rows } from '../../db/sql.ts';

type Limits = Omit<PoolSettings, 'returnAfterDays'>;

/** The pool's limits (the one row, id 1, made by migration 0014); `forUpdate` inside a change of them. */
export async function readLimits(db: DbOrTx, forUpdate = false): Promise<Limits> {
  const [row] = await rows<Limits>(
    db,
    sql`select daily_claim_limit as "dailyClaimLimit", max_owned as "maxOwned",
               reclaim_wait_days as "reclaimWaitDays", warn_days as "warnDays"
        from pool_settings where id = 1 ${forUpdate ? sql`for update` : sql``}`,
  );
  return row!;
}

/** Every customer level with its days before an automatic return (0 when none is set), in the dictionary's order. */
export async function readReturnDays(db: DbOrTx): Promise<PoolSettings['returnAfterDays']> {
  return rows(
    db,
    sql`select l.id as "levelId", coalesce(d.days, 0) as days
        from dictionary_entries l left join pool_return_days d on d.level_id = l.id
        where l.type = 'customerLevel' order by l.id`,
  );
}

export async function writeLimits(tx: DbOrTx, limits: Partial<Limits>) {
  if (Object.keys(limits).length)
    await tx
      .update(poolSettings)
      .set(limits)
      .where(sql`${poolSettings.id} = 1`);
}

/** Of `levelIds`, those that are not customer levels of the data dictionary. */
export async function unknownLevels(db: DbOrTx, levelIds: number[]): Promise<number[]> {
  if (!levelIds.length) return [];
  const known = await rows<{ id: number }>(
    db,
    sql`select id from dictionary_entries where type = 'customerLevel' and id = any(${sql.param(levelIds)}::int[])`,
  );
  return levelIds.filter((id) => !known.some((k) => k.id === id));
}

export async function writeReturnDays(tx: DbOrTx, entries: PoolSettings['returnAfterDays']) {
  if (!entries.length) return;
  await tx.execute(
    sql`insert into pool_return_days (level_id, days)
        select * from unnest(${sql.param(entries.map((e) => e.levelId))}::int[], ${sql.param(entries.map((e) => e.days))}::int[])
        on conflict (level_id) do update set days = excluded.days`,
  );
}
