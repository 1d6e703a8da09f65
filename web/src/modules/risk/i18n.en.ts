import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  menu: { atRisk: 'At risk' },
  level: { low: 'Low risk', medium: 'Medium risk', high: 'High risk' },
  badge: {
    score: 'Risk score {{score}}',
    noReasons: 'Ordering as usual',
    label: 'Churn risk: {{level}}, {{score}} points',
  },
  list: {
    title: 'Customers at risk',
    intro:
      "Scored 0–100 from each customer's own ordering rhythm, to act before the 6-month churn warning. Without a level, medium and high risk customers are listed.",
    customer: 'Customer',
    number: 'Number',
    manager: 'Manager',
    score: 'Score',
    level: 'Level',
    reasons: 'Reasons',
    allLevels: 'Medium and high',
    allManagers: 'All managers',
    inPool: 'Pool',
    open: 'Open',
  },
};
