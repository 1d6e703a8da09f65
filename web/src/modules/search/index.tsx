import { texts, type WebModule } from '../../app/module.ts';

/** Global search (docs/search.md): no page of its own — its box lives in the header (`GlobalSearch`). */
export const searchModule: WebModule = {
  key: 'search',
  i18n: texts(
    () => import('./i18n.zh.ts'),
    () => import('./i18n.en.ts'),
  ),
  menu: [],
  routes: [],
};
export { GlobalSearch } from './GlobalSearch.tsx';
