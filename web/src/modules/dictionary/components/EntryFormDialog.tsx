import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useCreateEntry, useUpdateEntry, type DictionaryRow } from '../api.ts';
import { TypeInput } from './TypeInput.tsx';

type Fields = { type: string; item: string; value: string; editable: boolean };

/** New entry, or edit of an editable one (type, item, value); `editable` is chosen only when creating. */
export function EntryFormDialog({
  open,
  entry,
  defaultType,
  onClose,
}: {
  open: boolean;
  entry?: DictionaryRow;
  defaultType?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('dictionary');
  const create = useCreateEntry();
  const update = useUpdateEntry();

  const submit = (v: Fields, idempotencyKey: string) => {
    const body = { type: v.type.trim(), item: v.item, value: v.value ?? '' };
    return entry
      ? update.mutateAsync({ id: entry.id, ...body })
      : create.mutateAsync({ ...body, editable: v.editable, idempotencyKey });
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common:required', { field }) });

  return (
    <FormDialog<Fields, DictionaryRow>
      open={open}
      title={entry ? t('edit') : t('create')}
      initialValues={
        entry
          ? { type: entry.type, item: entry.item, value: entry.value }
          : { type: defaultType ?? '', item: '', value: '', editable: true }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item name="type" label={t('type')} rules={[required(t('type')), { max: 50 }]}>
        <TypeInput autoFocus />
      </Form.Item>
      <Form.Item name="item" label={t('item')} rules={[required(t('item')), { max: 100 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="value" label={t('value')} rules={[{ max: 100 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      {!entry && (
        <Form.Item name="editable" valuePropName="checked">
          <Checkbox>{t('editable')}</Checkbox>
        </Form.Item>
      )}
    </FormDialog>
  );
}
