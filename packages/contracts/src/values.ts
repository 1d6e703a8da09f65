/**
 * The contracts' plain values — enumerations, limits, format checks — without the zod schemas built on them: what the
 * web app imports (`@crm/contracts/values`), so that the browser neither downloads zod nor builds the schemas on every
 * page load (docs/PERFORMANCE.md, browser). The schemas (the domain files beside this one) take their lists and limits
 * from here; `index.ts` exports both, for the server.
 */
import type { DataScope } from './organisation.ts';
import type { Permission } from './permissions.ts';

export { FORMAT_CHECKS, type FormatKind } from './formats.ts';
export { INITIAL_ROLES, type RoleCode } from './permissions.ts';

// Opportunities

/** docs/product.md#opportunities, rule 7: unassigned 未分配 → assigned 开发中 → succeeded 开发成功 | failed 开发失败. */
export const OPPORTUNITY_STATUSES = ['unassigned', 'assigned', 'succeeded', 'failed'] as const;

/** Field lengths shared by the server's schemas and the web's forms. */
export const OPPORTUNITY_LIMITS = {
  source: 100,
  customerName: 100,
  summary: 200,
  contactName: 50,
  contactPhone: 50,
  description: 2000,
  planContent: 1000,
  planResult: 1000,
  failReason: 1000,
} as const;

/** 预计金额: yuan, not negative, two decimals at most (docs/pipeline.md#fields, rule 1). */
export const EXPECTED_AMOUNT_MAX = 999_999_999_999.99;

/** Bulk assignment: 1 to 200 distinct ids (docs/pipeline.md#bulk-assignment). */
export const BULK_ASSIGN_MAX = 200;

// Services

/**
 * docs/product.md#customer-service, rule 7: new 新创建 → assigned 已分配 → handled 已处理 → archived 已归档 (or back to assigned).
 */
export const SERVICE_STATUSES = ['new', 'assigned', 'handled', 'archived'] as const;

/**
 * docs/product.md#customer-service, rule 4: satisfaction below this sends a service back to `assigned` instead of
 * archiving it.
 */
export const SERVICE_SATISFIED_FROM = 3;

// Churn risk

/** The early churn risk (docs/churn-risk.md): low < 40 ≤ medium < 70 ≤ high. */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

// Audit log

/**
 * What the audit log records: the kinds of record (entity) and the actions on them. The server's `audit()` takes only
 * these, and the web names each in both languages (its texts are typed by these lists), so no program key such as
 * `churnMeasure` reaches a reader.
 */
