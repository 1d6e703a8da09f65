import type { Webhook } from '@crm/contracts';
import { EditOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ROW_ACTIONS, useTableLayout, WIDE_ONLY } from '../../../app/components/table.ts';
import { deleteWebhook, useWebhooks } from '../api.ts';
import { DeliveryStatusTag } from '../components/DeliveryStatusTag.tsx';
import { TestButton } from '../components/TestButton.tsx';
import '../webhooks.css';
import { WebhookFormDialog } from '../components/WebhookFormDialog.tsx';

/**
 * 系统设置 › 外部通知 (docs/webhooks.md#receivers): the receivers, their format, events and health; new, edit, delete
 * (confirmed), the test button and the way to each one's delivery log.
 */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  const hooks = useWebhooks();
  const [editing, setEditing] = useState<Webhook | 'new'>();
  const layout = useTableLayout();

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name: string, w) => (
        <div className="webhook-name">
          <Link to={`/admin/webhooks/${w.id}`}>{name}</Link>
          <Typography.Text type="secondary" ellipsis={{ tooltip: w.url }} className="webhook-url">
            {w.url}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('field.format'),
      dataIndex: 'format',
      responsive: WIDE_ONLY,
      render: (f: Webhook['format']) => t(`format.${f}`),
    },
    {
      title: t('field.events'),
      dataIndex: 'events',
      responsive: WIDE_ONLY,
      render: (events: string[]) =>
        events.length > 3 ? (
          <Tag>{t('list.eventCount', { count: events.length })}</Tag>
        ) : (
          events.map((e) => <Tag key={e}>{t(`events.${e}`)}</Tag>)
        ),
    },
    {
      title: t('field.status'),
      dataIndex: 'active',
      render: (active: boolean) => <Tag color={active ? 'success' : 'default'}>{t(`active.${active}`)}</Tag>,
    },
    {
      title: t('field.lastDelivery'),
      dataIndex: 'lastDelivery',
      responsive: WIDE_ONLY,
      render: (d: Webhook['lastDelivery']) =>
        d ? (
          <Space size={4}>
            <DeliveryStatusTag status={d.status} />
            <Typography.Text type="secondary">{dayjs(d.at).format('MM-DD HH:mm')}</Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, w) => (
        <Space size={0} wrap>
          <TestButton id={w.id} name={w.name} />
          <Link
            to={`/admin/webhooks/${w.id}`}
            aria-label={`${t('list.deliveries')} ${w.name}`}
            className="webhook-link"
          >
            <UnorderedListOutlined /> {t('list.deliveries')}
          </Link>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(w)}>
            {t('common:actions.edit')}
          </Button>
          <DeleteButton onDelete={() => deleteWebhook(w.id)} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('list.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('list.intro')}</Typography.Paragraph>
      <Table<Webhook>
        rowKey="id"
        columns={columns}
        {...layout}
        dataSource={hooks.data?.items ?? []}
        loading={hooks.isFetching}
        pagination={false}
        locale={hooks.data ? { emptyText: t('list.empty') } : undefined}
      />
      <WebhookFormDialog
        open={!!editing}
        webhook={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
