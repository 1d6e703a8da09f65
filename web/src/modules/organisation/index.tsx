import { ApartmentOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

const DepartmentsPage = lazyPage(() => import('./pages/DepartmentsPage.tsx'), 'DepartmentsPage');

/** 权限管理 › 部门管理 (docs/organisation.md#departments). */
export const organisationModule: WebModule = {
  key: 'organisation',
  i18n: { zh, en },
  menu: [{ path: '/admin/departments', labelKey: 'menu.departments', icon: <ApartmentOutlined />, group: 'access' }],
  routes: [pageRoute('/admin/departments', 'department.manage', DepartmentsPage)],
};
