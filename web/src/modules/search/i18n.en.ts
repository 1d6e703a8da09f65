import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  open: 'Search all',
  placeholder: 'Search customers, contacts, opportunities, services (name, pinyin, number, phone)',
  shortcut: 'Ctrl K',
  dialog: 'Search',
  kinds: { customers: 'Customers', contacts: 'Contacts', opportunities: 'Opportunities', services: 'Services' },
  none: 'Nothing matches',
  hint: 'Type part of a name, its pinyin or initials (e.g. bjjz), a customer number, or 4+ digits of a phone number',
  keys: '↑↓ choose · Enter open · Esc close',
  contactOf: 'Contact of {{customer}}',
  noManager: 'Pool',
  status: {
    unassigned: 'Unassigned',
    assigned: 'Assigned',
    succeeded: 'Succeeded',
    failed: 'Failed',
    new: 'New',
    handled: 'Handled',
    archived: 'Archived',
  },
};
