import { AppstoreOutlined, DatabaseOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const ProductsPage = lazyPage(() => import('./pages/ProductsPage.tsx'), 'ProductsPage');
const InventoryPage = lazyPage(() => import('./pages/InventoryPage.tsx'), 'InventoryPage');

/** 基础数据 › 查询产品, 查询库存 (docs/product.md#product-and-inventory-lookup), read from the sales system. */
export const catalogModule: WebModule = {
  key: 'catalog',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [
    { path: '/products', labelKey: 'menu.products', icon: <AppstoreOutlined />, group: 'baseData' },
    { path: '/inventory', labelKey: 'menu.inventory', icon: <DatabaseOutlined />, group: 'baseData' },
  ],
  routes: [
    pageRoute('/products', 'product.read', ProductsPage),
    pageRoute('/inventory', 'inventory.read', InventoryPage),
  ],
};
