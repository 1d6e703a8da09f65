import { z } from 'zod';
import { id, pageQuery } from './common.ts';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS, WEBHOOK_FORMATS } from './values.ts';

export const webhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof webhookEvent>;

/** The event of a test delivery (the test button): never subscribed to, sent on demand. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const webhookFormat = z.enum(WEBHOOK_FORMATS);
export type WebhookFormat = z.infer<typeof webhookFormat>;

export const webhookDeliveryStatus = z.enum(WEBHOOK_DELIVERY_STATUSES);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatus>;

/** An http(s) address a receiver listens on; whether its host may be reached is the server's to check. */
export const webhookUrl = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// address, e.g. https://hooks.example.com/crm');

const webhookName = z.string().trim().min(1).max(100);
const webhookEvents = z
  .array(webhookEvent)
  .min(1, 'choose at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);
/** The shared secret (JSON: the HMAC key; DingTalk, Feishu: the robot's signing secret); empty means none. */
const webhookSecret = z
  .string()
  .trim()
  .max(200)
  .nullish()
  .transform((v) => (v ? v : null));

/** A receiver, as the API shows it: never its secret, only whether it has one. */
export const webhook = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  events: z.array(webhookEvent),
  format: webhookFormat,
  hasSecret: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The latest delivery's status and time, if any (the list's health column). */
  lastDelivery: z
    .object({ status: webhookDeliveryStatus, at: z.string() })
    .nullable()
    .describe('The latest delivery of this receiver: its status and when it was made'),
});
export type Webhook = z.infer<typeof webhook>;

export const createWebhookBody = z
  .object({
    name: webhookName,
    url: webhookUrl,
    events: webhookEvents,
    format: webhookFormat,
    secret: webhookSecret,
    active: z.boolean().default(true),
  })
  .strict();
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

/** Fields left out stay; `secret: null` (or empty) removes the secret, an absent one keeps it. */
export const updateWebhookBody = z
  .object({
    name: webhookName.optional(),
    url: webhookUrl.optional(),
    events: webhookEvents.optional(),
    format: webhookFormat.optional(),
    secret: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .optional()
      .transform((v) => (v === undefined ? undefined : v ? v : null)),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;
/** What a client sends (fields it leaves out stay). */
export type UpdateWebhookInput = z.input<typeof updateWebhookBody>;

export const webhookQuery = pageQuery.strict();
export type WebhookQuery = z.infer<typeof webhookQuery>;

export const webhookDelivery = z.object({
  /** Also the `X-CRM-Delivery` header: the same on every attempt. */
  id: z.string(),
  event: z.string(),
  status: webhookDeliveryStatus,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe('When the next attempt is due (pending deliveries only)'),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

export const webhookDeliveryQuery = pageQuery.extend({ status: webhookDeliveryStatus.optional() }).strict();
export type WebhookDeliveryQuery = z.infer<typeof webhookDeliveryQuery>;

export const webhookDeliveryParams = z.object({ id, deliveryId: z.uuid() }).strict();

/** What the test button's one delivery did: sent at once, not retried. */
export const webhookTestResult = z.object({
  delivered: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  delivery: webhookDelivery,
});
export type WebhookTestResult = z.infer<typeof webhookTestResult>;

/** The test and redeliver actions take no input: no body, or an empty object. */
export const webhookActionBody = z.object({}).strict().nullish();
