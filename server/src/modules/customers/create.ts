import type { DbOrTx } from '../../db/client.ts';
import { namePinyin } from '../../db/pinyin.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PinyinForms } from '../../platform/pinyin.ts';
import { nextCustomerNumbers } from './numbers.ts';
import * as repo from './repo.ts';
import { emit } from '../webhooks/index.ts';

export type { NewContact, NewCustomer } from './repo.ts';

type CreateCtx = Pick<Ctx, 'requestId' | 'now'> & { actor: { id: number } | null };
export type CustomerToCreate = {
  values: repo.NewCustomer;
  firstContact?: repo.NewContact | undefined;
  /** The names' pinyin, when the caller has it already (an import works it out ahead of its batch); computed here otherwise. */
  pinyin?: { name: PinyinForms; contact: PinyinForms | null } | undefined;
};
type Created = Awaited<ReturnType<typeof repo.insertCustomerRows>>[number];

/**
 * Inserts customers with their generated numbers (and, optionally, each one's first contact) inside the caller's
 * transaction, audits each and emits its `customer.created` event — a few statements for the whole set, not a few
 * per customer. `skipTaken`: an item whose credit code another transaction wrote meanwhile is not created (its
 * answer is null) instead of failing the transaction; the numbers stay consecutive all the same. Answers the
 * customers in the items' order.
 */
export async function insertCustomers(
  tx: DbOrTx,
  ctx: CreateCtx,
  items: CustomerToCreate[],
  o: { skipTaken?: boolean } = {},
): Promise<(Created | null)[]> {
  if (!items.length) return [];
  const { numbers, giveBack } = await nextCustomerNumbers(tx, ctx.now, items.length);
  const rows = items.map((item, i) => ({ ...item.values, number: numbers[i]!, createdAt: ctx.now }));
  const pinyin = items.map((item) => item.pinyin?.name ?? namePinyin('customers', item.values.name));
  const inserted = new Map(
    (await repo.insertCustomerRows(tx, rows, pinyin, o.skipTaken)).map((c) => [c.number, c] as const),
  );
  let made = numbers.map((n) => inserted.get(n) ?? null);
  if (inserted.size < items.length) made = await closeGaps(tx, made, numbers, giveBack);
  const pairs = items.flatMap((item, i) => (made[i] ? [{ item, customer: made[i] }] : []));
  await repo.insertContactRows(
    tx,
    pairs.flatMap(({ item, customer }) =>
      item.firstContact
        ? [
            {
              customerId: customer.id,
              contact: item.firstContact,
              pinyin: item.pinyin?.contact ?? namePinyin('contacts', item.firstContact.name),
            },
          ]
        : [],
    ),
    ctx.now,
  );
  await audit(
    tx,
    ctx,
    pairs.map(({ item, customer }) => ({
      action: 'create',
      entity: 'customer',
      entityId: customer.id,
      after: { ...customer, firstContact: item.firstContact },
    })),
  );
  // docs/webhooks.md#events
  await emit(
    tx,
    ctx,
    'customer.created',
    pairs.map(({ customer }) => ({ customer })),
  );
  return made;
}

/**
 * The rare case of items left out (taken meanwhile): the customers written move down, in order, onto the first
 * numbers taken, one at a time (a number is unique at every step), and the unused rest goes back to the day's
 * sequence — so that the numbers stay consecutive (docs/product.md#customers, rule 2).
 */
async function closeGaps(
  tx: DbOrTx,
  made: (Created | null)[],
  numbers: string[],
  giveBack: (n: number) => Promise<void>,
) {
  let next = 0;
  const moved: (Created | null)[] = [];
  for (const customer of made) {
    if (!customer) {
      moved.push(null);
      continue;
    }
    const number = numbers[next++]!;
    moved.push(customer.number === number ? customer : await repo.renumberCustomer(tx, customer.id, number));
  }
  await giveBack(numbers.length - next);
  return moved;
}

/**
 * One customer (the one-item case of `insertCustomers`): used by `POST /customers` and by an opportunity's success
 * (docs/product.md#development-plans, rule 5). A taken credit code fails the caller's transaction.
 */
export async function insertCustomer(
  tx: DbOrTx,
  ctx: CreateCtx,
  input: repo.NewCustomer,
  firstContact?: repo.NewContact,
) {
  const [customer] = await insertCustomers(tx, ctx, [{ values: input, firstContact }]);
  return customer!;
}
