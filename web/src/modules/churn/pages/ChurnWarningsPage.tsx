import type { ChurnStatus, ChurnWarningSummary } from '@crm/contracts';
import { CHURN_STATUSES } from '@crm/contracts/values';
import { Table, Tabs, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListFilters, TextFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { WARNINGS } from '../api.ts';
import { ChurnStatusTag } from '../components/ChurnStatusTag.tsx';
import { ScanBar } from '../components/ScanBar.tsx';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';

/** 客户流失预警: status tabs, search by customer and manager name (docs/product.md#churn, rule 6). */
export function ChurnWarningsPage() {
  const { t } = useTranslation('churn');
  const list = usePagedList<ChurnWarningSummary>(WARNINGS, ['status', 'customerName', 'managerName']);
  const status = list.filters.status;

  const columns: TableColumnsType<ChurnWarningSummary> = [
    {
      title: t('list.customerName'),
      key: 'customer',
      render: (_, w) => <Link to={`/churn-warnings/${w.id}`}>{w.customer.name}</Link>,
    },
    { title: t('list.customerNumber'), key: 'number', responsive: WIDE_ONLY, render: (_, w) => w.customer.number },
    { title: t('list.managerName'), key: 'manager', responsive: WIDE_ONLY, render: (_, w) => w.manager.displayName },
    {
      title: t('list.lastOrderDate'),
      dataIndex: 'lastOrderDate',
      responsive: WIDE_ONLY,
      render: (d: string | null) => d ?? t('list.neverOrdered'),
    },
    { title: t('list.status'), dataIndex: 'status', render: (s: ChurnStatus) => <ChurnStatusTag status={s} /> },
    { title: t('list.measures'), dataIndex: 'measureCount', align: 'right', responsive: WIDE_ONLY },
    {
      title: t('list.createdAt'),
      dataIndex: 'createdAt',
      responsive: WIDE_ONLY,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, w) => (
        <Link to={`/churn-warnings/${w.id}`} aria-label={`${t('list.open')} ${w.customer.name}`}>
          {t('list.open')}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('list.title')} />
      <ScanBar />
      <Tabs
        activeKey={status ?? 'all'}
        onChange={(key) => list.setFilters({ ...list.filters, status: key === 'all' ? undefined : key })}
        items={[
          { key: 'all', label: t('list.all') },
          ...CHURN_STATUSES.map((s) => ({ key: s, label: t(`status.${s}`) })),
        ]}
      />
      <ListFilters filters={list.filters} onSearch={(f) => list.setFilters({ ...f, status })}>
        <TextFilter name="customerName" label={t('list.customerName')} width={200} />
        <TextFilter name="managerName" label={t('list.managerName')} width={160} />
      </ListFilters>
      <Table<ChurnWarningSummary> rowKey="id" columns={columns} {...list.tableProps} />
    </>
  );
}
