import type { CustomerListItem as Customer } from '@crm/contracts';
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ListFilters, SelectFilter, TextFilter } from '../../../app/components/ListFilters.tsx';
import { ExportButtons } from '../../reports/components/ReportToolbar.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { Stars } from '../../../app/components/Stars.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { useCan } from '../../../app/session.tsx';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { CUSTOMER_FILTERS, CUSTOMERS, useManagers } from '../api.ts';
import { WIDE_ONLY } from '../../../app/components/table.ts';
import { TransferDialog } from '../components/TransferDialog.tsx';
import { RiskBadge } from '../../risk/components/RiskBadge.tsx';

/**
 * 客户信息管理 (docs/product.md#customers, rule 8): searched by number, name, region, manager, level and status; paginated.
 */
export function CustomersPage() {
  const { t } = useTranslation('customers');
  const can = useCan();
  const navigate = useNavigate();
  const list = usePagedList<Customer>(CUSTOMERS, CUSTOMER_FILTERS);
  const regions = useDictionaryEntries('region');
  const levels = useDictionaryEntries('customerLevel');
  const managers = useManagers(can('assignee.read'));
  // docs/organisation.md#transfer-and-handover, rule 1: a director picks customers on the list and transfers them
  const canTransfer = can('customer.transfer');
  const [selected, setSelected] = useState<number[]>([]);
  const [transferring, setTransferring] = useState(false);

  const columns: TableColumnsType<Customer> = [
    {
      title: t('fields.number'),
      dataIndex: 'number',
      responsive: WIDE_ONLY,
      render: (n: string, c) => <Link to={`/customers/${c.id}`}>{n}</Link>,
    },
    {
      title: t('fields.name'),
      dataIndex: 'name',
      // docs/churn-risk.md#where-it-shows, rule 1: the badge of a customer at risk beside its name
      render: (n: string, c) => (
        <Space size={4} wrap>
          <Link to={`/customers/${c.id}`}>{n}</Link>
          {c.risk && c.risk.level !== 'low' && <RiskBadge risk={c.risk} />}
        </Space>
      ),
    },
    {
      title: t('fields.region'),
      dataIndex: 'region',
      responsive: WIDE_ONLY,
      render: (v: string | null) => v ?? t('common:notSet'),
    },
    { title: t('fields.manager'), dataIndex: ['manager', 'displayName'] },
    {
      title: t('fields.level'),
      dataIndex: 'level',
      responsive: WIDE_ONLY,
      render: (v: string | null) => v ?? t('common:notSet'),
    },
    {
      title: t('fields.satisfaction'),
      dataIndex: 'satisfaction',
      responsive: WIDE_ONLY,
      render: (v: number | null) => <Stars value={v} />,
    },
    {
      title: t('fields.credit'),
      dataIndex: 'credit',
      responsive: WIDE_ONLY,
      render: (v: number | null) => <Stars value={v} />,
    },
    {
      title: t('fields.status'),
      dataIndex: 'status',
      render: (s: Customer['status']) => <Tag color={s === 'lost' ? 'error' : 'success'}>{t(`status.${s}`)}</Tag>,
    },
  ];

  const option = (e: { id: number; item?: string; displayName?: string }) => ({
    value: String(e.id),
    label: e.item ?? e.displayName,
  });

  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          <Space wrap>
            {canTransfer && (
              <Button icon={<SwapOutlined />} disabled={!selected.length} onClick={() => setTransferring(true)}>
                {selected.length ? t('transfer.actionCount', { count: selected.length }) : t('transfer.action')}
              </Button>
            )}
            {can('customer.export') && <ExportButtons path="/customers" filters={list.filters} />}
            {can('customer.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/customers/new')}>
                {t('list.create')}
              </Button>
            )}
          </Space>
        }
      />
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <TextFilter name="number" label={t('fields.number')} width={170} />
        <TextFilter name="name" label={t('fields.name')} width={180} />
        <SelectFilter
          name="regionId"
          label={t('fields.region')}
          width={130}
          placeholder={t('list.allRegions')}
          options={(regions.data ?? []).map(option)}
        />
        {can('assignee.read') && (
          <SelectFilter
            name="managerId"
            label={t('fields.manager')}
            width={140}
            placeholder={t('list.allManagers')}
            options={(managers.data ?? []).map(option)}
          />
        )}
        <SelectFilter
          name="levelId"
          label={t('fields.level')}
          width={150}
          placeholder={t('list.allLevels')}
          options={(levels.data ?? []).map(option)}
        />
        <SelectFilter
          name="status"
          label={t('fields.status')}
          width={120}
          placeholder={t('list.allStatuses')}
          options={(['normal', 'lost'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
      </ListFilters>
      <Table<Customer>
        rowKey="id"
        columns={columns}
        rowSelection={
          canTransfer
            ? {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                // antd repeats the column titles in an aria-hidden measuring row: a select-all checkbox there would
                // be a focusable element hidden from assistive technology (axe: aria-hidden-focus)
                hideSelectAll: true,
                onChange: (keys) => setSelected(keys as number[]),
                // a pool customer has no manager to transfer from: it is assigned from the pool
                getCheckboxProps: (c) => ({
                  disabled: !c.manager,
                  title: c.manager ? undefined : t('transfer.poolRow'),
                }),
              }
            : undefined
        }
        {...list.tableProps}
      />
      {canTransfer && (
        <TransferDialog
          open={transferring}
          customerIds={selected}
          onDone={() => setSelected([])}
          onClose={() => setTransferring(false)}
        />
      )}
    </>
  );
}
