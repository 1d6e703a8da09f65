import type { ForecastItem } from '@crm/contracts';
import { Alert, Card, Col, Row, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { FIT_WIDTH, WIDE_ONLY } from '../../../app/components/table.ts';
import { REPORTS, useForecast } from '../api.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { PipelineFilters } from '../components/PipelineFilters.tsx';
import { AsOf, ExportButtons } from '../components/ReportToolbar.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { money } from '../format.ts';

const NO_ITEMS: ForecastItem[] = [];

/**
 * 销售预测 (docs/pipeline.md#forecast): open opportunities per month of expected close date (and assignee) — their
 * amount and their weighted amount (amount × success rate) — and the overdue ones.
 */
export function ForecastPage() {
  const { t, i18n } = useTranslation('reports');
  const [filters, setFilters] = useUrlFilters(['from', 'to', 'assigneeId'] as const);
  const report = useForecast(filters);
  const items = report.data?.items ?? NO_ITEMS;
  const lang = i18n.language;

  // per month: the sums over the assignees
  const months = useMemo(() => {
    const byMonth = new Map<string, { amount: number; weighted: number }>();
    for (const i of items) {
      const m = byMonth.get(i.month) ?? { amount: 0, weighted: 0 };
      byMonth.set(i.month, { amount: m.amount + i.amount, weighted: m.weighted + i.weighted });
    }
    return [...byMonth.entries()];
  }, [items]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map(([m]) => m) },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => new Intl.NumberFormat(lang, { notation: 'compact' }).format(v) },
      },
      series: [
        {
          type: 'bar',
          name: t('forecast.amount'),
          data: months.map(([, v]) => Math.round(v.amount * 100) / 100),
          itemStyle: { color: '#91caff' },
          barMaxWidth: 40,
        },
        {
          type: 'bar',
          name: t('forecast.weighted'),
          data: months.map(([, v]) => Math.round(v.weighted * 100) / 100),
          itemStyle: { color: '#1677ff' },
          barMaxWidth: 40,
        },
      ],
    }),
    [months, t, lang],
  );

  const columns: TableColumnsType<ForecastItem> = [
    { title: t('forecast.month'), dataIndex: 'month' },
    {
      title: t('forecast.assignee'),
      dataIndex: 'assignee',
      render: (a: ForecastItem['assignee']) => a?.displayName ?? t('forecast.unassigned'),
    },
    { title: t('forecast.count'), dataIndex: 'count', align: 'right', responsive: WIDE_ONLY },
    { title: t('forecast.amount'), dataIndex: 'amount', align: 'right', render: (n: number) => money(n, lang) },
    { title: t('forecast.weighted'), dataIndex: 'weighted', align: 'right', render: (n: number) => money(n, lang) },
  ];

  const range: [dayjs.Dayjs, dayjs.Dayjs] | undefined = report.data
    ? [dayjs(`${report.data.from}-01`), dayjs(`${report.data.to}-01`)]
    : undefined;
  return (
    <>
      <PageHeader title={t('forecast.title')} extra={<ExportButtons path={REPORTS.forecast} filters={filters} />}>
        <AsOf asOf={report.data?.asOf} />
      </PageHeader>
      <PipelineFilters
        label={t('forecast.months')}
        id="forecast-months"
        picker="month"
        range={range}
        onRange={(from, to) => setFilters({ from, to })}
        assigneeId={filters.assigneeId}
        onAssignee={(assigneeId) => setFilters({ assigneeId })}
      />
      <Loaded query={report} rows={8}>
        {(r) => (
          <>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Statistic title={t('forecast.count')} value={r.totals.count} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('forecast.amount')} value={money(r.totals.amount, lang)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('forecast.weighted')}
                  value={money(r.totals.weighted, lang)}
                  valueStyle={{ color: '#1677ff' }}
                  data-testid="forecast-weighted"
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('forecast.overdue')}
                  value={t('forecast.overdueValue', { count: r.overdue.count, amount: money(r.overdue.amount, lang) })}
                  valueStyle={r.overdue.count ? { color: '#cf1322' } : undefined}
                />
              </Col>
            </Row>
            {r.overdue.count > 0 && (
              <Alert type="warning" showIcon title={t('forecast.overdueHint')} style={{ margin: '12px 0' }} />
            )}
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col xs={24} lg={12}>
                <Card size="small" style={{ marginBottom: 16 }}>
                  <EChart option={option} height={320} label={t('forecast.title')} />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Table<ForecastItem>
                  rowKey={(i) => `${i.month}-${i.assignee?.id ?? 0}`}
                  columns={columns}
                  {...FIT_WIDTH}
                  dataSource={items}
                  loading={report.isFetching}
                  pagination={false}
                />
              </Col>
            </Row>
          </>
        )}
      </Loaded>
    </>
  );
}
