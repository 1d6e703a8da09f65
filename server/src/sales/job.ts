import type { Deps } from '../deps.ts';
import type { Job } from '../scheduler.ts';
import { refreshSalesFigures } from './figures.ts';

/** The scheduled refresh of the derived copy (CRM_SALES_REFRESH_CRON, default every 10 minutes). */
export const salesRefreshJob = (deps: Deps): Job => ({
  name: 'sales-refresh',
  cron: deps.config.salesRefreshCron,
  run: () => refreshSalesFigures(deps, 'incremental'),
});
