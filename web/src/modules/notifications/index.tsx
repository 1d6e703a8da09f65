import type { WebModule } from '../../app/module.ts';
import { lazyPage, lazyRoute } from '../../app/routing.tsx';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

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
  i18n: { zh, en },
  menu: [],
  routes: [{ path: '/me/notification-settings', lazy: lazyRoute(NotificationSettingsPage) }],
};
