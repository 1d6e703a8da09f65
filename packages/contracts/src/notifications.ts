import { z } from 'zod';
import { id, pageQuery } from './common.ts';
import { notificationKinds } from './values.ts';

export const notificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKind>;

/** The record a notification opens. */
export const notificationRefTypes = ['customer', 'opportunity', 'service', 'churnWarning', 'import'] as const;
export type NotificationRefType = (typeof notificationRefTypes)[number];

export const notification = z.object({
  id: z.number().int(),
  kind: notificationKind,
  params: z.record(z.string(), z.unknown()),
  ref: z.object({ type: z.enum(notificationRefTypes), id: z.number().int() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationQuery = pageQuery.extend({ unread: z.enum(['true', 'false']).optional() }).strict();
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationParams = z.object({ id }).strict();
export const notificationCount = z.object({ count: z.number().int() });

/** Per kind: also by email (an object with every kind named, so that the OpenAPI document lists them). */
const emailChoices = z.object(
  Object.fromEntries(notificationKinds.map((k) => [k, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>,
);

/** Per kind: also by email. `mailEnabled`: the server has a mail server; `address`: where mail goes. */
export const notificationSettings = z.object({
  email: emailChoices,
  mailEnabled: z.boolean(),
  address: z.string().nullable(),
});
export type NotificationSettings = z.infer<typeof notificationSettings>;

export const updateNotificationSettingsBody = z.object({ email: emailChoices.partial().strict() }).strict();
export type UpdateNotificationSettingsBody = z.infer<typeof updateNotificationSettingsBody>;
