/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { insertCustomer, insertCustomers, type CustomerToCreate, type NewContact, type NewCustomer } from './create.ts';
export { customerRoutes } from './routes.ts';
export { getCustomer } from './service.ts';
export { handOverCustomers, requireManagerInScope } from './transfer.ts';
export { customersHeldBy } from './transfer-repo.ts';
export { getOrderOfCustomerNumber, listOrdersOfCustomerNumber } from './orders-service.ts';
export { customerNumbers } from './merge-repo.ts';
export { duplicateScanJob } from './duplicates.ts';
