import type { DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { nextCustomerNumber } from './numbers.ts';
import * as repo from './repo.ts';
import { emit } from '../webhooks/index.ts';

export type { NewContact, NewCustomer } from './repo.ts';

/**
 * Inserts a customer with its generated number (and, optionally, its first contact) inside the caller's
 * transaction, and audits it. Used by `POST /customers` and by an opportunity's success
 * (docs/product.md#development-plans, rule 5).
 */
export async function insertCustomer(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'requestId' | 'now'> & { actor: { id: number } | null },
  input: repo.NewCustomer,
  firstContact?: repo.NewContact,
) {
  const number = await nextCustomerNumber(tx, ctx.now);
  const customer = await repo.insertCustomerRow(tx, { ...input, number, createdAt: ctx.now });
  if (firstContact) await repo.insertContactRow(tx, customer.id, firstContact, ctx.now);
  await audit(tx, ctx, {
    action: 'create',
    entity: 'customer',
    entityId: customer.id,
    after: { ...customer, firstContact },
  });
  await emit(tx, ctx, 'customer.created', { customer }); // docs/webhooks.md#events
  return customer;
}
