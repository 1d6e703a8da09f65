import type { DataScope, Role } from '@crm/contracts';
import { defaultDataScope, SCOPE_FAMILIES } from '@crm/contracts/values';
import { Divider, Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useCreateRole, useUpdateRole } from '../api.ts';
import { DataScopeEditor } from './DataScopeEditor.tsx';
import { PermissionPicker } from './PermissionPicker.tsx';

type Fields = {
  code: string;
  name: string;
  description: string;
  permissions: string[];
  dataScope?: Partial<DataScope>;
  requireTwoFactor: boolean;
};

/**
 * The scope to send: a family left empty (a new role) takes what its permissions imply (docs/organisation.md#data-scope,
 * rule 6); nothing chosen at all sends nothing, and the server decides the same.
 */
function scopeOf(v: Fields): DataScope | undefined {
  const chosen = Object.fromEntries(Object.entries(v.dataScope ?? {}).filter(([, scope]) => scope));
  if (!Object.keys(chosen).length) return undefined;
  return { ...defaultDataScope(v.permissions ?? []), ...chosen };
}

/**
 * New role, or (given `role`) edit of its name, description, permission set and data scope; the code never changes.
 */
export function RoleFormDialog({ open, role, onClose }: { open: boolean; role?: Role; onClose: () => void }) {
  const { t } = useTranslation('access');
  const create = useCreateRole();
  const update = useUpdateRole();

  const submit = (v: Fields, idempotencyKey: string) => {
    const body = {
      name: v.name,
      description: v.description ?? '',
      permissions: v.permissions ?? [],
      dataScope: scopeOf(v),
      requireTwoFactor: v.requireTwoFactor ?? false,
    };
    return role
      ? update.mutateAsync({ id: role.id, ...body })
      : create.mutateAsync({ code: v.code, ...body, idempotencyKey });
  };

  return (
    <FormDialog<Fields, Role>
      open={open}
      width={720}
      title={role ? t('roles.edit') : t('roles.create')}
      initialValues={
        role
          ? {
              code: role.code,
              name: role.name,
              description: role.description,
              permissions: role.permissions,
              dataScope: role.dataScope,
              requireTwoFactor: role.requireTwoFactor,
            }
          : {
              description: '',
              permissions: [],
              requireTwoFactor: false,
              dataScope: Object.fromEntries(SCOPE_FAMILIES.map((f) => [f, undefined])),
            }
      }
      onSubmit={submit}
      onClose={onClose}
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
      <Form.Item
        name="requireTwoFactor"
        label={t('roles.requireTwoFactor')}
        extra={t('roles.requireTwoFactorHelp')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item name="permissions" label={t('roles.permissions')}>
        <PermissionPicker />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('scope.title')}
      </Divider>
      <DataScopeEditor placeholder={role ? undefined : t('scope.byPermissions')} />
    </FormDialog>
  );
}
