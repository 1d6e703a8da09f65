import type { Service, ServiceStatus } from '@crm/contracts';
import { SERVICE_STATUSES } from '@crm/contracts/values';
import { DatePicker, Form, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListFilters, SelectFilter, TextFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { Stars } from '../../../app/components/Stars.tsx';
import { ALL, usePagedList, type Filters } from '../../../app/components/usePagedList.ts';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { SERVICES } from '../api.ts';
import { ServiceStatusTag } from '../components/ServiceStatusTag.tsx';
import { when } from '../components/ServiceFacts.tsx';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';
import { leadingColumns } from '../components/serviceColumns.tsx';

type FormValues = {
  customerName?: string;
  summary?: string;
  typeId?: number;
  status?: string;
  overdue?: string;
  created?: [Dayjs | null, Dayjs | null] | null;
};
const DAY = 'YYYY-MM-DD';

const toForm = (f: Filters): FormValues => ({
  customerName: f.customerName,
  summary: f.summary,
  typeId: f.typeId ? Number(f.typeId) : undefined,
  status: f.status,
  overdue: f.overdue ?? ALL,
  created:
    f.createdFrom || f.createdTo
      ? [f.createdFrom ? dayjs(f.createdFrom) : null, f.createdTo ? dayjs(f.createdTo) : null]
      : null,
});
const fromForm = (v: FormValues): Filters => ({
  customerName: v.customerName?.trim() || undefined,
  summary: v.summary?.trim() || undefined,
  typeId: v.typeId ? String(v.typeId) : undefined,
  status: v.status || undefined,
  overdue: v.overdue === 'true' ? 'true' : undefined,
  createdFrom: v.created?.[0]?.format(DAY),
  createdTo: v.created?.[1]?.format(DAY),
});

/**
 * 服务归档 (docs/product.md#customer-service, rule 5): the archived services, searched by customer, summary, type and
 * creation date range; the status filter shows the others too (issue 14, item 10).
 */
export function ServiceArchivePage() {
  const { t } = useTranslation('services');
  const types = useDictionaryEntries('serviceType');
  const list = usePagedList<Service>(
    SERVICES,
    ['customerName', 'summary', 'typeId', 'status', 'overdue', 'createdFrom', 'createdTo'],
    20,
    { status: 'archived' },
  );

  const columns: TableColumnsType<Service> = [
    ...leadingColumns(t),
    { title: t('field.status'), dataIndex: 'status', render: (s: ServiceStatus) => <ServiceStatusTag status={s} /> },
    {
      title: t('field.assignee'),
      key: 'assignee',
      responsive: WIDE_ONLY,
      render: (_, s) => s.assignee?.displayName ?? '—',
    },
    {
      title: t('field.satisfaction'),
      dataIndex: 'satisfaction',
      responsive: WIDE_ONLY,
      render: (v: number | null) => (v === null ? '—' : <Stars value={v} />),
    },
    { title: t('field.createdAt'), dataIndex: 'createdAt', responsive: WIDE_ONLY, render: when },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, s) => (
        <Link to={`/services/${s.id}`} aria-label={`${t('archive.open')} ${s.number}`}>
          {t('archive.open')}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('archive.title')} />
      <ListFilters<FormValues> filters={list.filters} onSearch={list.setFilters} toForm={toForm} fromForm={fromForm}>
        <TextFilter name="customerName" label={t('field.customer')} width={180} />
        <TextFilter name="summary" label={t('field.summary')} width={180} />
        <SelectFilter
          name="typeId"
          label={t('field.type')}
          width={120}
          options={(types.data ?? []).map((e) => ({ value: e.id, label: e.item }))}
        />
        <Form.Item name="created" label={t('field.createdRange')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <SelectFilter
          name="status"
          label={t('field.status')}
          width={120}
          allowClear={false}
          options={[
            { value: ALL, label: t('archive.all') },
            ...SERVICE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <SelectFilter
          name="overdue"
          label={t('field.overdue')}
          width={120}
          allowClear={false}
          options={[
            { value: ALL, label: t('overdue.all') },
            { value: 'true', label: t('overdue.only') },
          ]}
        />
      </ListFilters>
      <Table<Service> rowKey="id" columns={columns} {...list.tableProps} />
    </>
  );
}
