import type { Role } from '@crm/contracts';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { showSuccess } from '../../../app/feedback.ts';
import { handleFormError } from '../../../app/forms.ts';
import { useCreateRole, useUpdateRole } from '../api.ts';
import { PermissionPicker } from './PermissionPicker.tsx';

type Fields = { code: string; name: string; description: string; permissions: string[] };

/** New role, or (given `role`) edit of its name, description and permission set; the code never changes. */
export function RoleFormDialog({ open, role, onClose }: { open: boolean; role?: Role; onClose: () => void }) {
  const { t } = useTranslation('access');
  const [form] = Form.useForm<Fields>();
  const create = useCreateRole();
  const update = useUpdateRole();

  const submit = (v: Fields) => {
    const done = {
      onSuccess: () => (showSuccess('saved'), onClose()),
      onError: (e: unknown) => handleFormError(form, e),
    };
    const body = { name: v.name, description: v.description ?? '', permissions: v.permissions ?? [] };
    if (role) update.mutate({ id: role.id, ...body }, done);
    else create.mutate({ code: v.code, ...body }, done);
  };

  return (
    <Modal
      open={open}
      width={720}
      title={role ? t('roles.edit') : t('roles.create')}
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
        initialValues={role ? { ...role } : { description: '', permissions: [] }}
      >
        <Form.Item
          name="code"
          label={t('roles.code')}
          extra={role ? undefined : t('roles.codeRule')}
          rules={[
            { required: true, message: t('common:required', { field: t('roles.code') }) },
            { pattern: /^[a-z][a-z0-9_-]{1,63}$/, message: t('roles.codeRule') },
          ]}
        >
          <Input autoFocus={!role} disabled={!!role} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('roles.name')}
          rules={[
            { required: true, whitespace: true, message: t('common:required', { field: t('roles.name') }) },
            { max: 100 },
          ]}
        >
          <Input autoFocus={!!role} autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
