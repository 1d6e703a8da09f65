import type { PoolSettings } from '@crm/contracts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './settings-repo.ts';

/** GET /settings/pool (docs/organisation.md#customer-pool, rule 7): the limits and every customer level's days. */
export async function getPoolSettings(db: Db): Promise<PoolSettings> {
  return { ...(await repo.readLimits(db)), returnAfterDays: await repo.readReturnDays(db) };
}

/**
 * PATCH /settings/pool (docs/organisation.md#customer-pool, rule 7): the limits given, and the days of the levels
 * given (others keep theirs); each level must be a customer level of the data dictionary, named once. Audited.
 */
export async function updatePoolSettings(db: Db, ctx: Ctx, body: Partial<PoolSettings>) {
  const { returnAfterDays = [], ...limits } = body;
  const seen = new Set<number>();
  const problems = returnAfterDays.flatMap((e, i) => {
    const twice = seen.has(e.levelId);
    seen.add(e.levelId);
    return twice ? [{ path: `returnAfterDays.${i}.levelId`, message: 'The level is named twice' }] : [];
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'A level is named twice', problems);
  await db.transaction(async (tx) => {
    const unknown = await repo.unknownLevels(
      tx,
      returnAfterDays.map((e) => e.levelId),
    );
    if (unknown.length) {
      const details = returnAfterDays
        .map((e, i) => ({ e, i }))
        .filter(({ e }) => unknown.includes(e.levelId))
        .map(({ i }) => ({
          path: `returnAfterDays.${i}.levelId`,
          message: 'Not a customer level of the data dictionary',
        }));
      throw new AppError('VALIDATION_FAILED', 'Not a customer level of the data dictionary', details);
    }
    const before = { ...(await repo.readLimits(tx, true)), returnAfterDays: await repo.readReturnDays(tx) };
    await repo.writeLimits(tx, limits);
    await repo.writeReturnDays(tx, returnAfterDays);
    const after = { ...(await repo.readLimits(tx)), returnAfterDays: await repo.readReturnDays(tx) };
    await audit(tx, ctx, { action: 'update', entity: 'poolSettings', entityId: 1, before, after });
  });
  return getPoolSettings(db);
}
