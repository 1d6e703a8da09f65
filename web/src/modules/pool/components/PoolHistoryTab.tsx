import type { PoolHistoryEntry } from '@crm/contracts';
import { Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { FIT_WIDTH, WIDE_ONLY } from '../../../app/components/table.ts';
import { usePoolHistory } from '../api.ts';

const ACTION_COLOR = { released: 'warning', returned: 'error', claimed: 'success', assigned: 'processing' } as const;

/** 公海记录 (docs/organisation.md#customer-pool, rule 6): each entry into and exit from the pool, newest first. */
export function PoolHistoryTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation('pool');
  const history = usePoolHistory(customerId);
  const columns: TableColumnsType<PoolHistoryEntry> = [
    { title: t('history.at'), dataIndex: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: t('history.action'),
      dataIndex: 'action',
      render: (a: PoolHistoryEntry['action']) => <Tag color={ACTION_COLOR[a]}>{t(`action.${a}`)}</Tag>,
    },
    {
      title: t('history.by'),
      dataIndex: ['by', 'displayName'],
      responsive: WIDE_ONLY,
      render: (v: string | undefined) => v ?? t('history.system'),
    },
    {
      title: t('history.manager'),
      dataIndex: ['manager', 'displayName'],
      responsive: WIDE_ONLY,
      render: (v: string | undefined) => v ?? '',
    },
    { title: t('history.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
  ];
  return (
    <Loaded query={history}>
      {(entries) => (
        <Table<PoolHistoryEntry>
          rowKey={(e) => `${e.at}-${e.action}`}
          columns={columns}
          dataSource={entries}
          pagination={false}
          size="small"
          locale={{ emptyText: t('history.empty') }}
          {...FIT_WIDTH}
        />
      )}
    </Loaded>
  );
}
