import type { AuditEntry, Page, User } from '@crm/contracts';
import { AUDIT_ENTITIES } from '@crm/contracts/values';
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../../app/api.ts';
import { ListFilters, SelectFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList, type Filters } from '../../../app/components/usePagedList.ts';
import { useCan } from '../../../app/session.tsx';
import { ChangeView } from '../components/ChangeView.tsx';
import { WIDE_ONLY } from '../../../app/components/table.ts';

type FormValues = { userId?: string; entity?: string; dates?: [Dayjs, Dayjs] | null };

/** 操作日志: every change of data with who, when, before/after and request id; filters user, entity, dates. */
export function AuditLogPage() {
  const { t } = useTranslation('audit');
  const can = useCan();
  const list = usePagedList<AuditEntry>('/audit-log', ['userId', 'entity', 'from', 'to']);
  // The user filter offers names when the reader may list users; the log itself needs only audit.read.
  const users = useQuery({
    queryKey: ['/users', { pageSize: 100 }],
    queryFn: ({ signal }) => apiGet<Page<User>>('/users', { pageSize: 100 }, signal),
    enabled: can('user.manage'),
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('at'), dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: t('user'),
      dataIndex: 'user',
      render: (u: AuditEntry['user']) =>
        u?.displayName ?? <Typography.Text type="secondary">{t('system')}</Typography.Text>,
    },
    {
      title: t('action'),
      dataIndex: 'action',
      render: (a: string) => <Tag>{t(`actions.${a}`, { defaultValue: a })}</Tag>,
    },
    { title: t('entity'), dataIndex: 'entity', render: (e: string) => t(`entities.${e}`, { defaultValue: e }) },
    { title: t('entityId'), dataIndex: 'entityId', responsive: WIDE_ONLY },
    {
      title: t('requestId'),
      dataIndex: 'requestId',
      responsive: WIDE_ONLY,
      render: (v: string | null) =>
        v && (
          <Typography.Text type="secondary" copyable>
            {v}
          </Typography.Text>
        ),
    },
  ];

  const toForm = (f: Filters): FormValues => ({
    userId: f.userId,
    entity: f.entity,
    dates: f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null,
  });
  const fromForm = (v: FormValues): Filters => ({
    userId: v.userId || undefined,
    entity: v.entity || undefined,
    from: v.dates?.[0]?.format('YYYY-MM-DD'),
    to: v.dates?.[1]?.format('YYYY-MM-DD'),
  });

  return (
    <>
      <PageHeader title={t('title')} />
      <ListFilters<FormValues> filters={list.filters} onSearch={list.setFilters} toForm={toForm} fromForm={fromForm}>
        <Form.Item name="userId" label={t('user')}>
          {users.data ? (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
              placeholder={t('allUsers')}
              options={users.data.items.map((u) => ({
                value: String(u.id),
                label: `${u.displayName} (${u.username})`,
              }))}
            />
          ) : (
            <Input allowClear style={{ width: 120 }} inputMode="numeric" />
          )}
        </Form.Item>
        <SelectFilter
          name="entity"
          label={t('entity')}
          width={180}
          searchable
          placeholder={t('allEntities')}
          options={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`entities.${e}`) }))}
        />
        <Form.Item name="dates" label={t('dates')}>
          <DatePicker.RangePicker />
        </Form.Item>
      </ListFilters>
      <Table<AuditEntry>
        rowKey="id"
        columns={columns}
        expandable={{ expandedRowRender: (e) => <ChangeView before={e.before} after={e.after} /> }}
        {...list.tableProps}
      />
    </>
  );
}
