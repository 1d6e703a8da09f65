import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  menu: { rules: 'Assignment rules' },
  title: 'Assignment rules',
  intro:
    'A new service is matched against the active rules by priority (lowest number first); the first that matches and has someone to assign to assigns it. A service no rule matches stays new for a director to assign.',
  create: 'New rule',
  edit: 'Edit rule',
  field: {
    priority: 'Priority',
    name: 'Name',
    active: 'Active',
    conditions: 'Conditions',
    types: 'Service types',
    regions: 'Customer regions',
    levels: 'Customer levels',
    strategy: 'Strategy',
    assignees: 'Assign to',
  },
  any: 'Any',
  anyHint: 'Empty means any',
  strategy: {
    roundRobin: 'Round robin',
    leastOpen: 'Fewest open',
    customerManager: 'Customer’s manager',
  },
  strategyHelp: {
    roundRobin: 'In turn, in the order listed',
    leastOpen: 'To whoever holds the fewest assigned services now',
    customerManager: 'To the customer’s manager; a pool customer’s service goes to the next rule',
  },
  problems: {
    assigneeInactive: '{{name}} is no longer an active manager and is skipped',
    noActiveAssignee: 'No active manager is listed: this rule assigns nothing',
  },
  inactive: 'Inactive',
  empty: 'No rules yet',
};
