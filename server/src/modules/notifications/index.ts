/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { notify, type NotificationEvent } from './notify.ts';
export { notificationRoutes } from './routes.ts';
export { pruneNotificationsJob } from './housekeeping.ts';
export { startMailer } from './mail/mailer.ts';
