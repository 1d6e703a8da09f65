import type { ApiToken } from '@crm/contracts';
import { StopOutlined } from '@ant-design/icons';
import { Tag, type TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { expiry, when } from './when.tsx';

/**
 * The columns a token has wherever tokens are listed — one's own (我的接口令牌) and the administrator's overview — the
 * last one revoking it through `revoke`.
 */
export function tokenColumns<T extends ApiToken>(t: TFunction<'account'>, revoke: (id: number) => Promise<unknown>) {
  const column = (c: TableColumnType<T>) => c;
  return {
    name: column({ title: t('tokens.name'), dataIndex: 'name' }),
    permissions: column({
      title: t('tokens.permissions'),
      dataIndex: 'permissions',
      responsive: WIDE_ONLY,
      render: (p: string[] | null) => (p ? p.map((code) => <Tag key={code}>{code}</Tag>) : t('tokens.allPermissions')),
    }),
    expiresAt: column({
      title: t('tokens.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v: string | null) => expiry(t, v),
    }),
    lastUsedAt: column({
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      responsive: WIDE_ONLY,
      render: (v: string | null) => when(v, t('tokens.notUsed')),
    }),
    createdAt: column({
      title: t('tokens.createdAt'),
      dataIndex: 'createdAt',
      responsive: WIDE_ONLY,
      render: (v: string) => when(v),
    }),
    revoke: column({
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, token) => (
        <ConfirmAction
          label={t('tokens.revoke')}
          icon={<StopOutlined />}
          confirm={t('tokens.revokeConfirm')}
          done={t('tokens.revoked')}
          run={() => revoke(token.id)}
        />
      ),
    }),
  };
}
