/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { entriesOfType, isEntryOfType } from './repo.ts';
export { dictionaryRoutes } from './routes.ts';
