import type { Order, OrderLine } from '@crm/contracts';
import { Alert, Button, Descriptions, Modal, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { errorText } from '../../../app/feedback.ts';
import { formatMoney, ordersPath, useOrder } from '../api.ts';
import { FIT_WIDTH, ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';

/**
 * docs/product.md#order-history, rules 1, 3 and 4 历史订单: shipped and paid orders from the sales system, newest first;
 * the detail shows lines and total.
 */
export function OrdersTab({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation('customers');
  const list = usePagedList<Order>(ordersPath(customerId), [], 10);
  const [open, setOpen] = useState<number>();
  const columns: TableColumnsType<Order> = [
    { title: t('orders.id'), dataIndex: 'id' },
    { title: t('orders.orderDate'), dataIndex: 'orderDate' },
    { title: t('orders.shipAddress'), dataIndex: 'shipAddress', responsive: WIDE_ONLY },
    {
      // the sum of the order's lines (issue 14, item 10)
      title: t('orders.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (v: number) => formatMoney(v, i18n.language),
    },
    {
      title: t('orders.status'),
      dataIndex: 'status',
      responsive: WIDE_ONLY,
      render: (s: number) => <Tag color={s === 6 ? 'success' : 'processing'}>{t(`orders.statuses.${s}`)}</Tag>,
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, o) => (
        <Button type="link" size="small" onClick={() => setOpen(o.id)}>
          {t('orders.view')}
        </Button>
      ),
    },
  ];
  return (
    <>
      {list.query.isError && (
        <Alert type="warning" showIcon title={errorText(list.query.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<Order> rowKey="id" columns={columns} {...list.tableProps} />
      <OrderDetailDialog
        customerId={customerId}
        orderId={open}
        onClose={() => setOpen(undefined)}
        locale={i18n.language}
      />
    </>
  );
}

function OrderDetailDialog({
  customerId,
  orderId,
  onClose,
  locale,
}: {
  customerId: number;
  orderId?: number;
  onClose: () => void;
  locale: string;
}) {
  const { t } = useTranslation('customers');
  const order = useOrder(customerId, orderId);
  const money = (v: number) => formatMoney(v, locale);
  const columns: TableColumnsType<OrderLine> = [
    { title: t('orders.product'), key: 'product', render: (_, l) => `${l.productName}-${l.model}-${l.batch}` },
    { title: t('orders.quantity'), dataIndex: 'quantity', align: 'right' },
    { title: t('orders.unit'), dataIndex: 'unit' },
    { title: t('orders.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: money },
    { title: t('orders.amount'), dataIndex: 'amount', align: 'right', render: money },
  ];
  const o = order.data;
  return (
    <Modal
      open={!!orderId}
      title={t('orders.detail')}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common:actions.close')}</Button>}
      width={820}
      destroyOnHidden
    >
      {order.isError && <Alert type="warning" showIcon title={errorText(order.error)} />}
      {o && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('orders.id')}>{o.id}</Descriptions.Item>
            <Descriptions.Item label={t('orders.orderDate')}>{o.orderDate}</Descriptions.Item>
            <Descriptions.Item label={t('orders.shipAddress')}>{o.shipAddress}</Descriptions.Item>
            <Descriptions.Item label={t('orders.status')}>{t(`orders.statuses.${o.status}`)}</Descriptions.Item>
          </Descriptions>
          <Table<OrderLine>
            rowKey={(l, i) => `${l.productId}-${i}`}
            size="small"
            pagination={false}
            columns={columns}
            {...FIT_WIDTH}
            dataSource={o.lines}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  <strong>{t('orders.total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <strong data-testid="order-total">{money(o.total)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </>
      )}
      {order.isPending && !!orderId && <Table loading columns={columns} dataSource={[]} pagination={false} />}
    </Modal>
  );
}
