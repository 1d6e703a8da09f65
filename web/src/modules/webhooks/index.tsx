import { ApiOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

const WebhooksPage = lazyPage(() => import('./pages/WebhooksPage.tsx'), 'WebhooksPage');
const WebhookDeliveriesPage = lazyPage(() => import('./pages/WebhookDeliveriesPage.tsx'), 'WebhookDeliveriesPage');

/** 系统设置 › 外部通知 (docs/webhooks.md): receivers of events and their delivery logs, for holders of webhook.manage. */
export const webhooksModule: WebModule = {
  key: 'webhooks',
  i18n: { zh, en },
  menu: [{ path: '/admin/webhooks', labelKey: 'menu.webhooks', icon: <ApiOutlined />, group: 'system' }],
  routes: [
    pageRoute('/admin/webhooks', 'webhook.manage', WebhooksPage),
    pageRoute('/admin/webhooks/:id', 'webhook.manage', WebhookDeliveriesPage),
  ],
};
