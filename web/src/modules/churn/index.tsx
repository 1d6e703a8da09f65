import { AlertOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const ChurnWarningsPage = lazyPage(() => import('./pages/ChurnWarningsPage.tsx'), 'ChurnWarningsPage');
const ChurnWarningPage = lazyPage(() => import('./pages/ChurnWarningPage.tsx'), 'ChurnWarningPage');

/** 客户管理 › 客户流失管理 (docs/product.md#churn). */
export const churnModule: WebModule = {
  key: 'churn',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/churn-warnings', labelKey: 'menu.warnings', icon: <AlertOutlined />, group: 'customers' }],
  routes: [
    pageRoute('/churn-warnings', 'churn.read', ChurnWarningsPage),
    pageRoute('/churn-warnings/:id', 'churn.read', ChurnWarningPage),
  ],
};
