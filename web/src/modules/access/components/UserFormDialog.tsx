import type { User } from '@crm/contracts';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useCreateUser, useRoles, useUpdateUser } from '../api.ts';
import { roleLabel } from '../roleLabel.ts';

type Fields = { username: string; displayName: string; password: string; roles: string[] };

/** New user (username, name, initial password, roles) or, given `user`, edit of name and roles. */
export function UserFormDialog({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const { t } = useTranslation('access');
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = !!user;

  const submit = (v: Fields, idempotencyKey: string) =>
    user
      ? update.mutateAsync({ id: user.id, displayName: v.displayName, roles: v.roles })
      : create.mutateAsync({ ...v, idempotencyKey });

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common:required', { field }) });

  return (
    <FormDialog<Fields, User>
      open={open}
      title={editing ? t('users.edit') : t('users.create')}
      initialValues={
        user ? { username: user.username, displayName: user.displayName, roles: user.roles } : { roles: [] }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        extra={editing ? undefined : t('users.usernameRule')}
        rules={[required(t('users.username')), { pattern: /^[A-Za-z0-9._-]{2,64}$/, message: t('users.usernameRule') }]}
      >
        <Input autoFocus={!editing} disabled={editing} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[required(t('users.displayName')), { max: 100 }]}
      >
        <Input autoFocus={editing} autoComplete="off" />
      </Form.Item>
      {!editing && (
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={[required(t('users.password')), { min: 8, message: t('users.passwordRule') }, { max: 128 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item
        name="roles"
        label={t('users.roles')}
        rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
      >
        <Select
          mode="multiple"
          loading={roles.isLoading}
          options={(roles.data ?? []).map((r) => ({ value: r.code, label: roleLabel(t, r.code, r.name) }))}
          optionFilterProp="label"
        />
      </Form.Item>
    </FormDialog>
  );
}
