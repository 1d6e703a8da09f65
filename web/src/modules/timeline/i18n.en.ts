import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  tab: 'Timeline',
  more: 'Load earlier events',
  none: 'Nothing has happened yet',
  salesUnavailable: 'The sales system cannot be reached: orders are not shown; everything else is.',
  by: '{{name}}',
  changed: 'Changed: {{fields}}',
  event: {
    activity: 'Interaction record',
    order: 'Order',
    'service.created': 'Service created',
    'service.assigned': 'Service assigned',
    'service.handled': 'Service handled',
    'service.feedback': 'Service feedback',
    'churn.warning': 'Churn warning',
    'churn.measure': 'Delay measure',
    'churn.confirmed': 'Loss confirmed',
    'churn.recovered': 'Recovered',
    'opportunity.created': 'Opportunity created',
    'opportunity.assigned': 'Opportunity assigned',
    'opportunity.succeeded': 'Opportunity succeeded: became this customer',
    'pool.released': 'Released to the pool',
    'pool.returned': 'Returned to the pool',
    'pool.claimed': 'Claimed from the pool',
    'pool.assigned': 'Assigned from the pool',
    'change.create': 'Customer created',
    'change.update': 'Details changed',
    'change.transfer': 'Customer transferred',
    merge: 'Merged',
  },
};
