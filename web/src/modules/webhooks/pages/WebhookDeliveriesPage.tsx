import type { WebhookDelivery, WebhookDeliveryStatus } from '@crm/contracts';
import { WEBHOOK_DELIVERY_STATUSES } from '@crm/contracts/values';
import { ArrowLeftOutlined, ReloadOutlined, RedoOutlined } from '@ant-design/icons';
import { Button, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { showError, feedback } from '../../../app/feedback.ts';
import { ListFilters, SelectFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';
import { ALL, usePagedList } from '../../../app/components/usePagedList.ts';
import { queryClient } from '../../../app/api.ts';
import { deliveriesPath, redeliver, useWebhook } from '../api.ts';
import { DeliveryStatusTag } from '../components/DeliveryStatusTag.tsx';
import { TestButton } from '../components/TestButton.tsx';
import '../webhooks.css';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** A delivered or failed delivery is sent again, as the same delivery (docs/webhooks.md#the-delivery-log, rule 2). */
function RedeliverButton({ webhookId, delivery }: { webhookId: number; delivery: WebhookDelivery }) {
  const { t } = useTranslation('webhooks');
  const [busy, setBusy] = useState(false);
  if (delivery.status === 'pending') return null;
  return (
    <Button
      type="link"
      size="small"
      icon={<RedoOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await redeliver(webhookId, delivery.id);
          feedback.message.success(t('deliveries.redelivered'));
          await queryClient.invalidateQueries({ queryKey: [deliveriesPath(webhookId)] });
        } catch (e) {
          showError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('deliveries.redeliver')}
    </Button>
  );
}

/**
 * 投递记录 (docs/webhooks.md#the-delivery-log): a receiver's deliveries, newest first, by status — each with its
 * attempts, the last answer or error and when it is tried next; 重新投递 for the finished ones, 测试 and 刷新 above.
 */
export function WebhookDeliveriesPage() {
  const { t } = useTranslation('webhooks');
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const hook = useWebhook(id);
  const path = deliveriesPath(id);
  const list = usePagedList<WebhookDelivery>(path, ['status'], 20, { status: ALL });

  const columns: TableColumnsType<WebhookDelivery> = [
    {
      title: t('deliveries.event'),
      dataIndex: 'event',
      render: (e: string) => (
        <div>
          <div>{t(`events.${e}`, { defaultValue: e })}</div>
          <Typography.Text type="secondary" className="webhook-event-code">
            {e}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('deliveries.status'),
      dataIndex: 'status',
      render: (s: WebhookDeliveryStatus) => <DeliveryStatusTag status={s} />,
    },
    { title: t('deliveries.attempts'), dataIndex: 'attempts', align: 'right', responsive: WIDE_ONLY },
    {
      title: t('deliveries.lastStatusCode'),
      dataIndex: 'lastStatusCode',
      responsive: WIDE_ONLY,
      render: (c: number | null) => c ?? '—',
    },
    {
      title: t('deliveries.lastError'),
      dataIndex: 'lastError',
      responsive: WIDE_ONLY,
      ellipsis: { showTitle: true },
      render: (e: string | null) => e ?? '—',
    },
    { title: t('deliveries.createdAt'), dataIndex: 'createdAt', responsive: WIDE_ONLY, render: when },
    {
      title: `${t('deliveries.deliveredAt')} / ${t('deliveries.nextAttemptAt')}`,
      key: 'when',
      responsive: WIDE_ONLY,
      render: (_, d) => when(d.deliveredAt ?? d.nextAttemptAt),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, d) => <RedeliverButton webhookId={id} delivery={d} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('deliveries.title', { name: hook.data?.name ?? '…' })}
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/admin/webhooks')}>
              {t('deliveries.back')}
            </Button>
            {hook.data && <TestButton id={id} name={hook.data.name} />}
            <Button icon={<ReloadOutlined />} onClick={() => void queryClient.invalidateQueries({ queryKey: [path] })}>
              {t('deliveries.refresh')}
            </Button>
          </Space>
        }
      />
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <SelectFilter
          name="status"
          label={t('deliveries.status')}
          width={140}
          allowClear={false}
          options={[
            { value: ALL, label: t('deliveries.all') },
            ...WEBHOOK_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
      </ListFilters>
      <Table<WebhookDelivery> rowKey="id" columns={columns} {...list.tableProps} />
    </>
  );
}
