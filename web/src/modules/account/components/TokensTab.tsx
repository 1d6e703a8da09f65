import type { ApiToken } from '@crm/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTableLayout } from '../../../app/components/table.ts';
import { revokeOwnToken, useMyTokens } from '../api.ts';
import { CreateTokenDialog } from './CreateTokenDialog.tsx';
import { tokenColumns } from './tokenColumns.tsx';

/** 我的接口令牌: create (shown once), see when each was last used, revoke. */
export function TokensTab() {
  const { t } = useTranslation('account');
  const tokens = useMyTokens();
  const [creating, setCreating] = useState(false);
  const layout = useTableLayout();

  const c = tokenColumns<ApiToken>(t, revokeOwnToken);
  const columns: TableColumnsType<ApiToken> = [c.name, c.permissions, c.expiresAt, c.lastUsedAt, c.createdAt, c.revoke];

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
