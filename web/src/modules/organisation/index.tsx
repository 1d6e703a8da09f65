import { ApartmentOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const DepartmentsPage = lazyPage(() => import('./pages/DepartmentsPage.tsx'), 'DepartmentsPage');

/** 权限管理 › 部门管理 (docs/organisation.md#departments). */
export const organisationModule: WebModule = {
  key: 'organisation',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/admin/departments', labelKey: 'menu.departments', icon: <ApartmentOutlined />, group: 'access' }],
  routes: [pageRoute('/admin/departments', 'department.manage', DepartmentsPage)],
};
