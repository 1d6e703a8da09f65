import { z } from 'zod';
import { id, pageQuery, requiredText, textFilter } from './common.ts';
import type { RoleCode } from './permissions.ts';
import { DATA_SCOPES, type DataScopeValue } from './values.ts';

export const dataScopeValue = z.enum(DATA_SCOPES);
export const dataScope = z
  .object({ customers: dataScopeValue, opportunities: dataScopeValue, services: dataScopeValue, churn: dataScopeValue })
  .strict();
export type DataScope = z.infer<typeof dataScope>;

/** The widest of several scopes (a user with several roles). */
export const widestScope = (scopes: DataScopeValue[]): DataScopeValue =>
  DATA_SCOPES[Math.max(0, ...scopes.map((s) => DATA_SCOPES.indexOf(s)))]!;

const ALL: DataScope = { customers: 'all', opportunities: 'all', services: 'all', churn: 'all' };
/** The initial grants, which keep Part I exactly: only the manager sees own opportunities and churn warnings. */
export const INITIAL_DATA_SCOPES: Record<RoleCode, DataScope> = {
  admin: ALL,
  director: ALL,
  executive: ALL,
  manager: { customers: 'all', opportunities: 'self', services: 'all', churn: 'self' },
};

export const department = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  leaderId: z.number().int().nullable(),
  userCount: z.number().int(),
});
export type Department = z.infer<typeof department>;
export const createDepartmentBody = z
  .object({ name: requiredText(100), parentId: id.nullish(), leaderId: id.nullish() })
  .strict();
export type CreateDepartmentBody = z.infer<typeof createDepartmentBody>;
export const updateDepartmentBody = z
  .object({ name: requiredText(100).optional(), parentId: id.nullish(), leaderId: id.nullish() })
  .strict();
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBody>;

/** docs/organisation.md#transfer-and-handover. */
export const transferBody = z.object({ customerIds: z.array(id).min(1).max(1000), toManagerId: id }).strict();
export type TransferBody = z.infer<typeof transferBody>;
export const transferAnswer = z.object({ transferred: z.number().int() });
export const handoverBody = z.object({ toUserId: id }).strict();
export const handoverAnswer = z.object({
  customers: z.number().int(),
  opportunities: z.number().int(),
  services: z.number().int(),
  churnWarnings: z.number().int(),
});
export type HandoverAnswer = z.infer<typeof handoverAnswer>;

/** docs/organisation.md#customer-pool. */
export const POOL_REASONS = ['new', 'released', 'returned'] as const;
export const POOL_ACTIONS = ['released', 'returned', 'claimed', 'assigned'] as const;
export type PoolAction = (typeof POOL_ACTIONS)[number];
const personRef = z.object({ id: z.number().int(), displayName: z.string() });

export const poolQuery = pageQuery.extend({ name: textFilter, regionId: id.optional(), levelId: id.optional() });
export type PoolQuery = z.infer<typeof poolQuery>;
export const poolCustomer = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  level: z.string().nullable(),
  phone: z.string().nullable(),
  enteredAt: z.string(),
  reason: z.enum(POOL_REASONS),
  previousManager: personRef.nullable(),
});
export type PoolCustomer = z.infer<typeof poolCustomer>;
export const releaseBody = z.object({ reason: requiredText(500) }).strict();
export const assignCustomerBody = z.object({ managerId: id }).strict();

const days = z.number().int().min(0).max(3650);
export const poolSettings = z.object({
  dailyClaimLimit: z.number().int().min(0).max(10000),
  maxOwned: z.number().int().min(0).max(1000000),
  reclaimWaitDays: days,
  warnDays: days,
  returnAfterDays: z.array(z.object({ levelId: z.number().int(), days })),
});
export type PoolSettings = z.infer<typeof poolSettings>;
export const updatePoolSettingsBody = poolSettings
  .extend({ returnAfterDays: z.array(z.object({ levelId: id, days }).strict()).max(100) })
  .partial()
  .strict();
export type UpdatePoolSettingsBody = z.infer<typeof updatePoolSettingsBody>;
export const poolScanAnswer = z.object({ returned: z.number().int(), warned: z.number().int() });
export const poolHistoryEntry = z.object({
  at: z.string(),
  action: z.enum(POOL_ACTIONS),
  by: personRef.nullable(),
  manager: personRef.nullable(),
  reason: z.string().nullable(),
});
export type PoolHistoryEntry = z.infer<typeof poolHistoryEntry>;
