import { EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { ListFilters, SelectFilter, TextFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { showError, showSuccess } from '../../../app/feedback.ts';
import { useCan } from '../../../app/session.tsx';
import { deleteEntry, DICTIONARY, typeLabel, useDictionaryTypes, useUpdateEntry, type DictionaryRow } from '../api.ts';
import { EntryFormDialog } from '../components/EntryFormDialog.tsx';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';

/**
 * 数据字典 (docs/product.md#data-dictionary, rules 4 and 5): filtered by type; editable entries can be edited, made
 * non-editable (one way) and deleted unless data uses them; non-editable ones are only shown.
 */
export function DictionaryPage() {
  const { t } = useTranslation('dictionary');
  const can = useCan();
  const manage = can('dictionary.manage');
  const list = usePagedList<DictionaryRow>(DICTIONARY, ['type', 'item']);
  const types = useDictionaryTypes();
  const update = useUpdateEntry();
  const [editing, setEditing] = useState<DictionaryRow | 'new'>();

  const makeReadOnly = (entry: DictionaryRow) =>
    update.mutate({ id: entry.id, editable: false }, { onSuccess: () => showSuccess('done'), onError: showError });

  const columns: TableColumnsType<DictionaryRow> = [
    { title: t('type'), dataIndex: 'type', render: (type: string) => typeLabel(t, type) },
    { title: t('item'), dataIndex: 'item' },
    { title: t('value'), dataIndex: 'value', responsive: WIDE_ONLY },
    {
      title: t('editable'),
      dataIndex: 'editable',
      responsive: WIDE_ONLY,
      render: (editable: boolean, e) => (
        <Space size={4}>
          {editable ? <Tag color="blue">{t('editable')}</Tag> : <Tag icon={<LockOutlined />}>{t('readOnly')}</Tag>}
          {e.inUse && <Tag>{t('inUse')}</Tag>}
        </Space>
      ),
    },
  ];
  if (manage) {
    columns.push({
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, entry) =>
        entry.editable ? (
          <Space size={0} wrap>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(entry)}>
              {t('common:actions.edit')}
            </Button>
            <Popconfirm
              title={t('confirmReadOnly')}
              okText={t('common:actions.confirm')}
              cancelText={t('common:actions.cancel')}
              onConfirm={() => makeReadOnly(entry)}
            >
              <Button type="link" size="small" icon={<LockOutlined />}>
                {t('makeReadOnly')}
              </Button>
            </Popconfirm>
            <DeleteButton
              onDelete={() => deleteEntry(entry.id)}
              disabledReason={entry.inUse ? t('inUseNoDelete') : undefined}
            />
          </Space>
        ) : (
          <span className="text-muted" title={t('readOnlyNoChange')}>
            —
          </span>
        ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('create')}
            </Button>
          )
        }
      />
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <SelectFilter
          name="type"
          label={t('type')}
          width={200}
          searchable
          placeholder={t('allTypes')}
          options={(types.data ?? []).map((type) => ({ value: type, label: typeLabel(t, type) }))}
        />
        <TextFilter name="item" label={t('item')} width={180} />
      </ListFilters>
      <Table<DictionaryRow> rowKey="id" columns={columns} {...list.tableProps} />
      <EntryFormDialog
        open={!!editing}
        entry={editing === 'new' ? undefined : editing}
        defaultType={list.filters.type}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
