/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { pruneAuthData } from './auth-service.ts';
export { isActiveManager } from './repo.ts';
export { listUsers } from './service.ts';
export { accessRoutes } from './routes.ts';
export { hashToken, sessionResolver } from './sessions.ts';
export { accountRoutes } from './account-routes.ts';
export { admitAttempt, settleAdmission } from './throttle.ts';
export { newToken } from './sessions.ts';
