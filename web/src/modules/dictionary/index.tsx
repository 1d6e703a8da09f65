import { BookOutlined } from '@ant-design/icons';
import { texts, type WebModule } from '../../app/module.ts';
import { lazyPage, pageRoute } from '../../app/routing.tsx';

const DictionaryPage = lazyPage(() => import('./pages/DictionaryPage.tsx'), 'DictionaryPage');

/** 基础数据 › 数据字典 (docs/product.md#data-dictionary). */
export const dictionaryModule: WebModule = {
  key: 'dictionary',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [{ path: '/dictionary', labelKey: 'menu.dictionary', icon: <BookOutlined />, group: 'baseData' }],
  // the page lists the entries, which GET /dictionary answers to `dictionary.read` only
  routes: [pageRoute('/dictionary', 'dictionary.read', DictionaryPage)],
};
