import {
  AlertOutlined,
  CustomerServiceOutlined,
  EditOutlined,
  FundOutlined,
  InboxOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  ShoppingCartOutlined,
} from '@ant-design/icons';
import type { TimelineAnswer, TimelineItem, TimelineKind } from '@crm/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Skeleton, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiGet } from '../../app/api.ts';

const ICONS: Record<TimelineKind, ReactNode> = {
  activity: <MessageOutlined />,
  order: <ShoppingCartOutlined />,
  service: <CustomerServiceOutlined />,
  churn: <AlertOutlined />,
  opportunity: <FundOutlined />,
  pool: <InboxOutlined />,
  merge: <MergeCellsOutlined />,
  change: <EditOutlined />,
};

/** Where an event's record opens. */
function linkOf(customerId: number, item: TimelineItem): string | undefined {
  switch (item.ref.type) {
    case 'activity':
      return `/customers/${customerId}?tab=activities`;
    case 'order':
      return `/customers/${customerId}?tab=orders`;
    case 'service':
      return `/services/${item.ref.id}`;
    case 'churnWarning':
      return `/churn-warnings/${item.ref.id}`;
    case 'opportunity':
      return `/opportunities/${item.ref.id}`;
    default:
      if (item.kind === 'merge' && item.ref.id !== customerId) return `/customers/${item.ref.id}`;
      return item.kind === 'pool' ? `/customers/${customerId}?tab=pool` : undefined;
  }
}

/** docs/timeline.md: one feed, newest first, more by `before` (the previous page's nextBefore). */
export function TimelineTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation('timeline');
  const { t: tc } = useTranslation('customers');
  const feed = useInfiniteQuery({
    queryKey: ['/customers', customerId, 'timeline'],
    queryFn: ({ pageParam, signal }) =>
      apiGet<TimelineAnswer>(`/customers/${customerId}/timeline`, { before: pageParam, limit: 20 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  if (!feed.data) {
    if (feed.isError) return <Alert type="warning" showIcon title={feed.error.message} />;
    return <Skeleton active paragraph={{ rows: 6 }} aria-busy />;
  }
  const items = feed.data.pages.flatMap((p) => p.items);
  const salesDown = feed.data.pages.some((p) => p.salesUnavailable);
  const fieldName = (f: string) => tc(`fields.${f.replace(/Id$/, '')}`, { defaultValue: f });
  return (
    <>
      {salesDown && <Alert type="info" showIcon title={t('salesUnavailable')} style={{ marginBottom: 16 }} />}
      {items.length === 0 ? (
        <Empty description={t('none')} />
      ) : (
        <Timeline
          className="customer-timeline"
          items={items.map((item, i) => {
            const to = linkOf(customerId, item);
            const what = t(`event.${item.event}`, { defaultValue: item.title });
            return {
              key: `${item.kind}:${item.ref.id}:${item.event}:${i}`,
              dot: ICONS[item.kind],
              children: (
                <div>
                  <Typography.Text strong>{to ? <Link to={to}>{what}</Link> : what}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {dayjs(item.at).format(item.kind === 'order' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm')}
                    {item.by ? ` · ${item.by}` : ''}
                  </Typography.Text>
                  {item.kind !== 'change' && item.kind !== 'pool' && item.title && (
                    <div style={{ overflowWrap: 'anywhere' }}>{item.title}</div>
                  )}
                  {item.fields && item.fields.length > 0 && (
                    <div>{t('changed', { fields: item.fields.map(fieldName).join('、') })}</div>
                  )}
                  {item.detail && (
                    <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                      {item.detail}
                    </Typography.Text>
                  )}
                </div>
              ),
            };
          })}
        />
      )}
      {feed.hasNextPage && (
        <Button onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
          {t('more')}
        </Button>
      )}
    </>
  );
}
