import type { ContributionReport, ContributionRow } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListFilters, SelectFilter, TextFilter } from '../../../app/components/ListFilters.tsx';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { CONTRIBUTION_FILTERS, CONTRIBUTION_TOP as TOP, contributionTopQuery, REPORTS } from '../api.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { AsOf, ExportButtons, yearOptions } from '../components/ReportToolbar.tsx';
import { money } from '../format.ts';
import { WIDE_ONLY } from '../../../app/components/table.ts';

/**
 * 客户贡献分析 (docs/product.md#reports, rule 2): counted order amount per customer, largest first; filters name and year.
 */
export function ContributionPage() {
  const { t, i18n } = useTranslation('reports');
  const list = usePagedList<ContributionRow>(REPORTS.contribution, CONTRIBUTION_FILTERS);
  const report = list.query.data as ContributionReport | undefined;
  const top = useQuery(contributionTopQuery(list.filters));

  const columns: TableColumnsType<ContributionRow> = [
    {
      title: t('contribution.rank'),
      key: 'rank',
      width: 72,
      render: (_, __, i) => (list.page - 1) * list.pageSize + i + 1,
    },
    { title: t('customerNumber'), dataIndex: 'customerNumber', width: 160, responsive: WIDE_ONLY },
    {
      title: t('customerName'),
      dataIndex: 'customerName',
      render: (name: string, r) => <Link to={`/customers/${r.customerId}`}>{name}</Link>,
    },
    {
      title: t('contribution.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (n: number) => money(n, i18n.language),
    },
  ];

  const option = useMemo<ChartOption>(() => {
    const items = [...(top.data?.items ?? [])].reverse(); // largest at the top of a horizontal bar chart
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      // compact figures (1,200万 / 12M) so that the axis labels never overlap
      xAxis: {
        type: 'value',
        axisLabel: {
          formatter: (v: number) => new Intl.NumberFormat(i18n.language, { notation: 'compact' }).format(v),
        },
      },
      yAxis: {
        type: 'category',
        data: items.map((i) => i.customerName),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('contribution.amount'),
          data: items.map((i) => i.amount),
          itemStyle: { color: '#1677ff' },
        },
      ],
    };
  }, [top.data, t, i18n.language]);

  return (
    <>
      <PageHeader
        title={t('contribution.title')}
        extra={<ExportButtons path={REPORTS.contribution} filters={list.filters} />}
      >
        <AsOf asOf={report?.asOf} sales />
      </PageHeader>
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <TextFilter name="customerName" label={t('customerName')} width={200} />
        <SelectFilter name="year" label={t('year')} width={140} placeholder={t('allYears')} options={yearOptions()} />
      </ListFilters>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('contribution.chartTitle', { n: TOP })} style={{ marginBottom: 16 }}>
            <Loaded query={top} rows={7}>
              {() => <EChart option={option} height={360} label={t('contribution.chartTitle', { n: TOP })} />}
            </Loaded>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Space style={{ marginBottom: 8 }}>
            <Loaded query={list.query} rows={0}>
              {(r) => (
                <Typography.Text strong>
                  {t('contribution.totalAmount', {
                    amount: money((r as ContributionReport).totalAmount, i18n.language),
                  })}
                </Typography.Text>
              )}
            </Loaded>
          </Space>
          <Table<ContributionRow> rowKey="customerId" columns={columns} {...list.tableProps} />
        </Col>
      </Row>
    </>
  );
}
