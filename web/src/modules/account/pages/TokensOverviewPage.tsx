import type { ApiTokenOverview } from '@crm/contracts';
import { StopOutlined } from '@ant-design/icons';
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ROW_ACTIONS, useTableLayout, WIDE_ONLY } from '../../../app/components/table.ts';
import { revokeAnyToken, useAllTokens } from '../api.ts';
import { ConfirmAction } from '../components/ConfirmAction.tsx';
import { expiry, when } from '../components/when.tsx';

/** 接口令牌总览 (`user.manage`): every token that is not revoked, whose it is, when last used; revoke any. */
export function TokensOverviewPage() {
  const { t } = useTranslation('account');
  const tokens = useAllTokens();
  const layout = useTableLayout();
  const columns: TableColumnsType<ApiTokenOverview> = [
    {
      title: t('tokens.user'),
      dataIndex: 'user',
      render: (u: ApiTokenOverview['user']) => (
        <Space size={4} wrap>
          {u.displayName}
          {!u.active && <Tag>{t('tokens.disabledUser')}</Tag>}
        </Space>
      ),
    },
    { title: t('tokens.name'), dataIndex: 'name' },
    {
      title: t('tokens.permissions'),
      dataIndex: 'permissions',
      responsive: WIDE_ONLY,
      render: (p: string[] | null) => (p ? p.map((code) => <Tag key={code}>{code}</Tag>) : t('tokens.allPermissions')),
    },
    {
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      responsive: WIDE_ONLY,
      render: (v: string | null) => expiry(t, v),
    },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => when(v, t('tokens.notUsed')),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, token) => (
        <ConfirmAction
          label={t('tokens.revoke')}
          icon={<StopOutlined />}
          confirm={t('tokens.revokeConfirm')}
          done={t('tokens.revoked')}
          run={() => revokeAnyToken(token.id)}
        />
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('tokens.overviewTitle')} />
      <Typography.Paragraph type="secondary">{t('tokens.overviewIntro')}</Typography.Paragraph>
      <Table<ApiTokenOverview>
        rowKey="id"
        columns={columns}
        {...layout}
        dataSource={tokens.data ?? []}
        loading={tokens.isFetching}
        locale={tokens.data ? { emptyText: t('tokens.empty') } : undefined}
        pagination={false}
      />
    </>
  );
}
