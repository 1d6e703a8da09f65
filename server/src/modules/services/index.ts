/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { seedDemoPortalRequest, seedDemoServices } from './demo.ts';
export { serviceRoutes } from './routes.ts';
export { slaRoutes } from './sla-routes.ts';
export { handOverServices } from './handover.ts';
export { servicesHeldBy } from './handover-repo.ts';
export {
  createPortalService,
  getPortalService,
  listPortalServices,
  recordPortalFeedback,
  type PortalCtx,
} from './portal.ts';
export { assignByRules } from './auto-assign.ts';
export { serviceOverdueJob, announceBreaches } from './overdue.ts';
export { moveServicesToCustomer } from './merge-repo.ts';
