import { TeamOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

const CustomersPage = lazyPage(() => import('./pages/CustomersPage.tsx'), 'CustomersPage');
const NewCustomerPage = lazyPage(() => import('./pages/NewCustomerPage.tsx'), 'NewCustomerPage');
const CustomerPage = lazyPage(() => import('./pages/CustomerPage.tsx'), 'CustomerPage');

/** 客户管理 › 客户信息 (docs/product.md#customers, #contacts, #interaction-records and #order-history). */
export const customersModule: WebModule = {
  key: 'customers',
  i18n: { zh, en },
  menu: [{ path: '/customers', labelKey: 'menu.customers', icon: <TeamOutlined />, group: 'customers' }],
  routes: [
    pageRoute('/customers', 'customer.read', CustomersPage),
    pageRoute('/customers/new', 'customer.create', NewCustomerPage),
    pageRoute('/customers/:id', 'customer.read', CustomerPage),
  ],
};
