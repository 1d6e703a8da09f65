import type { ServiceSlaBody, ServiceSlaItem } from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './sla-repo.ts';

/** GET /service-sla (docs/service-sla.md#limits): every service type with its limits, null where it has none. */
export const getSla = (db: DbOrTx): Promise<ServiceSlaItem[]> => repo.readSla(db);

/**
 * PUT /service-sla (docs/service-sla.md#limits, rules 1 to 3): the whole set — a type left out, or given with both
 * limits null, has none. Each type a service type named once; handling no sooner than assignment. Services already
 * created keep their deadlines (rule 4). Audited.
 */
export async function putSla(db: Db, ctx: Ctx, body: ServiceSlaBody): Promise<ServiceSlaItem[]> {
  await db.transaction(async (tx) => {
    const types = await repo.serviceTypeIds(tx);
    const seen = new Set<number>();
    const details = body.flatMap((item, i) => {
      const found: { path: string; message: string }[] = [];
      if (!types.has(item.typeId))
        found.push({ path: `${i}.typeId`, message: 'Not a service type of the data dictionary' });
      if (seen.has(item.typeId)) found.push({ path: `${i}.typeId`, message: 'The type is named twice' });
      seen.add(item.typeId);
      if (
        item.assignWithinHours !== null &&
        item.handleWithinHours !== null &&
        item.handleWithinHours < item.assignWithinHours
      )
        found.push({ path: `${i}.handleWithinHours`, message: 'Handling cannot be due before assignment' });
      return found;
    });
    if (details.length) throw new AppError('VALIDATION_FAILED', details[0]!.message, details);
    await repo.lockSla(tx);
    const before = await repo.readSla(tx);
    await repo.replaceSla(tx, body);
    await audit(tx, ctx, { action: 'update', entity: 'serviceSla', before, after: await repo.readSla(tx) });
  });
  return getSla(db);
}
