import { z } from 'zod';
import { dataScope } from './organisation.ts';
import { ROLE_CODES } from './permissions.ts';

/** docs/product.md#access-control, rule 3: at least 8 characters, up to 128 allowed. */
export const password = z.string().min(8).max(128);

export const loginBody = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) })
  .strict();
export type LoginBody = z.infer<typeof loginBody>;

export const sessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  departmentId: z.number().int().nullable(),
  /** The effective scope: per family the widest of the user's roles (docs/organisation.md#data-scope). */
  dataScope,
  /** Two-step verification is on (docs/sign-in.md#two-step-verification). */
  twoFactorEnabled: z.boolean(),
  /** A role requires two-step verification and it is not on: only its setup is open (403 `TWO_FACTOR_REQUIRED`). */
  twoFactorSetupRequired: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUser>;
export const userAnswer = z.object({ user: sessionUser });

export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: password })
  .strict();
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const builtinRoleCode = z.enum(ROLE_CODES);
