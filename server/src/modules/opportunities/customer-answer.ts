import type { PersonRef } from '@crm/contracts';
import type { customers } from '../../db/schema/index.ts';

const number = (v: string | null) => (v === null ? null : Number(v));

/**
 * The customer a success created, in the API's customer shape (API.md, Customers). A new customer has no region
 * or level yet (SPEC 4.1: its manager completes it later), so their texts are null.
 */
export function presentCreatedCustomer(row: typeof customers.$inferSelect, manager: PersonRef) {
  const { updatedAt: _updatedAt, ...rest } = row;
  return {
    ...rest,
    region: null,
    level: null,
    manager,
    registeredCapital: number(row.registeredCapital),
    annualTurnover: number(row.annualTurnover),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
