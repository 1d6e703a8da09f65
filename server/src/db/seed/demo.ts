import type { Tx } from '../client.ts';
import { seedDemoServices } from '../../modules/services/index.ts';
import { seedChurnDemo } from '../../modules/churn/index.ts';
import { seedDemoOpportunities } from '../../modules/opportunities/index.ts';
import { seedDemoPortal } from '../../modules/portal/index.ts';
import { fillMissingPinyin } from '../pinyin.ts';
import { seedDemoCustomers } from './demo-customers.ts';
import { seedDemoOrganisation } from './demo-organisation.ts';
import { DEMO_PASSWORD, seedDemoUsers } from './users.ts';

/**
 * The demo company (first start with CRM_DEMO=1). Each module adds its part here, in dependency order;
 * `now` anchors every date so that the demo always looks current.
 */
export async function seedDemo(tx: Tx, now: Date, options: { salesSchema?: boolean } = {}) {
  const users = await seedDemoUsers(tx);
  await seedDemoCustomers(tx, users, now, options); // ~60 customers; the sales schema with 3 years of orders
  await seedDemoServices(tx, users, now); // after customers: services of every type in every status
  await seedDemoOpportunities(tx, users, now); // after customers: every status, plans with results, one converted
  await seedChurnDemo(tx, now); // after customers: warnings in every status
  await seedDemoOrganisation(tx, users, now); // departments, and a few customers in the pool
  await seedDemoPortal(tx, users, now, DEMO_PASSWORD); // last: a portal user of one of manager1's customers
  await fillMissingPinyin(tx); // the names inserted above in bulk, for global search (docs/search.md#pinyin)
}
