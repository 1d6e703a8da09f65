import path from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';

/** A cron expression croner accepts (the scheduler would otherwise fail after the server started). */
const cron = z
  .string()
  .min(9)
  .refine((pattern) => {
    try {
      new Cron(pattern, { paused: true }).stop();
      return true;
    } catch {
      return false;
    }
  }, 'not a valid cron expression (minute hour day month weekday, e.g. 0 2 * * 6)');

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/**
 * Every environment variable the server reads (docs/product.md#api-conventions, rule 11, Operations), parsed once; a
 * bad value stops the start.
 */
const env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SALES_DATABASE_URL: z.string().url().optional(),
  CRM_DEMO: flag.optional(),
  CRM_ADMIN_PASSWORD: z.string().min(8).max(128).optional(),
  CRM_CHURN_CRON: cron.default('0 2 * * 6'),
  CRM_CHURN_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  CRM_POOL_CRON: cron.default('30 3 * * *'),
  CRM_PLAN_DUE_CRON: cron.default('0 7 * * *'),
  CRM_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587')
    .optional(),
  CRM_MAIL_FROM: z.string().min(3).max(200).default('CRM <crm@localhost>'),
  CRM_WEBHOOK_ALLOW_PRIVATE: flag.default(false),
  CRM_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  CRM_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  CRM_WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
  CRM_NOTIFY_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(30).default(25),
  CRM_SALES_REFRESH_CRON: z.string().min(9).default('*/10 * * * *'),
  CRM_SALES_POOL_MAX: z.coerce.number().int().min(1).max(50).default(4),
  CRM_SALES_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  CRM_SALES_REFRESH_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  CRM_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  CRM_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  CRM_SECURE_COOKIE: z.enum(['auto', 'always', 'never']).default('auto'),
  CRM_TRUST_PROXY: flag.default(false),
  CRM_WEB_DIST: z.string().optional(),
  CRM_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  CRM_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  CRM_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(72_000),
  CRM_MAX_REQUESTS_PER_SOCKET: z.coerce.number().int().min(0).max(1_000_000).default(1_000),
  CRM_EXPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1_000).default(4),
  CRM_EXPORT_MAX_PER_USER: z.coerce.number().int().min(1).max(1_000).default(2),
  CRM_OIDC_ISSUER: z.string().url().optional(),
  CRM_OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  CRM_OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  CRM_OIDC_USERNAME_CLAIM: z.string().min(1).max(100).default('preferred_username'),
  CRM_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** CRM_PUBLIC_URL without a trailing slash: the address links to this server are made with (portal invitations). */
  publicUrl: string | undefined;
  salesDatabaseUrl: string | undefined;
  demo: boolean;
  adminPassword: string | undefined;
  churnCron: string;
  churnMonths: number;
  /** When the customer pool's automatic return runs (docs/organisation.md#customer-pool, rule 5). */
  poolCron: string;
  /** When each user's plan items due today are announced (docs/notifications.md#kinds). */
  planDueCron: string;
  /** Mail is sent only when set (docs/notifications.md#email). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * Webhooks (docs/webhooks.md): receivers on loopback, private and link-local addresses only when `allowPrivate`
   * (CRM_WEBHOOK_ALLOW_PRIVATE=1); each attempt's time-out; the first retry's delay (doubled each time, at most an
   * hour); how often each instance looks for due deliveries.
   */
  webhooks: { allowPrivate: boolean; timeoutMs: number; retryBaseMs: number; pollMs: number };
  /** A comment line on every notification stream at least this often (proxies close silent connections). */
  notifyHeartbeatMs: number;
  salesRefreshCron: string;
  /** Connections of the sales system's own pool (never the CRM's). */
  salesPoolMax: number;
  /** A lookup's statement time-out in the sales system. */
  salesTimeoutMs: number;
  /** The refresh's statement time-out in the sales system (it reads much more than a lookup). */
  salesRefreshTimeoutMs: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  secureCookie: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  webDist: string | undefined;
  logLevel: string;
  /** A request's headers and body must have arrived within this (a body trickling in is cut off: 408). */
  requestTimeoutMs: number;
  /** A connection on which nothing moves for this long is closed (a download nobody reads, a stalled client). */
  sendTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxRequestsPerSocket: number;
  /** Downloads (exports) at once on this instance, and per user; beyond: 429. */
  exportMaxConcurrent: number;
  exportMaxPerUser: number;
  /**
   * Single sign-on (docs/sign-in.md#single-sign-on): set when the issuer, the client id and the public address are
   * all given; the callback is `<publicUrl>/api/v1/auth/oidc/callback`.
   */
  oidc:
    | { issuer: string; clientId: string; clientSecret: string | undefined; usernameClaim: string; publicUrl: string }
    | undefined;
};

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    salesDatabaseUrl: e.SALES_DATABASE_URL,
    publicUrl: e.CRM_PUBLIC_URL?.replace(/\/+$/, ''),
    // docs/product.md#api-conventions, rule 11: the demo company is the default on the embedded database only
    demo: e.CRM_DEMO ?? !e.DATABASE_URL,
    adminPassword: e.CRM_ADMIN_PASSWORD,
    churnCron: e.CRM_CHURN_CRON,
    churnMonths: e.CRM_CHURN_MONTHS,
    poolCron: e.CRM_POOL_CRON,
    planDueCron: e.CRM_PLAN_DUE_CRON,
    smtpUrl: e.CRM_SMTP_URL,
    mailFrom: e.CRM_MAIL_FROM,
    notifyHeartbeatMs: e.CRM_NOTIFY_HEARTBEAT_SECONDS * 1000,
    webhooks: {
      allowPrivate: e.CRM_WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: e.CRM_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.CRM_WEBHOOK_RETRY_BASE_MS,
      pollMs: e.CRM_WEBHOOK_POLL_MS,
    },
    salesRefreshCron: e.CRM_SALES_REFRESH_CRON,
    salesPoolMax: e.CRM_SALES_POOL_MAX,
    salesTimeoutMs: e.CRM_SALES_TIMEOUT_MS,
    salesRefreshTimeoutMs: e.CRM_SALES_REFRESH_TIMEOUT_MS,
    sessionIdleMs: e.CRM_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.CRM_SESSION_MAX_HOURS * 3_600_000,
    secureCookie: e.CRM_SECURE_COOKIE,
    trustProxy: e.CRM_TRUST_PROXY,
    webDist: e.CRM_WEB_DIST,
    logLevel: e.LOG_LEVEL,
    requestTimeoutMs: e.CRM_REQUEST_TIMEOUT_MS,
    sendTimeoutMs: e.CRM_SEND_TIMEOUT_MS,
    keepAliveTimeoutMs: e.CRM_KEEP_ALIVE_TIMEOUT_MS,
    maxRequestsPerSocket: e.CRM_MAX_REQUESTS_PER_SOCKET,
    exportMaxConcurrent: e.CRM_EXPORT_MAX_CONCURRENT,
    exportMaxPerUser: e.CRM_EXPORT_MAX_PER_USER,
    oidc:
      e.CRM_OIDC_ISSUER && e.CRM_OIDC_CLIENT_ID && e.CRM_PUBLIC_URL
        ? {
            issuer: e.CRM_OIDC_ISSUER,
            clientId: e.CRM_OIDC_CLIENT_ID,
            clientSecret: e.CRM_OIDC_CLIENT_SECRET,
            usernameClaim: e.CRM_OIDC_USERNAME_CLAIM,
            publicUrl: e.CRM_PUBLIC_URL.replace(/\/+$/, ''),
          }
        : undefined,
  };
}
