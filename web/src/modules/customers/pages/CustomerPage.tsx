import { EditOutlined } from '@ant-design/icons';
import type { Customer } from '@crm/contracts';
import { Alert, Button, Card, Result, Skeleton, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { errorText } from '../../../app/feedback.ts';
import { useCan, useUser } from '../../../app/session.tsx';
import { useCustomer } from '../api.ts';
import { ActivitiesTab } from '../components/ActivitiesTab.tsx';
import { ContactsTab } from '../components/ContactsTab.tsx';
import { CustomerDetails } from '../components/CustomerDetails.tsx';
import { CustomerForm } from '../components/CustomerForm.tsx';
import { OrdersTab } from '../components/OrdersTab.tsx';
import { ClaimButton } from '../../pool/components/ClaimButton.tsx';
import { PoolHistoryTab } from '../../pool/components/PoolHistoryTab.tsx';
import { ReleaseButton } from '../../pool/components/ReleaseButton.tsx';
import { usePoolHistory } from '../../pool/api.ts';
import { TimelineTab } from '../../timeline/index.tsx';
import { OverviewTab } from '../../overview/OverviewTab.tsx';

/**
 * The details tab: the record read-only, and for whoever may change it an Edit that turns it into the form (issue 14,
 * item 3) — saved or cancelled, it is read-only again; leaving with unsaved edits asks first.
 */
function DetailsTab({ customer: c, editable }: { customer: Customer; editable: boolean }) {
  const { t } = useTranslation('customers');
  const [editing, setEditing] = useState(false);
  const incomplete = c.regionId === null || c.levelId === null || c.satisfaction === null || c.credit === null;
  if (editing && editable)
    return <CustomerForm customer={c} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />;
  return (
    <>
      {c.status === 'lost' && (
        <Alert type="warning" showIcon title={t('detail.readOnlyLost')} style={{ marginBottom: 16 }} />
      )}
      {c.status === 'normal' && !editable && (
        <Alert type="info" showIcon title={t('detail.readOnlyNotMine')} style={{ marginBottom: 16 }} />
      )}
      {editable && incomplete && (
        <Alert type="info" showIcon title={t('detail.incomplete')} style={{ marginBottom: 16 }} />
      )}
      {editable && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} style={{ marginBottom: 16 }}>
          {t('detail.edit')}
        </Button>
      )}
      <CustomerDetails customer={c} />
    </>
  );
}

/**
 * A customer's page (docs/product.md#customers, rule 9; docs/overview.md): tabs overview, details, contacts,
 * interaction records, timeline, order history, pool history.
 */
export function CustomerPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const can = useCan();
  const user = useUser();
  const id = Number(useParams().id);
  const [search, setSearch] = useSearchParams();
  const customer = useCustomer(id);
  // docs/organisation.md#customer-pool, rule 6: the pool history tab only for a customer that has been in the pool
  const poolHistory = usePoolHistory(id);

  if (customer.isPending) return <Skeleton active />;
  if (customer.isError) {
    return (
      <Result
        status="warning"
        title={errorText(customer.error)}
        extra={<Button onClick={() => navigate('/customers')}>{t('detail.back')}</Button>}
      />
    );
  }
  const c = customer.data;
  const editable = c.status === 'normal' && can('customer.edit') && (can('customer.all') || c.managerId === user.id);
  // docs/overview.md#on-screen, rule 1: the page opens on the overview; the editable record is the details tab
  const tab = search.get('tab') ?? 'overview';
  const items = [
    { key: 'overview', label: t('overview:tab'), children: <OverviewTab customerId={c.id} /> },
    { key: 'details', label: t('detail.tabs.details'), children: <DetailsTab customer={c} editable={editable} /> },
    {
      key: 'contacts',
      label: t('detail.tabs.contacts'),
      children: <ContactsTab customerId={c.id} editable={editable} />,
    },
    {
      key: 'activities',
      label: t('detail.tabs.activities'),
      children: <ActivitiesTab customerId={c.id} editable={editable} />,
    },
    // docs/timeline.md: everything that happened with the customer, newest first
    { key: 'timeline', label: t('timeline:tab'), children: <TimelineTab customerId={c.id} /> },
    ...(can('order.read')
      ? [{ key: 'orders', label: t('detail.tabs.orders'), children: <OrdersTab customerId={c.id} /> }]
      : []),
    ...(c.managerId === null || (poolHistory.data?.length ?? 0) > 0
      ? [{ key: 'pool', label: t('pool:history.tab'), children: <PoolHistoryTab customerId={c.id} /> }]
      : []),
  ];
  // docs/organisation.md#customer-pool, rules 3 and 4: release what one may edit; claim what is in the pool
  const pool = c.managerId === null;

  return (
    <>
      <PageHeader
        title={c.name}
        extra={
          <Space wrap>
            {editable && !pool && <ReleaseButton customer={c} />}
            {pool && c.status === 'normal' && can('pool.claim') && (
              <ClaimButton customer={c} type="primary" size="middle" />
            )}
            <Button onClick={() => navigate('/customers')}>{t('detail.back')}</Button>
          </Space>
        }
      >
        <Space size={8} wrap>
          <span>{c.number}</span>
          <Tag color={c.status === 'lost' ? 'error' : c.status === 'merged' ? 'default' : 'success'}>
            {t(`status.${c.status}`)}
          </Tag>
          <span>
            {t('fields.manager')}: {c.manager?.displayName ?? t('inPool')}
          </span>
        </Space>
      </PageHeader>
      {/* docs/duplicates-and-merge.md, rule 5: a merged customer is read-only and points at its survivor */}
      {c.status === 'merged' && c.mergedIntoId !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              {t('detail.merged')} <Link to={`/customers/${c.mergedIntoId}`}>{t('detail.toSurvivor')}</Link>
            </span>
          }
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearch(key === 'overview' ? {} : { tab: key }, { replace: true })}
          items={items}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
