import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser, useUserSearch } from '../api.ts';

/** A department's leader: an active user found by username or name (docs/organisation.md#departments, rule 1). */
export function LeaderSelect({
  value,
  onChange,
  id,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
}) {
  const { t } = useTranslation('organisation');
  const [q, setQ] = useState('');
  const found = useUserSearch(q);
  const current = useUser(value);
  const options = (found.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  if (current.data && !options.some((o) => o.value === current.data.id))
    options.unshift({ value: current.data.id, label: `${current.data.displayName} (${current.data.username})` });
  return (
    <Select<number | null>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={found.isFetching}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('noLeader')}
      notFoundContent={t('empty')}
    />
  );
}
