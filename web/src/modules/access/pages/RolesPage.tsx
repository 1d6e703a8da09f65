import type { Role } from '@crm/contracts';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { deleteRole, useRoles } from '../api.ts';
import { RoleFormDialog } from '../components/RoleFormDialog.tsx';
import { roleDescription, roleLabel } from '../roleLabel.ts';
import { ROW_ACTIONS, useTableLayout, WIDE_ONLY } from '../../../app/components/table.ts';

/** 角色管理: roles and their permission sets; a role can be deleted only while nobody holds it. */
export function RolesPage() {
  const { t } = useTranslation('access');
  const roles = useRoles();
  const [editing, setEditing] = useState<Role | 'new'>();
  const layout = useTableLayout();

  const columns: TableColumnsType<Role> = [
    { title: t('roles.code'), dataIndex: 'code', responsive: WIDE_ONLY, render: (code: string) => <Tag>{code}</Tag> },
    { title: t('roles.name'), dataIndex: 'name', render: (name: string, r) => roleLabel(t, r.code, name) },
    {
      title: t('roles.description'),
      dataIndex: 'description',
      ellipsis: true,
      responsive: WIDE_ONLY,
      render: (d: string | null, r) => roleDescription(t, r.code, d),
    },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      responsive: WIDE_ONLY,
      render: (p: string[]) => t('roles.permissionCount', { count: p.length }),
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', align: 'right', responsive: WIDE_ONLY },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, role) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(role)}>
            {t('common:actions.edit')}
          </Button>
          <DeleteButton
            onDelete={() => deleteRole(role.id)}
            disabledReason={role.userCount > 0 ? t('roles.inUse', { count: role.userCount }) : undefined}
          />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('roles.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('roles.create')}
          </Button>
        }
      />
      <Table<Role>
        rowKey="id"
        columns={columns}
        {...layout}
        dataSource={roles.data ?? []}
        loading={roles.isFetching}
        pagination={false}
      />
      <RoleFormDialog
        open={!!editing}
        role={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
