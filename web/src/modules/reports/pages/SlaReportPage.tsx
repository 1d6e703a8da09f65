import type { SlaReportItem } from '@crm/contracts';
import { Card, Form, Select, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { REPORTS, useSlaReport } from '../api.ts';
import { type ChartOption } from '../components/EChart.tsx';
import { AsOf, ExportButtons, yearOptions } from '../components/ReportToolbar.tsx';
import { ChartBesideTable } from '../components/ChartBesideTable.tsx';

const NO_ITEMS: SlaReportItem[] = [];
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1));
const dash = (v: number | null, suffix = '') => (v === null ? '—' : `${v}${suffix}`);

/**
 * 服务时限达成 (docs/service-sla.md#report): per service type, the services of a month (or a year), those handled
 * within their time limit, the share and the average hours to handle; a bar chart of the first two.
 */
export function SlaReportPage() {
  const { t } = useTranslation('reports');
  const [search, setSearch] = useSearchParams();
  const year = search.get('year') ?? String(new Date().getFullYear());
  const month = search.get('month') ?? undefined;
  const report = useSlaReport(year, month);
  const items = report.data?.items ?? NO_ITEMS;
  const set = (key: string, value?: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<SlaReportItem> = [
    { title: t('sla.type'), dataIndex: 'type' },
    { title: t('sla.total'), dataIndex: 'total', align: 'right' },
    { title: t('sla.handledWithin'), dataIndex: 'handledWithin', align: 'right' },
    { title: t('sla.percent'), dataIndex: 'percent', align: 'right', render: (v: number | null) => dash(v, '%') },
    {
      title: t('sla.avgHandleHours'),
      dataIndex: 'avgHandleHours',
      align: 'right',
      render: (v: number | null) => dash(v),
    },
  ];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: items.map((i) => i.type) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('sla.total'),
          data: items.map((i) => i.total),
          barMaxWidth: 48,
          itemStyle: { color: '#1677ff' },
        },
        {
          type: 'bar',
          name: t('sla.handledWithin'),
          data: items.map((i) => i.handledWithin),
          barMaxWidth: 48,
          itemStyle: { color: '#52c41a' },
        },
      ],
    }),
    [items, t],
  );
  const total = items.reduce((a, i) => a + i.total, 0);
  const within = items.reduce((a, i) => a + i.handledWithin, 0);

  return (
    <>
      <PageHeader title={t('sla.title')} extra={<ExportButtons path={REPORTS.sla} filters={{ year, month }} />}>
        <AsOf asOf={report.data?.asOf} />
      </PageHeader>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={t('year')} htmlFor="sla-report-year">
            <Select
              id="sla-report-year"
              style={{ width: 120 }}
              value={year}
              onChange={(v: string) => set('year', v)}
              options={yearOptions()}
            />
          </Form.Item>
          <Form.Item label={t('sla.month')} htmlFor="sla-report-month">
            <Select
              id="sla-report-month"
              allowClear
              style={{ width: 120 }}
              placeholder={t('sla.wholeYear')}
              value={month}
              onChange={(v?: string) => set('month', v)}
              options={MONTHS.map((m) => ({ value: m, label: t('sla.monthLabel', { month: m }) }))}
            />
          </Form.Item>
        </Form>
      </Card>
      <Loaded query={report} rows={8}>
        {() => (
          <ChartBesideTable<SlaReportItem>
            chart={{ option, height: 320, label: t('sla.title') }}
            chartSpan={12}
            total={t('sla.summary', { total, within })}
            rowKey="typeId"
            columns={columns}
            rows={items}
            loading={report.isFetching}
          />
        )}
      </Loaded>
    </>
  );
}
