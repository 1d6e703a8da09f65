import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  tab: 'Overview',
  sales: {
    title: 'Sales',
    lastOrderDate: 'Last order',
    neverOrdered: 'Never ordered',
    orderCount: 'Orders',
    totalAmount: 'Total (CNY)',
    thisYear: 'This year (CNY)',
    lastYear: 'Last year (CNY)',
    chart: 'Order amount per year',
    amount: 'Amount (CNY)',
    noOrders: 'No counted orders yet',
  },
  risk: { title: 'Churn risk', none: 'Not scored yet (computed with the next sales refresh)' },
  open: {
    title: 'Open items',
    churnWarning: 'Churn warning ({{status}})',
    noChurnWarning: 'No open churn warning',
    services: 'Services not archived: {{count}}',
    origin: 'Came from opportunity #{{id}}',
    nothing: 'Nothing open',
  },
  counts: {
    title: 'Follow-up',
    contacts: 'Contacts',
    activities: 'Interaction records',
    lastFollowUp: 'Last follow-up',
    never: 'None yet',
  },
};
