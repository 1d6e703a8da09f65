import type { User } from '@crm/contracts';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useCreateUser, useRoles, useUpdateUser } from '../api.ts';
import { roleLabel } from '../roleLabel.ts';
import { DepartmentSelect } from '../../organisation/components/DepartmentSelect.tsx';

type Fields = {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  departmentId: number | null;
  email: string;
};

/**
 * New user (username, name, initial password, roles, department, email) or, given `user`, edit of all but the username
 * and password. An edit sends the department only when it changed: moving a user needs their permissions held too.
 */
export function UserFormDialog({ open, user, onClose }: { open: boolean; user?: User; onClose: () => void }) {
  const { t } = useTranslation('access');
  const roles = useRoles();
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = !!user;

  const submit = (v: Fields, idempotencyKey: string) => {
    const departmentId = v.departmentId ?? null;
    const email = v.email?.trim() || null;
    return user
      ? update.mutateAsync({
          id: user.id,
          displayName: v.displayName,
          roles: v.roles,
          ...(departmentId !== user.departmentId ? { departmentId } : {}),
          ...(email !== user.email ? { email } : {}),
        })
      : create.mutateAsync({ ...v, departmentId, email, idempotencyKey });
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common:required', { field }) });

  return (
    <FormDialog<Fields, User>
      open={open}
      title={editing ? t('users.edit') : t('users.create')}
      initialValues={
        user
          ? {
              username: user.username,
              displayName: user.displayName,
              roles: user.roles,
              departmentId: user.departmentId,
              email: user.email ?? '',
            }
          : { roles: [], departmentId: null, email: '' }
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
      <Form.Item name="departmentId" label={t('users.department')}>
        <DepartmentSelect />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('users.email')}
        rules={[{ type: 'email', message: t('users.emailRule') }, { max: 254 }]}
      >
        <Input type="email" autoComplete="off" />
      </Form.Item>
    </FormDialog>
  );
}
