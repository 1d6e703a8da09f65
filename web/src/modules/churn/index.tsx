import { AlertOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

const ChurnWarningsPage = lazyPage(() => import('./pages/ChurnWarningsPage.tsx'), 'ChurnWarningsPage');
const ChurnWarningPage = lazyPage(() => import('./pages/ChurnWarningPage.tsx'), 'ChurnWarningPage');

/** 客户管理 › 客户流失管理 (docs/product.md#churn). */
export const churnModule: WebModule = {
  key: 'churn',
  i18n: { zh, en },
  menu: [{ path: '/churn-warnings', labelKey: 'menu.warnings', icon: <AlertOutlined />, group: 'customers' }],
  routes: [
    pageRoute('/churn-warnings', 'churn.read', ChurnWarningsPage),
    pageRoute('/churn-warnings/:id', 'churn.read', ChurnWarningPage),
  ],
};
