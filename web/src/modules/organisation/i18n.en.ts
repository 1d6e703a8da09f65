import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  menu: { departments: 'Departments' },
  title: 'Departments',
  create: 'New department',
  edit: 'Edit department',
  addChild: 'Add sub-department',
  name: 'Name',
  parent: 'Parent department',
  parentHint: 'None for a top department; the department itself and those below it cannot be chosen',
  topLevel: 'None (top department)',
  leader: 'Leader',
  leaderIs: 'Leader: {{name}}',
  noLeader: 'No leader',
  noDepartment: 'No department',
  department: 'Department',
  userCount: '{{count}} users',
  inUse:
    'It still has users ({{count}}) or sub-departments, so it cannot be deleted; move the users and sub-departments first',
  empty: 'No departments yet',
};
