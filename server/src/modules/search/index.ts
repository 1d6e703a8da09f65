/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { fillPinyin, pinyinFillJob } from './pinyin-fill.ts';
export { searchRoutes } from './routes.ts';
