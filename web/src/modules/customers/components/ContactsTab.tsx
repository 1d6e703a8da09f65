import type { Contact as SavedContact, CreateContactBody, ListedContact as Contact } from '@crm/contracts';
import { Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { formatRule } from '../../../app/forms.ts';
import { contactsPath, deleteContact, useSaveContact } from '../api.ts';
import { WIDE_ONLY } from '../../../app/components/table.ts';
import { PortalAccessActions, PortalAccessTag } from '../../portal/components/PortalAccess.tsx';
import { RecordsTab, requiredText, type RecordDialogProps, type RecordsConfig } from './RecordsTab.tsx';

/** docs/product.md#contacts, rule 1 联系人: name, sex, position and office phone required; mobile and note optional. */
const contacts: RecordsConfig<Contact> = {
  texts: 'contacts',
  path: contactsPath,
  remove: deleteContact,
  columns: (t) => [
    {
      title: t('contacts.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <>
          {name} <PortalAccessTag access={c.portalAccess} />
        </>
      ),
    },
    {
      title: t('contacts.sex'),
      dataIndex: 'sex',
      responsive: WIDE_ONLY,
      render: (s: Contact['sex']) => (s ? t(`contacts.${s}`) : t('common:notSet')),
    },
    {
      title: t('contacts.position'),
      dataIndex: 'position',
      responsive: WIDE_ONLY,
      render: (v: string | null) => v ?? t('common:notSet'),
    },
    {
      title: t('contacts.officePhone'),
      dataIndex: 'officePhone',
      render: (v: string | null) => v ?? t('common:notSet'),
    },
    { title: t('contacts.mobile'), dataIndex: 'mobile', responsive: WIDE_ONLY },
    { title: t('contacts.note'), dataIndex: 'note', responsive: WIDE_ONLY },
  ],
  Dialog: ContactDialog,
  rowActions: (contact, customerId) => <PortalAccessActions customerId={customerId} contact={contact} />,
};

export function ContactsTab(props: { customerId: number; editable: boolean }) {
  return <RecordsTab config={contacts} {...props} />;
}

function ContactDialog({ customerId, record: contact, open, onClose }: RecordDialogProps<Contact>) {
  const { t } = useTranslation('customers');
  const save = useSaveContact(customerId);
  const required = (field: string) => requiredText(t, 'contacts', field);
  return (
    <FormDialog<CreateContactBody, SavedContact>
      open={open}
      name="contact"
      title={contact ? t('contacts.edit') : t('contacts.add')}
      initialValues={
        contact
          ? {
              name: contact.name,
              sex: contact.sex ?? undefined,
              position: contact.position ?? undefined,
              officePhone: contact.officePhone ?? undefined,
              mobile: contact.mobile,
              note: contact.note,
            }
          : undefined
      }
      onSubmit={(v, idempotencyKey) => save.mutateAsync({ ...v, id: contact?.id, idempotencyKey })}
      onClose={onClose}
    >
      <Form.Item name="name" label={t('contacts.name')} rules={[required('name'), { max: 50 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        name="sex"
        label={t('contacts.sex')}
        rules={[{ required: true, message: t('common:required', { field: t('contacts.sex') }) }]}
      >
        <Radio.Group
          options={[
            { value: 'male', label: t('contacts.male') },
            { value: 'female', label: t('contacts.female') },
          ]}
        />
      </Form.Item>
      <Form.Item name="position" label={t('contacts.position')} rules={[required('position'), { max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="officePhone"
        label={t('contacts.officePhone')}
        rules={[required('officePhone'), { max: 50 }, formatRule('phone')]}
      >
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item name="mobile" label={t('contacts.mobile')} rules={[{ max: 50 }, formatRule('mobile')]}>
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item name="note" label={t('contacts.note')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormDialog>
  );
}
