import { EditOutlined, PlusOutlined, ScheduleOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Opportunity } from '@crm/contracts';
import { BULK_ASSIGN_MAX, OPPORTUNITY_STATUSES } from '@crm/contracts/values';
import { Button, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { ListFilters, SelectFilter, TextFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { useCan } from '../../../app/session.tsx';
import { deleteOpportunity, OPPORTUNITIES } from '../api.ts';
import { AssignDialog } from '../components/AssignDialog.tsx';
import { BulkAssignDialog } from '../components/BulkAssignDialog.tsx';
import { yuan } from '../stages.ts';
import { OpportunityFormDialog } from '../components/OpportunityFormDialog.tsx';
import { OpportunityStatusTag } from '../components/OpportunityStatusTag.tsx';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';

const PLAN_STATUSES = OPPORTUNITY_STATUSES.filter((s) => s !== 'unassigned');

/**
 * 客户开发计划 (docs/product.md#development-plans, rule 1): the same list, of opportunities in development (or closed), to
 * open their plans.
 */
export function DevelopmentPlansPage() {
  return <OpportunitiesPage plans />;
}

/**
 * 销售机会管理 (docs/product.md#opportunities, rule 8): the opportunities the user may see, newest first, filtered by status,
 * customer name, summary and contact; each row offers the actions its `abilities` (the server's answer) allow.
 */
export function OpportunitiesPage({ plans = false }: { plans?: boolean }) {
  const { t, i18n } = useTranslation('opportunities');
  const can = useCan();
  // 批量指派 (docs/pipeline.md#bulk-assignment): rows that may be assigned, selected across pages
  const [selected, setSelected] = useState<Opportunity[]>([]);
  const [bulk, setBulk] = useState(false);
  const bulkAllowed = !plans && can('opportunity.assign');
  const list = usePagedList<Opportunity>(OPPORTUNITIES, ['status', 'customerName', 'summary', 'contactName']);
  const [editing, setEditing] = useState<Opportunity | 'new'>();
  const [assigning, setAssigning] = useState<Opportunity>();
  const { filters, setFilters } = list;
  // the plans list always shows one of the statuses that have a plan, `assigned` unless chosen otherwise; the new
  // address makes `ready` true, so this runs once
  const ready = !plans || PLAN_STATUSES.includes(filters.status as (typeof PLAN_STATUSES)[number]);
  useEffect(() => {
    if (!ready) setFilters({ ...filters, status: 'assigned' });
  }, [ready, filters, setFilters]);

  const columns: TableColumnsType<Opportunity> = [
    {
      // the customer's own page once the opportunity has become one (issue 14, item 10)
      title: t('field.customerName'),
      dataIndex: 'customerName',
      render: (name: string, o) => (o.customerId ? <Link to={`/customers/${o.customerId}`}>{name}</Link> : name),
    },
    {
      title: t('field.summary'),
      dataIndex: 'summary',
      ellipsis: true,
      render: (summary: string, o) => <Link to={`${OPPORTUNITIES}/${o.id}`}>{summary}</Link>,
    },
    {
      title: t('field.contactName'),
      dataIndex: 'contactName',
      responsive: WIDE_ONLY,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('field.successRate'),
      dataIndex: 'successRate',
      align: 'right',
      responsive: WIDE_ONLY,
      render: (v: number) => `${v}%`,
    },
    {
      title: t('field.expectedAmount'),
      dataIndex: 'expectedAmount',
      align: 'right',
      responsive: WIDE_ONLY,
      render: (v: number | null) => yuan(v, i18n.language),
    },
    {
      title: t('field.expectedCloseDate'),
      dataIndex: 'expectedCloseDate',
      responsive: WIDE_ONLY,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('field.stage'),
      dataIndex: ['stage', 'item'],
      responsive: WIDE_ONLY,
      render: (v: string | undefined) => v ?? '—',
    },
    {
      title: t('field.status'),
      dataIndex: 'status',
      render: (s: Opportunity['status']) => <OpportunityStatusTag status={s} />,
    },
    { title: t('field.createdBy'), dataIndex: ['createdBy', 'displayName'], responsive: WIDE_ONLY },
    {
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      responsive: WIDE_ONLY,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('field.assignee'),
      dataIndex: 'assignee',
      responsive: WIDE_ONLY,
      render: (a: Opportunity['assignee']) => a?.displayName ?? '—',
    },
    {
      // the time the workbench shows for an opportunity to develop (issue 14, item 10)
      title: t('field.assignedAt'),
      dataIndex: 'assignedAt',
      responsive: WIDE_ONLY,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, o) => {
        const may = o.abilities; // what the server will allow this user
        return (
          <Space size={0} wrap>
            {may.edit && (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(o)}>
                {t('common:actions.edit')}
              </Button>
            )}
            {may.assign && (
              <Button type="link" size="small" icon={<UserAddOutlined />} onClick={() => setAssigning(o)}>
                {t('list.assign')}
              </Button>
            )}
            {may.delete && <DeleteButton onDelete={() => deleteOpportunity(o.id)} />}
            {o.status !== 'unassigned' && (
              <Link to={`${OPPORTUNITIES}/${o.id}`} style={{ paddingInline: 8, whiteSpace: 'nowrap' }}>
                <ScheduleOutlined /> {may.plan ? t('list.openPlan') : t('list.view')}
              </Link>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={plans ? t('list.plansTitle') : t('list.title')}
        extra={
          !plans && (
            <>
              {bulkAllowed && selected.length > 0 && (
                <Button
                  icon={<TeamOutlined />}
                  disabled={selected.length > BULK_ASSIGN_MAX}
                  title={selected.length > BULK_ASSIGN_MAX ? t('bulk.tooMany', { max: BULK_ASSIGN_MAX }) : undefined}
                  onClick={() => setBulk(true)}
                >
                  {t('bulk.assign', { count: selected.length })}
                </Button>
              )}
              {can('opportunity.create') && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('list.create')}
                </Button>
              )}
            </>
          )
        }
      />
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <SelectFilter
          name="status"
          label={t('field.status')}
          width={140}
          allowClear={!plans}
          placeholder={t('list.allStatuses')}
          options={(plans ? PLAN_STATUSES : OPPORTUNITY_STATUSES).map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <TextFilter name="customerName" label={t('field.customerName')} width={180} />
        <TextFilter name="summary" label={t('field.summary')} width={160} />
        <TextFilter name="contactName" label={t('field.contactName')} width={140} />
      </ListFilters>
      <Table<Opportunity>
        rowKey="id"
        columns={columns}
        {...list.tableProps}
        dataSource={ready ? list.tableProps.dataSource : []}
        rowSelection={
          bulkAllowed
            ? {
                preserveSelectedRowKeys: true,
                // a select-all checkbox would be repeated in antd's aria-hidden measuring row: a focusable element
                // hidden from assistive technology (axe: aria-hidden-focus), as on the customer list
                hideSelectAll: true,
                selectedRowKeys: selected.map((o) => o.id),
                onChange: (_, rows) =>
                  setSelected((prev) => {
                    // rows of other pages stay selected; antd gives only this page's rows (undefined for others)
                    const here = new Set(list.tableProps.dataSource?.map((o) => o.id));
                    return [...prev.filter((o) => !here.has(o.id)), ...rows.filter(Boolean)];
                  }),
                getCheckboxProps: (o) => ({ disabled: !o.abilities.assign, 'aria-label': o.customerName }),
              }
            : undefined
        }
      />
      <BulkAssignDialog
        selected={bulk ? selected : undefined}
        onClose={() => setBulk(false)}
        onDone={() => setSelected([])}
      />
      <OpportunityFormDialog
        open={!!editing}
        opportunity={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
      <AssignDialog opportunity={assigning} onClose={() => setAssigning(undefined)} />
    </>
  );
}
