import { createdByText } from './ServiceSource.tsx';
import type { Service, ServiceStatus } from '@crm/contracts';
import { Button, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWorkList } from '../api.ts';
import { when } from './ServiceFacts.tsx';
import { ROW_ACTIONS, useTableLayout, WIDE_ONLY } from '../../../app/components/table.ts';
import { leadingColumns } from './serviceColumns.tsx';

/**
 * The list behind one step of the flow (services waiting for this step), each row with the step's action button.
 * Newest first, paginated by the server.
 */
export function WorkList({
  fixed,
  actionLabel,
  onAction,
  emptyText,
  showHandledAt = false,
  showAssignedAt = false,
}: {
  fixed: { status: ServiceStatus; assignee?: 'me' };
  actionLabel: string;
  onAction: (s: Service) => void;
  emptyText: string;
  showHandledAt?: boolean;
  /** The time the workbench shows for a service to handle (issue 14, item 10). */
  showAssignedAt?: boolean;
}) {
  const { t } = useTranslation('services');
  const { query, page, setPage } = useWorkList(fixed);
  const layout = useTableLayout();
  const columns: TableColumnsType<Service> = [
    ...leadingColumns(t),
    {
      title: t('field.createdBy'),
      key: 'createdBy',
      responsive: WIDE_ONLY,
      render: (_, s) => createdByText(t, s),
    },
    { title: t('field.createdAt'), dataIndex: 'createdAt', responsive: WIDE_ONLY, render: when },
    ...(showAssignedAt
      ? [{ title: t('field.assignedAt'), dataIndex: 'assignedAt', responsive: WIDE_ONLY, render: when }]
      : []),
    ...(showHandledAt
      ? [{ title: t('field.handledAt'), dataIndex: 'handledAt', responsive: WIDE_ONLY, render: when }]
      : []),
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, s) => (
        <Button type="link" size="small" onClick={() => onAction(s)} aria-label={`${actionLabel} ${s.number}`}>
          {actionLabel}
        </Button>
      ),
    },
  ];
  return (
    <Table<Service>
      rowKey="id"
      columns={columns}
      {...layout}
      dataSource={query.data?.items ?? []}
      loading={query.isFetching}
      locale={{ emptyText }}
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: query.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (total) => t('common:total', { total }),
      }}
      onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
    />
  );
}
