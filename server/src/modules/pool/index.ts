/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { poolRoutes } from './routes.ts';
export { poolReturnJob } from './scan.ts';
