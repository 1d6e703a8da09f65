import type { PoolCustomer } from '@crm/contracts';
import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListFilters, SelectFilter, TextFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { useCan } from '../../../app/session.tsx';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { POOL } from '../api.ts';
import { AssignPoolDialog } from '../components/AssignPoolDialog.tsx';
import { ClaimButton } from '../components/ClaimButton.tsx';
import { ScanButton } from '../components/ScanButton.tsx';

const REASON_COLOR = { new: 'processing', released: 'warning', returned: 'error' } as const;

/**
 * 公海客户 (docs/organisation.md#customer-pool, rules 1–4): the customers without a manager, newest entries first, by
 * name, region and level; 领取 for managers, 分配 for holders of pool.manage (who also see the phones unmasked).
 */
export function PoolPage() {
  const { t } = useTranslation('pool');
  const can = useCan();
  const list = usePagedList<PoolCustomer>(POOL, ['name', 'regionId', 'levelId']);
  const regions = useDictionaryEntries('region');
  const levels = useDictionaryEntries('customerLevel');
  const [assigning, setAssigning] = useState<PoolCustomer>();

  const columns: TableColumnsType<PoolCustomer> = [
    {
      title: t('list.name'),
      dataIndex: 'name',
      render: (n: string, c) => <Link to={`/customers/${c.id}`}>{n}</Link>,
    },
    { title: t('list.number'), dataIndex: 'number', responsive: WIDE_ONLY },
    {
      title: t('list.region'),
      dataIndex: 'region',
      responsive: WIDE_ONLY,
      render: (v: string | null) => v ?? t('common:notSet'),
    },
    {
      title: t('list.level'),
      dataIndex: 'level',
      responsive: WIDE_ONLY,
      render: (v: string | null) => v ?? t('common:notSet'),
    },
    { title: t('list.phone'), dataIndex: 'phone', responsive: WIDE_ONLY, render: (v: string | null) => v ?? '' },
    {
      title: t('list.reason'),
      dataIndex: 'reason',
      render: (r: PoolCustomer['reason']) => <Tag color={REASON_COLOR[r]}>{t(`reason.${r}`)}</Tag>,
    },
    {
      title: t('list.previousManager'),
      dataIndex: ['previousManager', 'displayName'],
      responsive: WIDE_ONLY,
      render: (v: string | undefined) => v ?? t('list.none'),
    },
    {
      title: t('list.enteredAt'),
      dataIndex: 'enteredAt',
      responsive: WIDE_ONLY,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    ...(can('pool.claim') || can('pool.manage')
      ? [
          {
            title: t('common:actions.actions'),
            ...ROW_ACTIONS,
            render: (_: unknown, c: PoolCustomer) => (
              <Space size={0} wrap>
                {can('pool.claim') && <ClaimButton customer={c} />}
                {can('pool.manage') && (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setAssigning(c)}
                    aria-label={`${t('assign.button')} ${c.name}`}
                  >
                    {t('assign.button')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const option = (e: { id: number; item: string }) => ({ value: String(e.id), label: e.item });
  return (
    <>
      <PageHeader title={t('list.title')} extra={can('pool.manage') && <ScanButton />} />
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <TextFilter name="name" label={t('list.name')} width={180} />
        <SelectFilter
          name="regionId"
          label={t('list.region')}
          width={130}
          placeholder={t('list.allRegions')}
          options={(regions.data ?? []).map(option)}
        />
        <SelectFilter
          name="levelId"
          label={t('list.level')}
          width={150}
          placeholder={t('list.allLevels')}
          options={(levels.data ?? []).map(option)}
        />
      </ListFilters>
      <Table<PoolCustomer> rowKey="id" columns={columns} {...list.tableProps} />
      <AssignPoolDialog customer={assigning} onClose={() => setAssigning(undefined)} />
    </>
  );
}
