import type { WebModule } from '../../app/module.ts';
import { en } from './i18n.en.ts';
import { zh } from './i18n.zh.ts';

/** Global search (docs/search.md): no page of its own — its box lives in the header (`GlobalSearch`). */
export const searchModule: WebModule = { key: 'search', i18n: { zh, en }, menu: [], routes: [] };
export { GlobalSearch } from './GlobalSearch.tsx';
