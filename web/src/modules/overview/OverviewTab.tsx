import type { CustomerOverview } from '@crm/contracts';
import { Card, Col, Descriptions, Empty, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded } from '../../app/components/Loaded.tsx';
import { useCan } from '../../app/session.tsx';
import { ChurnStatusTag } from '../churn/components/ChurnStatusTag.tsx';
import { EChart, type ChartOption } from '../reports/components/EChart.tsx';
import { AsOf } from '../reports/components/ReportToolbar.tsx';
import { money } from '../reports/format.ts';
import { RiskBadge, RiskReasons } from '../risk/components/RiskBadge.tsx';
import { useOverview } from './api.ts';

function YearChart({ byYear }: { byYear: CustomerOverview['sales']['byYear'] }) {
  const { t, i18n } = useTranslation('overview');
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: byYear.map((y) => String(y.year)) },
      yAxis: {
        type: 'value',
        axisLabel: {
          formatter: (v: number) => new Intl.NumberFormat(i18n.language, { notation: 'compact' }).format(v),
        },
      },
      series: [
        { type: 'bar', name: t('sales.amount'), data: byYear.map((y) => y.amount), itemStyle: { color: '#1677ff' } },
      ],
    }),
    [byYear, t, i18n.language],
  );
  if (!byYear.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sales.noOrders')} />;
  return <EChart option={option} height={220} label={t('sales.chart')} />;
}

/** One figure: its label above, its value below. */
function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <div className="overview-figure">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ fontSize: 18, fontWeight: 500, overflowWrap: 'anywhere' }}>{value}</div>
    </div>
  );
}

function Sales({ o }: { o: CustomerOverview }) {
  const { t, i18n } = useTranslation('overview');
  const s = o.sales;
  const amount = (v: number) => money(v, i18n.language);
  return (
    <Card size="small" title={t('sales.title')} style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <AsOf asOf={s.asOf} sales />
        </Col>
        <Col xs={12} md={6}>
          <Figure label={t('sales.lastOrderDate')} value={s.lastOrderDate ?? t('sales.neverOrdered')} />
        </Col>
        <Col xs={12} md={6}>
          <Figure label={t('sales.orderCount')} value={s.orderCount} />
        </Col>
        <Col xs={12} md={6}>
          <Figure label={t('sales.thisYear')} value={amount(s.thisYearAmount)} />
        </Col>
        <Col xs={12} md={6}>
          <Figure label={t('sales.lastYear')} value={amount(s.lastYearAmount)} />
        </Col>
        <Col xs={24}>
          <Typography.Text type="secondary">
            {t('sales.totalAmount')}: {amount(s.totalAmount)}
          </Typography.Text>
        </Col>
        <Col xs={24} data-testid="overview-chart">
          <Typography.Text strong>{t('sales.chart')}</Typography.Text>
          <YearChart byYear={s.byYear} />
        </Col>
      </Row>
    </Card>
  );
}

function OpenItems({ o }: { o: CustomerOverview }) {
  const { t } = useTranslation('overview');
  const { t: tc } = useTranslation('churn');
  const can = useCan();
  const items = [
    o.churnWarning && (
      <Link key="churn" to={`/churn-warnings/${o.churnWarning.id}`}>
        <Space size={4}>
          {t('open.churnWarning', { status: tc(`status.${o.churnWarning.status}`) })}
          <ChurnStatusTag status={o.churnWarning.status} />
        </Space>
      </Link>
    ),
    o.openServices !== null && o.openServices > 0 && (
      <Link key="services" to={`/services?status=all&customerName=${encodeURIComponent(o.customer.name)}`}>
        {t('open.services', { count: o.openServices })}
      </Link>
    ),
    o.origin &&
      (can('opportunity.read') ? (
        <Link key="origin" to={`/opportunities/${o.origin.opportunityId}`}>
          {t('open.origin', { id: o.origin.opportunityId })}
        </Link>
      ) : (
        <span key="origin">{t('open.origin', { id: o.origin.opportunityId })}</span>
      )),
  ].filter(Boolean);
  return (
    <Card size="small" title={t('open.title')} style={{ marginBottom: 16 }}>
      {items.length ? (
        <Space orientation="vertical" size={8}>
          {items}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('open.nothing')}</Typography.Text>
      )}
    </Card>
  );
}

/**
 * docs/overview.md#on-screen: the customer at a glance — the figures of the derived copy with their "as of" and the
 * amount per year as a chart, the churn risk with its reasons, the open items as links, the counts and the last
 * follow-up.
 */
export function OverviewTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation('overview');
  const overview = useOverview(customerId);
  return (
    <Loaded query={overview} rows={8}>
      {(o) => (
        <Row gutter={16}>
          <Col xs={24} xl={15}>
            <Sales o={o} />
          </Col>
          <Col xs={24} xl={9}>
            <Card
              size="small"
              title={t('risk.title')}
              extra={<RiskBadge risk={o.risk} />}
              style={{ marginBottom: 16 }}
              data-testid="overview-risk"
            >
              {o.risk ? (
                <RiskReasons risk={o.risk} />
              ) : (
                <Typography.Text type="secondary">{t('risk.none')}</Typography.Text>
              )}
            </Card>
            <OpenItems o={o} />
            <Card size="small" title={t('counts.title')} style={{ marginBottom: 16 }}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('counts.contacts')}>
                  <Link to={`/customers/${customerId}?tab=contacts`}>{o.contacts}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('counts.activities')}>
                  <Link to={`/customers/${customerId}?tab=activities`}>{o.activities}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('counts.lastFollowUp')}>
                  {o.lastFollowUpAt ? dayjs(o.lastFollowUpAt).format('YYYY-MM-DD') : t('counts.never')}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        </Row>
      )}
    </Loaded>
  );
}
