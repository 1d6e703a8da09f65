import type { InventoryItem } from '@crm/contracts';
import { Alert, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ListFilters, TextFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { errorText } from '../../../app/feedback.ts';
import { WIDE_ONLY } from '../../../app/components/table.ts';

/**
 * 查询库存 (docs/product.md#product-and-inventory-lookup, rule 2): searched by product and warehouse — product, warehouse,
 * location, quantity, note.
 */
export function InventoryPage() {
  const { t } = useTranslation('catalog');
  const list = usePagedList<InventoryItem>('/inventory', ['product', 'warehouse']);
  const columns: TableColumnsType<InventoryItem> = [
    { title: t('inventory.product'), key: 'product', render: (_, i) => `${i.productName}-${i.model}-${i.batch}` },
    { title: t('inventory.warehouse'), dataIndex: 'warehouse' },
    { title: t('inventory.location'), dataIndex: 'location', responsive: WIDE_ONLY },
    { title: t('inventory.quantity'), dataIndex: 'quantity', align: 'right' },
    { title: t('inventory.memo'), dataIndex: 'memo', responsive: WIDE_ONLY },
  ];
  return (
    <>
      <PageHeader title={t('inventory.title')}>
        <span className="text-muted">{t('source')}</span>
      </PageHeader>
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <TextFilter
          name="product"
          label={t('inventory.product')}
          width={200}
          placeholder={t('inventory.productHint')}
        />
        <TextFilter name="warehouse" label={t('inventory.warehouse')} width={160} />
      </ListFilters>
      {list.query.isError && (
        <Alert type="warning" showIcon title={errorText(list.query.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<InventoryItem> rowKey="id" columns={columns} {...list.tableProps} />
    </>
  );
}
