import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { ROW_ACTIONS } from '../../../app/components/table.ts';

/** The dialog that adds a record (`record` undefined) or edits one. */
export type RecordDialogProps<R> = { customerId: number; record?: R; open: boolean; onClose: () => void };

/** What one kind of a customer's records (contacts, interaction records) needs to be listed in a tab. */
export type RecordsConfig<R extends { id: number }> = {
  /** Their texts' prefix in the `customers` namespace: `<texts>.add`, `<texts>.empty`, and the columns' titles. */
  texts: 'contacts' | 'activities';
  path: (customerId: number) => string;
  remove: (customerId: number, id: number) => Promise<unknown>;
  columns: (t: TFunction<'customers'>) => TableColumnsType<R>;
  Dialog: ComponentType<RecordDialogProps<R>>;
  /** More actions of a row, after edit and delete (a contact's portal access). */
  rowActions?: (record: R, customerId: number) => ReactNode;
};

/**
 * A tab of the customer page listing one kind of its records, ten a page; where the user may edit the customer, with
 * 新增 above and edit / delete on each row.
 */
export function RecordsTab<R extends { id: number }>({
  config,
  customerId,
  editable,
}: {
  config: RecordsConfig<R>;
  customerId: number;
  editable: boolean;
}) {
  const { t } = useTranslation('customers');
  const list = usePagedList<R>(config.path(customerId), [], 10);
  const [editing, setEditing] = useState<R | 'new'>();
  const columns = config.columns(t);
  if (editable) {
    columns.push({
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
            {t('common:actions.edit')}
          </Button>
          <DeleteButton onDelete={() => config.remove(customerId, r.id)} />
          {config.rowActions?.(r, customerId)}
        </Space>
      ),
    });
  }
  const { Dialog } = config;
  return (
    <>
      {editable && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          {t(`${config.texts}.add`)}
        </Button>
      )}
      <Table<R> rowKey="id" columns={columns} locale={{ emptyText: t(`${config.texts}.empty`) }} {...list.tableProps} />
      <Dialog
        customerId={customerId}
        record={editing === 'new' ? undefined : editing}
        open={!!editing}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}

/** A required text field's rule, with the field's label of the records' texts in its message. */
export const requiredText = (t: TFunction<'customers'>, texts: RecordsConfig<never>['texts'], field: string) => ({
  required: true,
  whitespace: true,
  message: t('common:required', { field: t(`${texts}.${field}`) }),
});
