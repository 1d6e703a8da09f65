/** What the rest of the server may use of this module: docs/ARCHITECTURE.md#where-things-live, "Modules". */
export { assignmentRoutes } from './routes.ts';
export { chooseAssignee, type Choice } from './choose.ts';
