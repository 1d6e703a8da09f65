import { MergeCellsOutlined, TeamOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { firstPageRoute, lazyPage, pageRoute } from '../../app/routing.tsx';
import { customerListPage, customerPage } from './first-pages.ts';

const NewCustomerPage = lazyPage(() => import('./pages/NewCustomerPage.tsx'), 'NewCustomerPage');
const DuplicatesPage = lazyPage(() => import('./pages/DuplicatesPage.tsx'), 'DuplicatesPage');
const MergePage = lazyPage(() => import('./pages/MergePage.tsx'), 'MergePage');

/**
 * 客户管理 › 客户信息 (docs/product.md#customers, #contacts, #interaction-records and #order-history) and 查重合并
 * (docs/duplicates-and-merge.md).
 */
export const customersModule: WebModule = {
  key: 'customers',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [
    { path: '/customers', labelKey: 'menu.customers', icon: <TeamOutlined />, group: 'customers' },
    { path: '/customers/duplicates', labelKey: 'menu.duplicates', icon: <MergeCellsOutlined />, group: 'customers' },
  ],
  routes: [
    firstPageRoute(customerListPage),
    pageRoute('/customers/new', 'customer.create', NewCustomerPage),
    // docs/duplicates-and-merge.md, rule 9
    pageRoute('/customers/duplicates', 'customer.merge', DuplicatesPage),
    pageRoute('/customers/merge', 'customer.merge', MergePage),
    firstPageRoute(customerPage),
  ],
};
