/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { seedDemoOpportunities } from './demo.ts';
export { opportunityRoutes } from './routes.ts';
export { handOverOpportunities } from './handover.ts';
export { opportunitiesHeldBy } from './handover-repo.ts';
export { planDueJob, announceDuePlans } from './plan-due.ts';
export { moveOpportunitiesToCustomer } from './merge-repo.ts';
