import { z } from 'zod';
import { userAnswer } from './auth.ts';
import { PERMISSIONS } from './permissions.ts';

/** docs/sign-in.md#api-tokens: what a personal API token shows (never its secret, after the one answer that creates it). */
export const apiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The narrower permissions it was given; null: all of its user's (current) permissions. */
  permissions: z.array(z.string()).nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiToken = z.infer<typeof apiToken>;
/** The answer that creates a token: the only one that carries its secret. */
export const createdApiToken = apiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiToken>;
/** The administrator's overview: every token that still works or could, with its user; no secret. */
export const apiTokenOverview = apiToken.extend({
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), active: z.boolean() }),
});
export type ApiTokenOverview = z.infer<typeof apiTokenOverview>;

export const TOKEN_PREFIX = 'crm_';
export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** An instant in the future; absent or null: the token does not expire. */
    expiresAt: z.iso.datetime({ offset: true }).nullish(),
    /** Fewer permissions than one's own; absent: all of one's own, as they are at each request. */
    permissions: z
      .array(z.enum(PERMISSIONS as [string, ...string[]]))
      .min(1)
      .max(100)
      .optional(),
  })
  .strict();
export type CreateTokenBody = z.infer<typeof createTokenBody>;

/** `GET /me/sessions`: where one is signed in. */
export const sessionInfo = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  address: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

/** Six digits, as an authenticator app shows them. */
export const totpCode = z.string().regex(/^[0-9]{6}$/, 'six digits');
/** A recovery code as handed out: ten letters or digits, a dash allowed in the middle. */
export const recoveryCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9]{5}-?[a-z0-9]{5}$/i, 'a recovery code, e.g. abcde-12345');

export const twoFactorSetup = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const enableTwoFactorBody = z.object({ code: totpCode }).strict();
export const recoveryCodesAnswer = z.object({ recoveryCodes: z.array(z.string()) });
export const disableTwoFactorBody = z
  .object({ password: z.string().min(1).max(128), code: z.union([totpCode, recoveryCode]) })
  .strict();
export type DisableTwoFactorBody = z.infer<typeof disableTwoFactorBody>;

/** `POST /auth/login/two-factor`: a code from the app, or one of the recovery codes — exactly one. */
export const twoFactorLoginBody = z
  .object({ code: totpCode.optional(), recoveryCode: recoveryCode.optional() })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'either code or recoveryCode',
    path: ['code'],
  });
export type TwoFactorLoginBody = z.infer<typeof twoFactorLoginBody>;

/** `POST /auth/login`: the user, or — with two-step verification on — the request for the second step. */
export const loginAnswer = z.union([userAnswer, z.object({ twoFactorRequired: z.literal(true) })]);

/** `GET /auth/sso`: whether the sign-in page offers single sign-on. */
export const ssoInfo = z.object({ enabled: z.boolean() });
