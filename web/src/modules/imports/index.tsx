import { ImportOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const ImportsPage = lazyPage(() => import('./pages/ImportsPage.tsx'), 'ImportsPage');
const ImportPage = lazyPage(() => import('./pages/ImportPage.tsx'), 'ImportPage');

/** 客户 › 导入客户 (docs/imports.md): the wizard and the past imports, for holders of customer.import. */
export const importsModule: WebModule = {
  key: 'imports',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/imports', labelKey: 'menu.imports', icon: <ImportOutlined />, group: 'customers' }],
  routes: [
    pageRoute('/imports', 'customer.import', ImportsPage),
    pageRoute('/imports/new', 'customer.import', ImportPage),
    pageRoute('/imports/:id', 'customer.import', ImportPage),
  ],
};
