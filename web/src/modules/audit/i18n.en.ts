import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  menu: { auditLog: 'Audit log' },
  title: 'Audit log',
  at: 'Time',
  user: 'User',
  action: 'Action',
  entity: 'Entity',
  entityId: 'Id',
  requestId: 'Request id',
  dates: 'Dates',
  before: 'Before',
  after: 'After',
  system: 'System',
  allUsers: 'All users',
  empty: '(none)',
};