export const AUDIT_ENTITIES = [
  'user',
  'role',
  'session',
  'dictionary',
  'opportunity',
  'planItem',
  'customer',
  'contact',
  'activity',
  'churnWarning',
  'churnMeasure',
  'service',
  'poolSettings',
  'department',
  'apiToken',
  'twoFactor',
  'notificationSettings',
  'portalAccess',
  'webhook',
  'webhookDelivery',
  'assignmentRule',
  'serviceSla',
  'import',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

// Customers

/** Field lengths shared by the server's schemas and the web's forms. */
export const CUSTOMER_LIMITS = { name: 100, text: 200, short: 50, note: 1000, details: 4000, creditCode: 18 } as const;

/**
 * The customer's details after its name, number and classification, in the paper's order (docs/product.md#customers):
 * free text but for the two amounts (`CUSTOMER_AMOUNT_FIELDS`). The form, the merge and the import list them so.
 */
export const CUSTOMER_DETAIL_FIELDS = [
  'address',
  'postcode',
  'phone',
  'fax',
  'website',
  'licenceNo',
  'legalRepresentative',
  'registeredCapital',
  'annualTurnover',
  'bank',
  'bankAccount',
  'localTaxNo',
  'nationalTaxNo',
] as const;
export const CUSTOMER_AMOUNT_FIELDS = ['registeredCapital', 'annualTurnover'] as const;
export type CustomerDetailField = (typeof CUSTOMER_DETAIL_FIELDS)[number];
export type CustomerTextField = Exclude<CustomerDetailField, (typeof CUSTOMER_AMOUNT_FIELDS)[number]>;
export const isCustomerAmountField = (field: string): field is (typeof CUSTOMER_AMOUNT_FIELDS)[number] =>
  (CUSTOMER_AMOUNT_FIELDS as readonly string[]).includes(field);

/** The fields a merge may take from one of the merged records (docs/duplicates-and-merge.md, rule 3). */
export const MERGE_FIELDS = [
  'name',
  'creditCode',
  'regionId',
  'levelId',
  'satisfaction',
  'credit',
  ...CUSTOMER_DETAIL_FIELDS,
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

// Assignment rules

export const ASSIGNMENT_STRATEGIES = ['roundRobin', 'leastOpen', 'customerManager'] as const;

// Data scope

/** docs/organisation.md#data-scope: how far a user sees, narrowest first. */
export const DATA_SCOPES = ['self', 'department', 'departmentTree', 'all'] as const;
export type DataScopeValue = (typeof DATA_SCOPES)[number];

/** The record families a scope applies to. */
export const SCOPE_FAMILIES = ['customers', 'opportunities', 'services', 'churn'] as const;
export type ScopeFamily = (typeof SCOPE_FAMILIES)[number];

/** A new role's scope when none is given: as Part I's permissions read (`opportunity.all`, `churn.all`). */
export const defaultDataScope = (permissions: readonly string[]): DataScope => ({
  customers: 'all',
  opportunities: permissions.includes('opportunity.all' satisfies Permission) ? 'all' : 'self',
  services: 'all',
  churn: permissions.includes('churn.all' satisfies Permission) ? 'all' : 'self',
});

// Notifications

/** docs/notifications.md#kinds: what a notification tells its user. */
export const notificationKinds = [
  'opportunity.assigned',
  'service.assigned',
  'service.dissatisfied',
  'service.overdue',
  'churn.warning',
  'plan.due',
  'pool.returning',
  'pool.returned',
  'customer.transferred',
  'portal.service',
  'import.finished',
] as const;

// Churn warnings

/**
 * docs/product.md#churn, rule 4: `warning` 预警 → `delayed` 暂缓流失 → `lost` 已流失; `recovered` 已恢复 when the customer orders
 * again.
 */
export const CHURN_STATUSES = ['warning', 'delayed', 'lost', 'recovered'] as const;

// Imports

/**
 * The fields a column can be mapped to (docs/imports.md, rule 3): the customer's fields by their API names, the
 * dictionary items and the manager by their text, and the first contact's fields.
 */
export const IMPORT_FIELDS = [
  'name',
  'creditCode',
  'number',
  'region',
  'level',
  'manager',
  'satisfaction',
  'credit',
  ...CUSTOMER_DETAIL_FIELDS,
  'contactName',
  'contactSex',
  'contactPosition',
  'contactOfficePhone',
  'contactMobile',
] as const;

export const IMPORT_MODES = ['create', 'update', 'upsert'] as const;

export const IMPORT_MATCH_ON = ['creditCode', 'number', 'name'] as const;

// Webhooks

/** docs/webhooks.md#events: what a receiver may subscribe to. */
export const WEBHOOK_EVENTS = [
  'customer.created',
  'customer.updated',
  'customer.transferred',
  'customer.merged',
  'opportunity.assigned',
  'opportunity.succeeded',
  'opportunity.failed',
  'service.created',
  'service.assigned',
  'service.handled',
  'service.archived',
  'service.overdue',
  'churn.warning',
  'churn.confirmed',
  'import.finished',
] as const;

/** docs/webhooks.md#formats: plain JSON signed with HMAC-SHA256, or a group robot's text message. */
export const WEBHOOK_FORMATS = ['json', 'dingtalk', 'wecom', 'feishu'] as const;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
