import { InboxOutlined, SettingOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const PoolPage = lazyPage(() => import('./pages/PoolPage.tsx'), 'PoolPage');
const PoolSettingsPage = lazyPage(() => import('./pages/PoolSettingsPage.tsx'), 'PoolSettingsPage');

/** 客户管理 › 公海客户 and 公海设置 (docs/organisation.md#customer-pool). */
export const poolModule: WebModule = {
  key: 'pool',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [
    { path: '/customer-pool', labelKey: 'menu.pool', icon: <InboxOutlined />, group: 'customers' },
    { path: '/settings/pool', labelKey: 'menu.settings', icon: <SettingOutlined />, group: 'customers' },
  ],
  routes: [
    pageRoute('/customer-pool', 'customer.read', PoolPage),
    pageRoute('/settings/pool', 'pool.manage', PoolSettingsPage),
  ],
};
