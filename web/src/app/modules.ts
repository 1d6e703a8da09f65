import type { WebModule } from './module.ts';
import { accessModule } from '../modules/access/index.tsx';
import { accountModule } from '../modules/account/index.tsx';
import { auditModule } from '../modules/audit/index.tsx';
import { catalogModule } from '../modules/catalog/index.tsx';
import { churnModule } from '../modules/churn/index.tsx';
import { riskModule } from '../modules/risk/index.tsx';
import { overviewModule } from '../modules/overview/index.tsx';
import { customersModule } from '../modules/customers/index.tsx';
import { dictionaryModule } from '../modules/dictionary/index.tsx';
import { opportunitiesModule } from '../modules/opportunities/index.tsx';
import { notificationsModule } from '../modules/notifications/index.tsx';
import { poolModule } from '../modules/pool/index.tsx';
import { portalModule } from '../modules/portal/index.tsx';
import { organisationModule } from '../modules/organisation/index.tsx';
import { servicesModule } from '../modules/services/index.tsx';
import { assignmentModule } from '../modules/assignment/index.tsx';
import { reportsModule } from '../modules/reports/index.tsx';
import { searchModule } from '../modules/search/index.tsx';
import { timelineModule } from '../modules/timeline/index.tsx';
import { webhooksModule } from '../modules/webhooks/index.tsx';
import { importsModule } from '../modules/imports/index.tsx';

/**
 * Every web module of the app, in menu order within each group. To add one: import its `index.tsx` and add it to the
 * list (one line each).
 */
export const modules: WebModule[] = [
  dictionaryModule,
  catalogModule,
  accessModule,
  accountModule,
  organisationModule,
  auditModule,
  customersModule,
  poolModule,
  importsModule,
  churnModule,
  riskModule,
  opportunitiesModule,
  servicesModule,
  assignmentModule,
  reportsModule,
  searchModule,
  timelineModule,
  overviewModule,
  notificationsModule,
  portalModule,
  webhooksModule,
];
