import type { TeamMember } from '@crm/contracts';
import { UserSwitchOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';
import { useDepartments } from '../../organisation/api.ts';
import { TEAM } from '../api.ts';
import { UserFilters } from '../components/UserFilters.tsx';
import { HandoverDialog, HOLDINGS } from '../components/HandoverDialog.tsx';

/**
 * 我的团队 (docs/organisation.md#transfer-and-handover, rule 4): the users inside one's customer scope, disabled ones
 * too, with the open work each holds — where a director hands over the work of someone who leaves, without the user
 * administration page.
 */
export function TeamPage() {
  const { t } = useTranslation('access');
  const list = usePagedList<TeamMember>(TEAM, ['q', 'active', 'departmentId']);
  const departments = useDepartments();
  const departmentName = (id: number | null) =>
    id === null ? '' : (departments.data?.find((d) => d.id === id)?.name ?? '');
  const [handingOver, setHandingOver] = useState<TeamMember>();

  const columns: TableColumnsType<TeamMember> = [
    {
      title: t('users.displayName'),
      key: 'name',
      render: (_, m) => (
        <Space direction="vertical" size={0}>
          <span>
            {m.displayName} {!m.active && <Tag>{t('users.disabled')}</Tag>}
          </span>
          <Typography.Text type="secondary">{m.username}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('users.department'),
      dataIndex: 'departmentId',
      responsive: WIDE_ONLY,
      render: (id: number | null) => departmentName(id),
    },
    {
      title: t('team.holds'),
      key: 'holds',
      render: (_, m) => (
        <Space size={[4, 4]} wrap data-testid={`holds-${m.username}`}>
          {HOLDINGS.map((k) => (
            <Tag key={k} color={m.holds[k] ? 'blue' : undefined}>
              {t(`handover.counts.${k}`)} {m.holds[k]}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, m) => (
        <Button type="link" size="small" icon={<UserSwitchOutlined />} onClick={() => setHandingOver(m)}>
          {t('handover.action')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('team.title')} />
      <Typography.Paragraph type="secondary">{t('team.intro')}</Typography.Paragraph>
      <UserFilters filters={list.filters} onSearch={list.setFilters} />
      <Table<TeamMember> rowKey="id" columns={columns} {...list.tableProps} />
      <HandoverDialog user={handingOver} onClose={() => setHandingOver(undefined)} />
    </>
  );
}
