import type { ChurnReport, ChurnReportRow } from '@crm/contracts';
import { Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListFilters, TextFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { REPORTS } from '../api.ts';
import { AsOf, ExportButtons } from '../components/ReportToolbar.tsx';
import { WIDE_ONLY } from '../../../app/components/table.ts';

/**
 * 客户流失分析 (docs/product.md#reports, rule 5): confirmed losses with their reason; filters customer and manager name. No
 * chart: a list.
 */
export function ChurnReportPage() {
  const { t } = useTranslation('reports');
  const list = usePagedList<ChurnReportRow>(REPORTS.churn, ['customerName', 'managerName']);
  const report = list.query.data as ChurnReport | undefined;
  const columns: TableColumnsType<ChurnReportRow> = [
    { title: t('customerNumber'), dataIndex: 'customerNumber', width: 160, responsive: WIDE_ONLY },
    {
      title: t('customerName'),
      dataIndex: 'customerName',
      render: (name: string, r) => <Link to={`/customers/${r.customerId}`}>{name}</Link>,
    },
    { title: t('managerName'), dataIndex: 'managerName', width: 120 },
    {
      title: t('churn.lastOrderDate'),
      dataIndex: 'lastOrderDate',
      width: 130,
      responsive: WIDE_ONLY,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: t('churn.confirmedAt'),
      dataIndex: 'confirmedAt',
      width: 170,
      responsive: WIDE_ONLY,
      render: (d: string | null) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : '—'),
    },
    {
      title: t('churn.reason'),
      dataIndex: 'reason',
      render: (r: string | null, row) => <Link to={`/churn-warnings/${row.warningId}`}>{r ?? '—'}</Link>,
    },
  ];
  return (
    <>
      <PageHeader title={t('churn.title')} extra={<ExportButtons path={REPORTS.churn} filters={list.filters} />}>
        <AsOf asOf={report?.asOf} />
      </PageHeader>
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <TextFilter name="customerName" label={t('customerName')} width={200} />
        <TextFilter name="managerName" label={t('managerName')} width={160} />
      </ListFilters>
      <Table<ChurnReportRow> rowKey="warningId" columns={columns} {...list.tableProps} />
    </>
  );
}
