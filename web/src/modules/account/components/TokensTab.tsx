import type { ApiToken } from '@crm/contracts';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROW_ACTIONS, useTableLayout, WIDE_ONLY } from '../../../app/components/table.ts';
import { revokeOwnToken, useMyTokens } from '../api.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { CreateTokenDialog } from './CreateTokenDialog.tsx';
import { when, expiry } from './when.tsx';

/** 我的接口令牌: create (shown once), see when each was last used, revoke. */
export function TokensTab() {
  const { t } = useTranslation('account');
  const tokens = useMyTokens();
  const [creating, setCreating] = useState(false);
  const layout = useTableLayout();

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    {
      title: t('tokens.permissions'),
      dataIndex: 'permissions',
      responsive: WIDE_ONLY,
      render: (p: string[] | null) => (p ? p.map((code) => <Tag key={code}>{code}</Tag>) : t('tokens.allPermissions')),
    },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => expiry(t, v) },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      responsive: WIDE_ONLY,
      render: (v: string | null) => when(v, t('tokens.notUsed')),
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', responsive: WIDE_ONLY, render: (v: string) => when(v) },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, token) => (
        <ConfirmAction
          label={t('tokens.revoke')}
          icon={<StopOutlined />}
          confirm={t('tokens.revokeConfirm')}
          done={t('tokens.revoked')}
          run={() => revokeOwnToken(token.id)}
        />
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>
        {t('tokens.create')}
      </Button>
      <Table<ApiToken>
        rowKey="id"
        columns={columns}
        {...layout}
        dataSource={tokens.data ?? []}
        loading={tokens.isFetching}
        locale={tokens.data ? { emptyText: t('tokens.empty') } : undefined}
        pagination={false}
      />
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
