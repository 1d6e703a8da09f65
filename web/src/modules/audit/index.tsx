import { FileSearchOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const AuditLogPage = lazyPage(() => import('./pages/AuditLogPage.tsx'), 'AuditLogPage');

/** 权限管理 › 操作日志: who changed what, when, before and after. */
export const auditModule: WebModule = {
  key: 'audit',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/admin/audit-log', labelKey: 'menu.auditLog', icon: <FileSearchOutlined />, group: 'access' }],
  routes: [pageRoute('/admin/audit-log', 'audit.read', AuditLogPage)],
};
