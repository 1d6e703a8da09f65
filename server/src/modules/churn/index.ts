/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { seedChurnDemo } from './demo.ts';
export { churnRoutes } from './routes.ts';
export { churnScanJob } from './scan.ts';
export { followTransferredCustomers, handOverChurnWarnings } from './handover.ts';
export { warningsHeldBy } from './handover-repo.ts';
export { moveChurnWarningsToCustomer } from './merge-repo.ts';
