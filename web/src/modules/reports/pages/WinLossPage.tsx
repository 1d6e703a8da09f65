import type { WinLossReport } from '@crm/contracts';
import { Card, Col, Row, Statistic, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { FIT_WIDTH } from '../../../app/components/table.ts';
import { REPORTS, useWinLoss } from '../api.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { PipelineFilters } from '../components/PipelineFilters.tsx';
import { AsOf, ExportButtons } from '../components/ReportToolbar.tsx';
import { useUrlFilters } from '../components/useUrlFilters.ts';
import { money } from '../format.ts';

type Group = {
  key: string;
  label: string;
  succeeded: number;
  failed: number;
  successPercent: number;
  amountWon?: number;
};

/**
 * 赢单分析 (docs/pipeline.md#win-loss): the opportunities closed in a period — won and lost, the win rate, the amount won,
 * the days they took — by source, by assignee and by the stage they reached; the failure reasons ranked.
 */
export function WinLossPage() {
  const { t, i18n } = useTranslation('reports');
  const lang = i18n.language;
  const [filters, setFilters] = useUrlFilters(['from', 'to', 'assigneeId'] as const);
  const report = useWinLoss(filters);
  const none = t('winLoss.none');

  const groups = useMemo(() => {
    const r = report.data;
    if (!r) return { source: [], assignee: [], stage: [] };
    return {
      source: r.bySource.map((g) => ({ key: g.source ?? '', label: g.source ?? none, ...g })),
      assignee: r.byAssignee.map((g) => ({
        key: String(g.assignee?.id ?? 0),
        label: g.assignee?.displayName ?? none,
        ...g,
      })),
      stage: r.byStage.map((g) => ({ key: String(g.stage?.id ?? 0), label: g.stage?.item ?? none, ...g })),
    } satisfies Record<string, Group[]>;
  }, [report.data, none]);

  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: groups.assignee.map((g) => g.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          stack: 'n',
          name: t('winLoss.succeeded'),
          data: groups.assignee.map((g) => g.succeeded),
          itemStyle: { color: '#389e0d' },
          barMaxWidth: 48,
        },
        {
          type: 'bar',
          stack: 'n',
          name: t('winLoss.failed'),
          data: groups.assignee.map((g) => g.failed),
          itemStyle: { color: '#cf1322' },
          barMaxWidth: 48,
        },
      ],
    }),
    [groups, t],
  );

  const columns = (title: string, withAmount = false): TableColumnsType<Group> => [
    { title, dataIndex: 'label' },
    { title: t('winLoss.succeeded'), dataIndex: 'succeeded', align: 'right' },
    { title: t('winLoss.failed'), dataIndex: 'failed', align: 'right' },
    { title: t('winLoss.successPercent'), dataIndex: 'successPercent', align: 'right', render: (n: number) => `${n}%` },
    ...(withAmount
      ? [
          {
            title: t('winLoss.amountWon'),
            dataIndex: 'amountWon',
            align: 'right' as const,
            render: (n: number) => money(n, lang),
          },
        ]
      : []),
  ];
  const table = (title: string, rows: Group[], withAmount = false) => (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      <Table<Group>
        rowKey="key"
        size="small"
        columns={columns(title, withAmount)}
        {...FIT_WIDTH}
        dataSource={rows}
        pagination={false}
      />
    </Card>
  );
  const range: [dayjs.Dayjs, dayjs.Dayjs] | undefined = report.data
    ? [dayjs(report.data.from), dayjs(report.data.to)]
    : undefined;

  return (
    <>
      <PageHeader title={t('winLoss.title')} extra={<ExportButtons path={REPORTS.winLoss} filters={filters} />}>
        <AsOf asOf={report.data?.asOf} />
      </PageHeader>
      <PipelineFilters
        label={t('winLoss.period')}
        id="win-loss-period"
        picker="date"
        range={range}
        onRange={(from, to) => setFilters({ from, to })}
        assigneeId={filters.assigneeId}
        onAssignee={(assigneeId) => setFilters({ assigneeId })}
      />
      <Loaded query={report} rows={8}>
        {(r: WinLossReport) => (
          <>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={12} md={4}>
                <Statistic title={t('winLoss.total')} value={r.total} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('winLoss.succeeded')} value={r.succeeded} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('winLoss.failed')} value={r.failed} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('winLoss.successPercent')} value={`${r.successPercent}%`} data-testid="win-rate" />
              </Col>
              <Col xs={12} md={4}>
                <Statistic title={t('winLoss.amountWon')} value={money(r.amountWon, lang)} />
              </Col>
              <Col xs={12} md={4}>
                <Statistic
                  title={t('winLoss.avgDays')}
                  value={r.avgDaysToClose === null ? '—' : t('winLoss.days', { days: r.avgDaysToClose })}
                />
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('winLoss.byAssignee')} style={{ marginBottom: 16 }}>
                  <EChart option={option} height={300} label={t('winLoss.byAssignee')} />
                </Card>
                {table(t('winLoss.byAssignee'), groups.assignee, true)}
              </Col>
              <Col xs={24} lg={12}>
                {table(t('winLoss.bySource'), groups.source)}
                {table(t('winLoss.byStage'), groups.stage)}
                <Card size="small" title={t('winLoss.failReasons')} style={{ marginBottom: 16 }}>
                  <Table
                    rowKey={(f) => f.reason ?? ''}
                    size="small"
                    {...FIT_WIDTH}
                    pagination={false}
                    dataSource={r.failReasons}
                    columns={[
                      { title: t('winLoss.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? none },
                      { title: t('winLoss.count'), dataIndex: 'count', align: 'right' },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          </>
        )}
      </Loaded>
    </>
  );
}
