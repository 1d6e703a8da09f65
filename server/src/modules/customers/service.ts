import {
  CUSTOMER_REQUIRED_FIELDS,
  type CreateCustomerBody,
  type CustomerQuery,
  type UpdateCustomerBody,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import {
  AppError,
  forbidden,
  invalidState,
  notFound,
  pgConstraint,
  validationFailed,
  versionConflict,
} from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import { isActiveManager } from '../access/index.ts';
import { isEntryOfType } from '../dictionary/index.ts';
import { risksOf, type Lang } from '../risk/index.ts';
import { insertCustomer } from './create.ts';
import * as repo from './repo.ts';
import { emit } from '../webhooks/index.ts';

/**
 * docs/product.md#customers, rule 1: customer data is shared — everyone who may read customers sees those inside their
 * customer scope (docs/organisation.md#data-scope; `all` initially).
 */
export async function listCustomers(db: Db, ctx: Ctx, q: CustomerQuery, lang: Lang = 'zh') {
  if (!ctx.actor.can('customer.read')) throw forbidden('Reading customers takes the permission customer.read');
  const poolPhones = ctx.actor.can('pool.manage');
  const { items, total } = await repo.listCustomers(db, ctx.actor, { ...q, ...limitOffset(q), poolPhones });
  // docs/churn-risk.md#where-it-shows: each row's risk badge
  const risks = await risksOf(
    db,
    items.map((c) => c.id),
    lang,
  );
  return pageOf(
    items.map((c) => ({ ...c, risk: risks.get(c.id) ?? null })),
    total,
    q,
  );
}

/**
 * A customer outside the reader's scope answers 404 like one that does not exist; `reader` null: the server's own read.
 * A pool customer's phone is masked unless the reader holds `pool.manage` (docs/organisation.md#customer-pool, rule 2).
 */
export async function getCustomer(db: DbOrTx, id: number, reader: Actor | null) {
  const customer = await repo.findCustomer(db, id, reader, reader?.can('pool.manage'));
  if (!customer) throw notFound('Customer');
  return customer;
}

/** Region and level are dictionary entries of their types; the foreign keys then keep them from being deleted. */
async function checkReferences(
  tx: DbOrTx,
  ctx: Ctx,
  body: Partial<Pick<CreateCustomerBody, 'regionId' | 'levelId' | 'managerId'>>,
  currentManagerId?: number | null,
) {
  if (body.regionId !== undefined && !(await isEntryOfType(tx, body.regionId, 'region'))) {
    throw validationFailed('regionId', 'Not a region of the data dictionary');
  }
  if (body.levelId !== undefined && !(await isEntryOfType(tx, body.levelId, 'customerLevel'))) {
    throw validationFailed('levelId', 'Not a customer level of the data dictionary');
  }
  if (body.managerId !== undefined && body.managerId !== currentManagerId) {
    // a manager enters and keeps customers for themselves; handing one to someone else takes customer.all
    if (body.managerId !== ctx.actor.id && !ctx.actor.can('customer.all')) {
      throw forbidden('You may only enter customers for yourself');
    }
    // docs/organisation.md#data-scope, rule 5: a director hands customers only to managers inside their scope
    if (!(await isActiveManager(tx, body.managerId, { reader: ctx.actor, family: 'customers' })))
      throw validationFailed('managerId', 'Not an active customer manager inside your data scope');
  }
}

/** docs/product.md#customers, rule 10: a 统一社会信用代码 belongs to one customer. */
const takenCreditCode = (error: unknown): never => {
  if (pgConstraint(error) === 'customers_credit_code_key') {
    const message = 'Another customer has this 统一社会信用代码';
    throw new AppError('CONFLICT', message, [{ path: 'creditCode', message }]);
  }
  throw error;
};

/** POST /customers: a manager enters an existing customer for themselves, a director for any active manager. */
export async function createCustomer(db: Db, ctx: Ctx, body: CreateCustomerBody) {
  const id = await db
    .transaction(async (tx) => {
      await checkReferences(tx, ctx, body);
      const { registeredCapital, annualTurnover, ...rest } = body;
      const created = await insertCustomer(tx, ctx, {
        ...rest,
        registeredCapital: repo.money(registeredCapital),
        annualTurnover: repo.money(annualTurnover),
      });
      return created.id;
    })
    .catch(takenCreditCode);
  return getCustomer(db, id, ctx.actor);
}

/**
 * PATCH /customers/:id (docs/product.md#customers, rule 7): the responsible manager or a holder of customer.all edits a
 * `normal` customer, based on the current version. All of it is checked in the UPDATE itself; when nothing changed, the
 * row says why.
 */
export async function updateCustomer(db: Db, ctx: Ctx, id: number, body: UpdateCustomerBody) {
  const { version, ...changes } = body;
  await db
    .transaction(async (tx) => {
      const before = await repo.findCustomer(tx, id, ctx.actor);
      if (!before) throw notFound('Customer');
      // docs/organisation.md#customer-pool, rule 8: a pool customer leaves the pool by a claim or an assignment only
      if (before.managerId === null && changes.managerId !== undefined)
        throw invalidState('This customer is in the pool: claim it or assign it from the pool');
      await checkReferences(tx, ctx, changes, before.managerId);
      const anyManager = ctx.actor.can('customer.all');
      const updated = await repo.updateCustomerWhereAllowed(
        tx,
        id,
        { version, actor: ctx.actor, anyManager, now: ctx.now },
        changes,
      );
      if (!updated) await explainRefusal(tx, ctx, id, anyManager, body);
      const after = await repo.findCustomer(tx, id, null);
      await audit(tx, ctx, { action: 'update', entity: 'customer', entityId: id, before, after });
      await emit(tx, ctx, 'customer.updated', { customer: after }); // docs/webhooks.md#events
    })
    .catch(takenCreditCode);
  return getCustomer(db, id, ctx.actor);
}

async function explainRefusal(
  tx: DbOrTx,
  ctx: Ctx,
  id: number,
  anyManager: boolean,
  body: UpdateCustomerBody,
): Promise<never> {
  const facts = await repo.findCustomerFacts(tx, id, ctx.actor);
  if (!facts) throw notFound('Customer');
  if (!anyManager && facts.managerId !== ctx.actor.id)
    throw forbidden('Only the responsible manager or a director may edit this customer');
  if (facts.status !== 'normal') throw invalidState(`A ${facts.status} customer is read-only`);
  if (facts.version !== body.version) throw versionConflict();
  const missing = CUSTOMER_REQUIRED_FIELDS.filter(
    (f) => f !== 'managerId' && body[f] === undefined && facts[f] === null,
  );
  if (missing.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Required fields are missing',
      missing.map((path) => ({ path, message: 'Required' })),
    );
  }
  throw versionConflict(); // changed between the update and this look: someone else got there first
}

/**
 * For contacts, interaction records and the like: may this actor change things of this customer right now?
 * Answers the same errors as a refused customer update.
 */
export async function explainCustomerRefusal(tx: DbOrTx, ctx: Ctx, customerId: number): Promise<never> {
  const facts = await repo.findCustomerFacts(tx, customerId, ctx.actor);
  if (!facts) throw notFound('Customer');
  if (!ctx.actor.can('customer.all') && facts.managerId !== ctx.actor.id) {
    throw forbidden('Only the responsible manager or a director may change this customer');
  }
  if (facts.status !== 'normal') throw invalidState(`A ${facts.status} customer is read-only`);
  throw notFound('Record');
}
