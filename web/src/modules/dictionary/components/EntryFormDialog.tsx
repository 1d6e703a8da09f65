import { Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { showSuccess } from '../../../app/feedback.ts';
import { handleFormError } from '../../../app/forms.ts';
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
  const [form] = Form.useForm<Fields>();
  const create = useCreateEntry();
  const update = useUpdateEntry();

  const submit = (v: Fields) => {
    const done = {
      onSuccess: () => (showSuccess('saved'), onClose()),
      onError: (e: unknown) => handleFormError(form, e),
    };
    const body = { type: v.type.trim(), item: v.item, value: v.value ?? '' };
    if (entry) update.mutate({ id: entry.id, ...body }, done);
    else create.mutate({ ...body, editable: v.editable }, done);
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common:required', { field }) });

  return (
    <Modal
      open={open}
      title={entry ? t('edit') : t('create')}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      // the form mounts afresh at each opening, with the record's values
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={entry ? { ...entry } : { type: defaultType ?? '', item: '', value: '', editable: true }}
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
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
