import {
  notification,
  notificationCount,
  notificationParams,
  notificationQuery,
  notificationSettings,
  pageOf,
  updateNotificationSettingsBody,
} from '@crm/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { ctxOf } from '../../platform/context.ts';
import { documented } from '../../platform/openapi.ts';
import { NotificationHub } from './hub.ts';
import * as service from './service.ts';
import { streamNotifications } from './stream.ts';

const doc = documented('Notifications');

/** docs/notifications.md: every signed-in user, about their own notifications only. */
export const notificationRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db, config } = deps;
    const mailEnabled = config.smtpUrl !== undefined;
    const hub = new NotificationHub(deps.database, app.log);
    // streams never finish on their own: the instance ends them before it waits for requests in flight
    app.addHook('preClose', async () => hub.close());

    app.get(
      '/notifications',
      doc('session', 'listNotifications', 'My notifications, newest first', {
        querystring: notificationQuery,
        response: { 200: pageOf(notification) },
      }),
      async (request) => service.listNotifications(db, ctxOf(request), request.query),
    );
    app.get(
      '/notifications/unread-count',
      doc('session', 'countUnreadNotifications', 'How many of my notifications are unread', {
        response: { 200: notificationCount },
      }),
      async (request) => service.unreadCount(db, ctxOf(request)),
    );
    app.get(
      '/notifications/stream',
      doc(
        'session',
        'streamNotifications',
        'My new notifications as they happen (Server-Sent Events; Last-Event-ID resumes)',
        {
          querystring: z.object({}).strict(),
          response: {
            200: z
              .string()
              .describe(
                'Streamed: text/event-stream, one `event: notification` per new notification (`id`: its id, `data`: ' +
                  'the notification); a browser resumes with the Last-Event-ID header',
              ),
          },
        },
      ),
      async (request, reply) => streamNotifications(db, hub, config.notifyHeartbeatMs, request, reply),
    );
    app.post(
      '/notifications/read-all',
      doc('session', 'markAllNotificationsRead', 'Mark all my notifications read', {
        response: { 200: notificationCount },
      }),
      async (request) => service.markAllNotificationsRead(db, ctxOf(request)),
    );
    app.post(
      '/notifications/:id/read',
      doc('session', 'markNotificationRead', 'Mark one of my notifications read', {
        params: notificationParams,
      }),
      async (request, reply) => {
        await service.markNotificationRead(db, ctxOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/me/notification-settings',
      doc('session', 'getNotificationSettings', 'Which kinds of my notifications also come by email', {
        response: { 200: notificationSettings },
      }),
      async (request) => service.getNotificationSettings(db, ctxOf(request), mailEnabled),
    );
    app.patch(
      '/me/notification-settings',
      doc('session', 'updateNotificationSettings', 'Choose which kinds of my notifications also come by email', {
        body: updateNotificationSettingsBody,
        response: { 200: notificationSettings },
      }),
      async (request) => service.updateNotificationSettings(db, ctxOf(request), request.body, mailEnabled),
    );
  };
