import { z } from 'zod';
import { password } from './auth.ts';
import { id, pageQuery, textFilter } from './common.ts';
import { dataScope, handoverAnswer } from './organisation.ts';
import { PERMISSIONS } from './permissions.ts';

export const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');
export const displayName = z.string().trim().min(1).max(100);
const roleCodes = z.array(z.string().trim().min(1).max(64)).min(1).max(20);

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  departmentId: z.number().int().nullable(),
  email: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const userQuery = pageQuery.extend({
  q: textFilter,
  active: z.enum(['true', 'false']).optional(),
  departmentId: id.optional(),
});
/**
 * GET /team: the users inside a director's customer scope, disabled ones too, with the open work each holds — whom
 * they may hand over (docs/organisation.md#transfer-and-handover, rule 4). The same filters as the user list.
 */
export const teamQuery = userQuery;
export type TeamQuery = z.infer<typeof teamQuery>;
export const teamMember = user
  .pick({ id: true, username: true, displayName: true, departmentId: true, active: true })
  .extend({ holds: handoverAnswer });
export type TeamMember = z.infer<typeof teamMember>;
const email = z.email().max(254).nullish();
export const createUserBody = z
  .object({ username, displayName, password, roles: roleCodes, departmentId: id.nullish(), email })
  .strict();
export type CreateUserBody = z.infer<typeof createUserBody>;
export const updateUserBody = z
  .object({
    displayName: displayName.optional(),
    password: password.optional(),
    roles: roleCodes.optional(),
    active: z.boolean().optional(),
    departmentId: id.nullish(),
    email,
  })
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const permissionCode = z.enum(PERMISSIONS as [string, ...string[]]);
export const role = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  dataScope,
  requireTwoFactor: z.boolean(),
  userCount: z.number().int(),
});
export type Role = z.infer<typeof role>;
export const roleCode = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, dash and underscore, starting with a letter');
export const createRoleBody = z
  .object({
    code: roleCode,
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).default(''),
    permissions: z.array(permissionCode).max(100).default([]),
    dataScope: dataScope.optional(),
    requireTwoFactor: z.boolean().default(false),
  })
  .strict();
export type CreateRoleBody = z.infer<typeof createRoleBody>;
export const updateRoleBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().trim().max(500).optional(),
    permissions: z.array(permissionCode).max(100).optional(),
    dataScope: dataScope.optional(),
    requireTwoFactor: z.boolean().optional(),
  })
  .strict();
export type UpdateRoleBody = z.infer<typeof updateRoleBody>;

export const permissionInfo = z.object({ code: z.string(), module: z.string(), description: z.string() });
export const assignee = z.object({ id: z.number().int(), displayName: z.string() });

/**
 * `GET /assignees?family=`: the record family the work belongs to, whose scope the managers offered must be inside
 * (docs/organisation.md#data-scope, rule 5); opportunities by default.
 */
export const ASSIGNEE_FAMILIES = ['opportunities', 'services', 'customers'] as const;
export type AssigneeFamily = (typeof ASSIGNEE_FAMILIES)[number];
export const assigneeQuery = z.object({
  family: z
    .enum(ASSIGNEE_FAMILIES)
    .default('opportunities')
    .describe("The record family of the work: only managers inside the reader's scope for it are listed"),
});

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'assign',
  'reassign',
  'succeed',
  'fail',
  'sign-in',
  'change-password',
  'handle',
  'feedback',
  'delay',
  'confirm',
  'lose',
  'transfer',
  'handover',
  'claim',
  'release',
  'return',
  'revoke',
  'enable',
  'disable',
  'sign-out',
  'stage',
  'export',
  'invite',
  'accept',
  'redeliver',
  'test',
  'run',
  'finish',
  'revert',
  'merge',
  'scan',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  user: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  /** The API token the change was made with (docs/sign-in.md#api-tokens, rule 6). */
  token: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditQuery = pageQuery.extend({
  userId: id.optional(),
  entity: textFilter,
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
