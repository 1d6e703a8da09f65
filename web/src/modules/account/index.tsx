import { ApiOutlined } from '@ant-design/icons';
import { lazyPage, lazyRoute, pageRoute } from '../../app/routing.tsx';
import { texts, type WebModule } from '../../app/module.ts';

const AccountPage = lazyPage(() => import('./pages/AccountPage.tsx'), 'AccountPage');
const TokensOverviewPage = lazyPage(() => import('./pages/TokensOverviewPage.tsx'), 'TokensOverviewPage');

/**
 * 账号安全 (docs/sign-in.md): every user's own page (from the user menu, no permission needed) and the
 * administrator's overview of API tokens.
 */
export const accountModule: WebModule = {
  key: 'account',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/admin/tokens', labelKey: 'menu.tokens', icon: <ApiOutlined />, group: 'access' }],
  routes: [
    { path: '/account', lazy: lazyRoute(AccountPage) },
    pageRoute('/admin/tokens', 'user.manage', TokensOverviewPage),
  ],
};
