/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { insertCustomer, type NewContact, type NewCustomer } from './create.ts';
export { customerRoutes } from './routes.ts';
export { getCustomer, type Reader as CustomerReader } from './service.ts';
