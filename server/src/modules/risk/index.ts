/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { riskRoutes } from './routes.ts';
export { risksOf } from './service.ts';
export { langOf, type Lang } from './texts.ts';
