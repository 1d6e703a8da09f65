/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { portalRoutes } from './routes.ts';
export { portalAccessRoutes } from './staff-routes.ts';
export { portalResolver, prunePortalSessions } from './auth.ts';
export { DEMO_PORTAL_USERNAME, seedDemoPortal } from './demo.ts';
