import { z } from 'zod';

/**
 * Every error code of docs/product.md#api-conventions, rule 8 with its HTTP status: the one table the server and the
 * web share.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_URL: 400,
  MALFORMED_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /** An `Authorization` header that is no API token, or one unknown, revoked, or of a disabled user. */
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  /** A wrong, reused or late code of two-step verification, or a used recovery code. */
  TWO_FACTOR_INVALID: 401,
  /** The second step of a sign-in without its first (or after five minutes): sign in again. */
  TWO_FACTOR_EXPIRED: 401,
  /** Single sign-on: the callback's state is missing or not the one this browser started with. */
  SSO_STATE_INVALID: 400,
  /** Single sign-on: the identity provider's answer was refused (a used code, an expired or forged ID token). */
  SSO_FAILED: 401,
  /** Single sign-on: the identity provider names no active user of the CRM. */
  SSO_UNKNOWN_USER: 401,
  /** Single sign-on is not configured on this server. */
  SSO_NOT_CONFIGURED: 404,
  /** A portal invitation that is unknown (forged) or already used (docs/portal.md#accounts, rule 1). */
  INVITATION_INVALID: 400,
  /** A portal invitation older than its seven days (docs/portal.md#accounts, rule 1). */
  INVITATION_EXPIRED: 400,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  /** Sign-in with the right password of a disabled user, or a request with the session of a user disabled since. */
  ACCOUNT_DISABLED: 403,
  /** A role of the user requires two-step verification, which they have not set up yet. */
  TWO_FACTOR_REQUIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  INVALID_STATE: 409,
  VERSION_CONFLICT: 409,
  IN_USE: 409,
  CONFLICT: 409,
  /** A limit of the customer pool (docs/organisation.md#customer-pool, rule 3); `details[0].path` names it. */
  LIMIT_REACHED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** An uploaded file that is neither XLSX nor CSV, or an encrypted workbook (docs/imports.md, rule 1). */
  UNSUPPORTED_FILE: 415,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  SALES_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const errorDetail = z.object({ path: z.string(), message: z.string() });
export type ErrorDetail = z.infer<typeof errorDetail>;

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(errorDetail).optional(),
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
