import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, lazyRoute } from '../../app/routing.tsx';

const NotificationSettingsPage = lazyPage(
  () => import('./pages/NotificationSettingsPage.tsx'),
  'NotificationSettingsPage',
);

/**
 * My notifications (docs/notifications.md): the bell in the header (components/NotificationBell, placed by the
 * layout) and my settings page, open to every signed-in user — no menu entry, the bell's drawer and the user menu
 * lead there.
 */
export const notificationsModule: WebModule = {
  key: 'notifications',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [],
  routes: [{ path: '/me/notification-settings', lazy: lazyRoute(NotificationSettingsPage) }],
};
