import {
  BarChartOutlined,
  PieChartOutlined,
  RightOutlined,
  TableOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons';
import type { WorkbenchCard as Card_, WorkbenchItem } from '@crm/contracts';
import { Badge, Card, Col, Empty, List, Row, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { openableEntries } from '../../../app/module.ts';
import { modules } from '../../../app/modules.ts';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useCan, useUser } from '../../../app/session.tsx';
import { useWorkbench } from '../api.ts';
import { AsOf } from '../components/ReportToolbar.tsx';
import { money } from '../format.ts';

type CardKey =
  | 'opportunitiesToDevelop'
  | 'servicesToHandle'
  | 'servicesToFollowUp'
  | 'churnWarnings'
  | 'unassignedOpportunities'
  | 'newServices';

/** Where each card's work is done: the item's own page, and the list behind "show all". */
const TARGETS: Record<CardKey, { item: (id: number) => string; all: string }> = {
  opportunitiesToDevelop: { item: (id) => `/opportunities/${id}`, all: '/opportunities?status=assigned' },
  unassignedOpportunities: { item: (id) => `/opportunities/${id}`, all: '/opportunities?status=unassigned' },
  servicesToHandle: { item: () => '/services/handle', all: '/services/handle' },
  servicesToFollowUp: { item: () => '/services/feedback', all: '/services/feedback' },
  newServices: { item: () => '/services/assign', all: '/services/assign' },
  churnWarnings: { item: (id) => `/churn-warnings/${id}`, all: '/churn-warnings' },
};
/** What each card's time is: the same time the list behind it shows in its column of that name. */
const TIME_OF: Record<CardKey, 'opportunityAssigned' | 'serviceAssigned' | 'created' | 'handled' | 'lastOrder'> = {
  opportunitiesToDevelop: 'opportunityAssigned',
  unassignedOpportunities: 'created',
  servicesToHandle: 'serviceAssigned',
  servicesToFollowUp: 'handled',
  newServices: 'created',
  churnWarnings: 'lastOrder',
};
const ORDER: CardKey[] = [
  'opportunitiesToDevelop',
  'servicesToHandle',
  'servicesToFollowUp',
  'churnWarnings',
  'unassignedOpportunities',
  'newServices',
];

const when = (at: string | null) => (at === null ? '' : at.length === 10 ? at : dayjs(at).format('YYYY-MM-DD HH:mm'));

function WorkCard({ name, card }: { name: CardKey; card: Card_ }) {
  const { t } = useTranslation('reports');
  const target = TARGETS[name];
  const subtitle = (item: WorkbenchItem) =>
    name === 'churnWarnings' && item.subtitle
      ? t(`workbench.churnStatus.${item.subtitle as 'warning' | 'delayed'}`, { defaultValue: item.subtitle })
      : item.subtitle;
  const time = (item: WorkbenchItem) =>
    item.at === null
      ? name === 'churnWarnings'
        ? t('workbench.at.neverOrdered')
        : ''
      : t(`workbench.at.${TIME_OF[name]}`, { at: when(item.at) });
  return (
    <Card
      size="small"
      data-testid={`workbench-${name}`}
      title={
        <Space>
          {t(`workbench.${name}`)}
          <Badge count={card.count} showZero color={card.count ? '#1677ff' : '#bfbfbf'} overflowCount={999} />
        </Space>
      }
      extra={card.count > 0 && <Link to={target.all}>{t('workbench.more', { count: card.count })}</Link>}
      style={{ height: '100%' }}
    >
      {card.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.nothing')} />
      ) : (
        <List<WorkbenchItem>
          size="small"
          dataSource={card.items}
          renderItem={(item) => (
            <List.Item extra={<Typography.Text type="secondary">{time(item)}</Typography.Text>}>
              <List.Item.Meta
                title={<Link to={target.item(item.id)}>{item.title}</Link>}
                description={subtitle(item)}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

const REPORT_LINKS: { path: string; key: string; icon: ReactNode }[] = [
  { path: '/reports/contribution', key: 'menu.contribution', icon: <BarChartOutlined /> },
  { path: '/reports/composition', key: 'menu.composition', icon: <PieChartOutlined /> },
  { path: '/reports/services', key: 'menu.services', icon: <TableOutlined /> },
  { path: '/reports/churn', key: 'menu.churn', icon: <UserDeleteOutlined /> },
];

/** For a user with no work cards (e.g. an administrator): the pages they may open, as on the shell's home page. */
function Shortcuts() {
  const { t } = useTranslation();
  const can = useCan();
  const entries = openableEntries(modules, can);
  if (!entries.length) return null;
  return (
    <Card size="small" title={t('common:home.shortcuts')} data-testid="workbench-shortcuts">
      <Space wrap size="middle">
        {entries.map((e) => (
          <Link key={e.path} to={e.path}>
            {e.icon} {t(e.labelKey.includes(':') ? e.labelKey : `${e.module}:${e.labelKey}`)}
          </Link>
        ))}
      </Space>
    </Card>
  );
}

/** 工作台: what the signed-in user has to do (by permission), this year's key figures, links to the reports. */
export function WorkbenchPage() {
  const { t, i18n } = useTranslation('reports');
  const user = useUser();
  const workbench = useWorkbench();

  return (
    <>
      <PageHeader title={t('workbench.title')}>
        <Typography.Text>{t('workbench.welcome', { name: user.displayName })}</Typography.Text>
      </PageHeader>
      <Loaded query={workbench} rows={6}>
        {(w) => {
          const cards = ORDER.filter((k) => w[k]);
          return (
            <>
              {w.figures && (
                <Card
                  size="small"
                  data-testid="workbench-figures"
                  title={t('workbench.figures', { year: w.figures.year })}
                  extra={<AsOf asOf={w.figures.salesAsOf} sales />}
                  style={{ marginBottom: 16 }}
                >
                  <Row gutter={[16, 16]}>
                    <Col xs={12} md={8} xl={4}>
                      <Statistic title={t('workbench.customers')} value={w.figures.customers} />
                    </Col>
                    <Col xs={12} md={8} xl={4}>
                      <Statistic title={t('workbench.newCustomers')} value={w.figures.newCustomers} />
                    </Col>
                    <Col xs={24} md={8} xl={6}>
                      <Statistic
                        title={t('workbench.orderAmount')}
                        value={money(w.figures.orderAmount, i18n.language)}
                      />
                    </Col>
                    <Col xs={12} md={8} xl={5}>
                      <Statistic title={t('workbench.openChurnWarnings')} value={w.figures.openChurnWarnings} />
                    </Col>
                    <Col xs={12} md={8} xl={5}>
                      <Statistic title={t('workbench.serviceCount')} value={w.figures.services} />
                    </Col>
                  </Row>
                  <Space wrap style={{ marginTop: 16 }}>
                    <Typography.Text type="secondary">{t('workbench.reports')}:</Typography.Text>
                    {REPORT_LINKS.map((r) => (
                      <Link key={r.path} to={r.path}>
                        {r.icon} {t(r.key)} <RightOutlined style={{ fontSize: 10 }} />
                      </Link>
                    ))}
                  </Space>
                </Card>
              )}
              {!w.figures && cards.length === 0 && <Shortcuts />}
              <Row gutter={[16, 16]}>
                {cards.map((k) => (
                  <Col key={k} xs={24} lg={12} xxl={8}>
                    <WorkCard name={k} card={w[k]!} />
                  </Col>
                ))}
              </Row>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
