import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Pagination, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loaded } from '../../app/components/Loaded.tsx';
import { FIT_WIDTH } from '../../app/components/table.ts';
import { useOrder, useOrders } from '../api.ts';
import { money } from '../components.tsx';

/** The sales system's order statuses that count (docs/product.md#order-history, rule 1): 5 shipped, 6 paid. */
const statusKey = (status: number) => (status === 6 ? 'orders.paid' : 'orders.shipped');

/** The company's counted orders, newest first (docs/portal.md#orders). */
export function OrdersPage() {
  const { t } = useTranslation('portal');
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const query = useOrders(page);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {t('orders.title')}
      </Typography.Title>
      <Loaded query={query}>
        {(answer) =>
          answer.items.length === 0 ? (
            <Card>
              <Empty description={t('orders.empty')} />
            </Card>
          ) : (
            <>
              <div>
                {answer.items.map((o) => (
                  <Card key={o.id} className="portal-card" size="small" data-testid="portal-order">
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <Link to={`/portal/orders/${o.id}`} style={{ fontWeight: 600 }}>
                        {t('orders.order', { id: o.id })}
                      </Link>
                      <Typography.Text type="secondary">
                        {o.orderDate} · {t(statusKey(o.status))} · ¥{money(o.amount)}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                        {o.shipAddress}
                      </Typography.Text>
                    </Space>
                  </Card>
                ))}
              </div>
              <Pagination
                current={page}
                pageSize={10}
                total={answer.total}
                simple
                hideOnSinglePage
                onChange={(p) => setParams({ page: String(p) })}
              />
            </>
          )
        }
      </Loaded>
    </Space>
  );
}

/** One order with its lines. */
export function OrderPage() {
  const { t } = useTranslation('portal');
  const id = Number(useParams().id);
  const query = useOrder(id);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/portal/orders">
        <ArrowLeftOutlined /> {t('orders.back')}
      </Link>
      <Loaded query={query}>
        {(o) => (
          <Card>
            <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
              {t('orders.order', { id: o.id })}
            </Typography.Title>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'date', label: t('orders.date'), children: o.orderDate },
                { key: 'status', label: t('orders.status'), children: t(statusKey(o.status)) },
                { key: 'address', label: t('orders.address'), children: o.shipAddress },
                { key: 'total', label: t('orders.total'), children: `¥${money(o.total)}` },
              ]}
            />
            <Table
              {...FIT_WIDTH}
              rowKey={(l) => `${l.productId}-${l.batch}-${l.quantity}`}
              pagination={false}
              size="small"
              style={{ marginTop: 12 }}
              dataSource={o.lines}
              columns={[
                { title: t('orders.product'), key: 'product', render: (_, l) => `${l.productName} ${l.model}` },
                { title: t('orders.quantity'), key: 'quantity', render: (_, l) => `${l.quantity} ${l.unit}` },
                { title: t('orders.amount'), key: 'amount', align: 'right', render: (_, l) => `¥${money(l.amount)}` },
              ]}
            />
          </Card>
        )}
      </Loaded>
    </Space>
  );
}
