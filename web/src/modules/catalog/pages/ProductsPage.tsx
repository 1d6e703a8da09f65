import type { Product } from '@crm/contracts';
import { Alert, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ListFilters, TextFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { errorText } from '../../../app/feedback.ts';
import { WIDE_ONLY } from '../../../app/components/table.ts';

const money = (v: number) => v.toFixed(2);

/**
 * 查询产品 (docs/product.md#product-and-inventory-lookup, rule 1): searched by name, model and batch in the sales system.
 */
export function ProductsPage() {
  const { t } = useTranslation('catalog');
  const list = usePagedList<Product>('/products', ['name', 'model', 'batch']);
  const columns: TableColumnsType<Product> = [
    { title: t('products.name'), dataIndex: 'name' },
    { title: t('products.model'), dataIndex: 'model' },
    { title: t('products.batch'), dataIndex: 'batch', responsive: WIDE_ONLY },
    { title: t('products.unit'), dataIndex: 'unit', responsive: WIDE_ONLY },
    { title: t('products.price'), dataIndex: 'price', align: 'right', render: money },
    { title: t('products.memo'), dataIndex: 'memo', responsive: WIDE_ONLY },
  ];
  return (
    <>
      <PageHeader title={t('products.title')}>
        <span className="text-muted">{t('source')}</span>
      </PageHeader>
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <TextFilter name="name" label={t('products.name')} width={180} />
        <TextFilter name="model" label={t('products.model')} width={140} />
        <TextFilter name="batch" label={t('products.batch')} width={140} />
      </ListFilters>
      {list.query.isError && (
        <Alert type="warning" showIcon title={errorText(list.query.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<Product> rowKey="id" columns={columns} {...list.tableProps} />
    </>
  );
}
