import type { ServiceSlaItem } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { rows } from '../../db/sql.ts';

/** Every service type with its limits (null: none), in the dictionary's order. */
export const readSla = (db: DbOrTx) =>
  rows<ServiceSlaItem>(
    db,
    sql`select d.id as "typeId", d.item as type, l.assign_within_hours as "assignWithinHours",
          l.handle_within_hours as "handleWithinHours"
        from dictionary_entries d left join service_sla l on l.type_id = d.id
        where d.type = 'serviceType' order by d.id`,
  );

/** Locks the table's rows against a concurrent PUT (the whole set is replaced). */
export const lockSla = (tx: DbOrTx) => tx.execute(sql`select type_id from service_sla for update`);

export async function serviceTypeIds(db: DbOrTx): Promise<Set<number>> {
  const found = await rows<{ id: number }>(db, sql`select id from dictionary_entries where type = 'serviceType'`);
  return new Set(found.map((r) => r.id));
}

export async function replaceSla(
  tx: DbOrTx,
  items: { typeId: number; assignWithinHours: number | null; handleWithinHours: number | null }[],
) {
  await tx.execute(sql`delete from service_sla`);
  const set = items.filter((i) => i.assignWithinHours !== null || i.handleWithinHours !== null);
  if (!set.length) return;
  await tx.execute(
    sql`insert into service_sla (type_id, assign_within_hours, handle_within_hours) values ${sql.join(
      set.map((i) => sql`(${i.typeId}, ${i.assignWithinHours}::float8, ${i.handleWithinHours}::float8)`),
      sql`, `,
    )}`,
  );
}
