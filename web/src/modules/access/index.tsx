import { SafetyCertificateOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { lazyPage, pageRoute } from '../../app/routing.tsx';
import { texts, type WebModule } from '../../app/module.ts';

const UsersPage = lazyPage(() => import('./pages/UsersPage.tsx'), 'UsersPage');
const RolesPage = lazyPage(() => import('./pages/RolesPage.tsx'), 'RolesPage');
const TeamPage = lazyPage(() => import('./pages/TeamPage.tsx'), 'TeamPage');

/** 权限管理: users and roles (docs/product.md#access-control); 我的团队, a director's handovers (docs/organisation.md). */
export const accessModule: WebModule = {
  key: 'access',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [
    { path: '/team', labelKey: 'menu.team', icon: <UserSwitchOutlined />, group: 'customers' },
    { path: '/admin/users', labelKey: 'menu.users', icon: <TeamOutlined />, group: 'access' },
    { path: '/admin/roles', labelKey: 'menu.roles', icon: <SafetyCertificateOutlined />, group: 'access' },
  ],
  routes: [
    pageRoute('/team', 'user.handover', TeamPage),
    pageRoute('/admin/users', 'user.manage', UsersPage),
    pageRoute('/admin/roles', 'role.manage', RolesPage),
  ],
};
