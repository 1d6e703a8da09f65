import { NodeIndexOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

const AssignmentRulesPage = lazyPage(() => import('./pages/AssignmentRulesPage.tsx'), 'AssignmentRulesPage');

/** 服务管理 › 自动分配 (docs/assignment-rules.md), for directors and administrators (`service.rules`). */
export const assignmentModule: WebModule = {
  key: 'assignment',
  i18n: { zh, en },
  menu: [{ path: '/assignment-rules', labelKey: 'menu.rules', icon: <NodeIndexOutlined />, group: 'services' }],
  routes: [pageRoute('/assignment-rules', 'service.rules', AssignmentRulesPage)],
};
