import type { ApiTokenOverview } from '@crm/contracts';
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useTableLayout } from '../../../app/components/table.ts';
import { revokeAnyToken, useAllTokens } from '../api.ts';
import { tokenColumns } from '../components/tokenColumns.tsx';

/** 接口令牌总览 (`user.manage`): every token that is not revoked, whose it is, when last used; revoke any. */
export function TokensOverviewPage() {
  const { t } = useTranslation('account');
  const tokens = useAllTokens();
  const layout = useTableLayout();
  const c = tokenColumns<ApiTokenOverview>(t, revokeAnyToken);
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
    c.name,
    c.permissions,
    c.expiresAt,
    c.lastUsedAt,
    c.revoke,
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
