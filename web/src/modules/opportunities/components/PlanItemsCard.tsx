import { CheckSquareOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { PlanItem } from '@crm/contracts';
import { Button, Card, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { FIT_WIDTH, ROW_ACTIONS } from '../../../app/components/table.ts';
import { deletePlanItem, usePlanItems } from '../api.ts';
import { PlanItemDialog, type PlanItemEdit } from './PlanItemDialog.tsx';

/**
 * The plan: items in date order; while `mayPlan`, add, edit, delete and record results
 * (docs/product.md#development-plans, rules 3 and 4).
 */
export function PlanItemsCard({ opportunityId, mayPlan }: { opportunityId: number; mayPlan: boolean }) {
  const { t } = useTranslation('opportunities');
  const items = usePlanItems(opportunityId);
  const [editing, setEditing] = useState<PlanItemEdit>();

  const columns: TableColumnsType<PlanItem> = [
    { title: t('plan.date'), dataIndex: 'date', width: 120 },
    {
      title: t('plan.content'),
      dataIndex: 'content',
      render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
    },
    {
      title: t('plan.result'),
      dataIndex: 'result',
      render: (v: string | null) =>
        v ? (
          <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>
        ) : (
          <Typography.Text type="secondary">{t('plan.noResult')}</Typography.Text>
        ),
    },
  ];
  if (mayPlan) {
    columns.push({
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, item) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<CheckSquareOutlined />}
            onClick={() => setEditing({ mode: 'result', item })}
          >
            {t('plan.recordResult')}
          </Button>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', item })}>
            {t('common:actions.edit')}
          </Button>
          <DeleteButton onDelete={() => deletePlanItem(opportunityId, item.id)} />
        </Space>
      ),
    });
  }

  return (
    <Card
      size="small"
      title={t('plan.title')}
      style={{ marginBottom: 16 }}
      extra={
        mayPlan && (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add' })}>
            {t('plan.add')}
          </Button>
        )
      }
    >
      <Table<PlanItem>
        rowKey="id"
        size="small"
        columns={columns}
        {...FIT_WIDTH}
        dataSource={items.data ?? []}
        loading={items.isFetching}
        pagination={false}
        locale={{ emptyText: t('plan.empty') }}
        data-testid="plan-items"
      />
      <PlanItemDialog opportunityId={opportunityId} editing={editing} onClose={() => setEditing(undefined)} />
    </Card>
  );
}
