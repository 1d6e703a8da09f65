import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  menu: { dictionary: 'Data dictionary' },
  title: 'Data dictionary',
  create: 'New entry',
  edit: 'Edit entry',
  view: 'Entry',
  type: 'Type',
  item: 'Item',
  value: 'Value',
  editable: 'Editable',
  inUse: 'In use',
  allTypes: 'All types',
  typeHint: 'Pick an existing type or enter a new one',
  makeReadOnly: 'Make non-editable',
  confirmReadOnly: 'Once non-editable, this entry can no longer be changed or deleted. Continue?',
  readOnly: 'Non-editable',
  inUseNoDelete: 'Data uses this entry; it cannot be deleted',
  readOnlyNoChange: 'Non-editable entries can only be viewed',
  types: {
    region: 'Region',
    customerLevel: 'Customer level',
    serviceType: 'Service type',
    opportunityStage: 'Opportunity stage',
  },
};
