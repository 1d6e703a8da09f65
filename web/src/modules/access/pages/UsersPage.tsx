import type { User } from '@crm/contracts';
import {
  CheckCircleOutlined,
  EditOutlined,
  KeyOutlined,
  PlusOutlined,
  StopOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showActionError, showSuccess } from '../../../app/feedback.ts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { useCan } from '../../../app/session.tsx';
import { USERS, useRoles, useUpdateUser } from '../api.ts';
import { UserFilters } from '../components/UserFilters.tsx';
import { HandoverDialog } from '../components/HandoverDialog.tsx';
import { ResetPasswordDialog } from '../components/ResetPasswordDialog.tsx';
import { UserFormDialog } from '../components/UserFormDialog.tsx';
import { roleLabel } from '../roleLabel.ts';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';
import { useDepartments } from '../../organisation/api.ts';

/**
 * 用户管理: search, create, edit name and roles, disable/enable, reset password (docs/product.md#access-control, rules 3
 * and 4).
 */
export function UsersPage() {
  const { t } = useTranslation('access');
  const list = usePagedList<User>(USERS, ['q', 'active', 'departmentId']);
  const departments = useDepartments();
  const departmentName = (id: number | null) =>
    id === null ? '' : (departments.data?.find((d) => d.id === id)?.name ?? '');
  const roles = useRoles();
  const update = useUpdateUser();
  const [editing, setEditing] = useState<User | 'new'>();
  const [resetting, setResetting] = useState<User>();
  const [handingOver, setHandingOver] = useState<User>();
  const can = useCan();
  const roleName = (code: string) => roleLabel(t, code, roles.data?.find((r) => r.code === code)?.name);

  // the server's own reason when it refuses (e.g. an administrator disabling their own account: issue 14, item 7)
  const setActive = (user: User, active: boolean) =>
    update.mutate(
      { id: user.id, active },
      { onSuccess: () => showSuccess('done'), onError: (e) => showActionError(e) },
    );

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', responsive: WIDE_ONLY },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (codes: string[]) => codes.map((c) => <Tag key={c}>{roleName(c)}</Tag>),
    },
    {
      title: t('users.department'),
      dataIndex: 'departmentId',
      responsive: WIDE_ONLY,
      render: (id: number | null) => departmentName(id),
    },
    {
      title: t('users.status'),
      dataIndex: 'active',
      responsive: WIDE_ONLY, // on a phone the row's 停用 / 启用 action tells it
      render: (active: boolean) =>
        active ? <Tag color="success">{t('users.active')}</Tag> : <Tag color="default">{t('users.disabled')}</Tag>,
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      responsive: WIDE_ONLY,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(user)}>
            {t('common:actions.edit')}
          </Button>
          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(user)}>
            {t('users.resetPassword')}
          </Button>
          {can('user.handover') && (
            <Button type="link" size="small" icon={<UserSwitchOutlined />} onClick={() => setHandingOver(user)}>
              {t('handover.action')}
            </Button>
          )}
          <Popconfirm
            title={
              user.active
                ? t('users.confirmDisable', { name: user.displayName })
                : t('users.confirmEnable', { name: user.displayName })
            }
            okText={t('common:actions.confirm')}
            cancelText={t('common:actions.cancel')}
            okButtonProps={{ danger: user.active }}
            onConfirm={() => setActive(user, !user.active)}
          >
            {user.active ? (
              <Button type="link" size="small" danger icon={<StopOutlined />}>
                {t('users.disable')}
              </Button>
            ) : (
              <Button type="link" size="small" icon={<CheckCircleOutlined />}>
                {t('users.enable')}
              </Button>
            )}
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('users.create')}
          </Button>
        }
      />
      <UserFilters filters={list.filters} onSearch={list.setFilters} />
      <Table<User> rowKey="id" columns={columns} {...list.tableProps} />
      <UserFormDialog
        open={!!editing}
        user={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(undefined)} />
      <HandoverDialog user={handingOver} onClose={() => setHandingOver(undefined)} />
    </>
  );
}
