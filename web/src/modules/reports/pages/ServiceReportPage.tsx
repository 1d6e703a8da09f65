import type { ServiceReportItem } from '@crm/contracts';
import { Card, Form, Select, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { REPORTS, useServiceReport } from '../api.ts';
import { type ChartOption } from '../components/EChart.tsx';
import { AsOf, ExportButtons, yearOptions } from '../components/ReportToolbar.tsx';
import { ChartBesideTable } from '../components/ChartBesideTable.tsx';

/** One empty list for every render without an answer, so that the chart's option is not rebuilt each time. */
const NO_ITEMS: ServiceReportItem[] = [];
/** 客户服务分析 (docs/product.md#reports, rule 4): services per type, optionally for one year of creation. */
export function ServiceReportPage() {
  const { t } = useTranslation('reports');
  const [search, setSearch] = useSearchParams();
  const year = search.get('year') ?? undefined;
  const report = useServiceReport(year);
  const items = report.data?.items ?? NO_ITEMS;

  const columns: TableColumnsType<ServiceReportItem> = [
    { title: t('services.type'), dataIndex: 'type' },
    { title: t('services.count'), dataIndex: 'count', align: 'right' },
  ];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: items.map((i) => i.type) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('services.count'),
          data: items.map((i) => i.count),
          barMaxWidth: 56,
          itemStyle: { color: '#13a8a8' },
        },
      ],
    }),
    [items, t],
  );

  return (
    <>
      <PageHeader title={t('services.title')} extra={<ExportButtons path={REPORTS.services} filters={{ year }} />}>
        <AsOf asOf={report.data?.asOf} />
      </PageHeader>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={t('year')} htmlFor="service-report-year">
            <Select
              id="service-report-year"
              allowClear
              style={{ width: 140 }}
              placeholder={t('allYears')}
              value={year}
              onChange={(v?: string) =>
                setSearch(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    if (v) next.set('year', v);
                    else next.delete('year');
                    return next;
                  },
                  { replace: true },
                )
              }
              options={yearOptions()}
            />
          </Form.Item>
        </Form>
      </Card>
      <Loaded query={report} rows={8}>
        {(data) => (
          <ChartBesideTable<ServiceReportItem>
            chart={{ option, height: 320, label: t('services.title') }}
            chartSpan={14}
            total={t('services.total', { total: data.total })}
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
