import type { DbOrTx } from '../../db/client.ts';
import { contacts, customers } from '../../db/schema/index.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { nextCustomerNumber } from './numbers.ts';

export type NewCustomer = Omit<
  typeof customers.$inferInsert,
  'id' | 'number' | 'status' | 'createdAt' | 'updatedAt' | 'version'
>;
export type NewContact = Omit<typeof contacts.$inferInsert, 'id' | 'customerId' | 'createdAt'>;

/**
 * Inserts a customer with its generated number (and, optionally, its first contact) inside the caller's
 * transaction, and audits it. Used by `POST /customers` and by an opportunity's success (docs/product.md#development-plans, rule 5).
 */
export async function insertCustomer(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'requestId' | 'now'> & { actor: { id: number } | null },
  input: NewCustomer,
  firstContact?: NewContact,
) {
  const number = await nextCustomerNumber(tx, ctx.now);
  const [customer] = await tx
    .insert(customers)
    .values({ ...input, number, createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  if (firstContact) await tx.insert(contacts).values({ ...firstContact, customerId: customer!.id, createdAt: ctx.now });
  await audit(tx, ctx, {
    action: 'create',
    entity: 'customer',
    entityId: customer!.id,
    after: { ...customer, firstContact },
  });
  return customer!;
}
