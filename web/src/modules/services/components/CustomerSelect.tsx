import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerSearch } from '../api.ts';

/** Picks a customer by typing part of its name (the server searches); value is the customer's id. */
export function CustomerSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: number;
  onChange?: (v: number | undefined) => void;
}) {
  const { t } = useTranslation('services');
  const [text, setText] = useState('');
  const search = useCustomerSearch(useDeferredValue(text.trim()));
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={t('create.customerPlaceholder')}
      notFoundContent={search.isFetching ? undefined : t('create.noCustomer')}
      loading={search.isFetching}
      options={(search.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.number}）` }))}
    />
  );
}
