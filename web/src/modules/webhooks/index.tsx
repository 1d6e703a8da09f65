import { ApiOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const WebhooksPage = lazyPage(() => import('./pages/WebhooksPage.tsx'), 'WebhooksPage');
const WebhookDeliveriesPage = lazyPage(() => import('./pages/WebhookDeliveriesPage.tsx'), 'WebhookDeliveriesPage');

/** 系统设置 › 外部通知 (docs/webhooks.md): receivers of events and their delivery logs, for holders of webhook.manage. */
export const webhooksModule: WebModule = {
  key: 'webhooks',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/admin/webhooks', labelKey: 'menu.webhooks', icon: <ApiOutlined />, group: 'system' }],
  routes: [
    pageRoute('/admin/webhooks', 'webhook.manage', WebhooksPage),
    pageRoute('/admin/webhooks/:id', 'webhook.manage', WebhookDeliveriesPage),
  ],
};
