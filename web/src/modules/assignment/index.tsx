import { NodeIndexOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const AssignmentRulesPage = lazyPage(() => import('./pages/AssignmentRulesPage.tsx'), 'AssignmentRulesPage');

/** 服务管理 › 自动分配 (docs/assignment-rules.md), for directors and administrators (`service.rules`). */
export const assignmentModule: WebModule = {
  key: 'assignment',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/assignment-rules', labelKey: 'menu.rules', icon: <NodeIndexOutlined />, group: 'services' }],
  routes: [pageRoute('/assignment-rules', 'service.rules', AssignmentRulesPage)],
};
