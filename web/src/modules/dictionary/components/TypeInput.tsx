import { AutoComplete } from 'antd';
import { useTranslation } from 'react-i18next';
import { typeLabel, useDictionaryTypes } from '../api.ts';

/** The type field: free text that offers the existing types as you type (SPEC §7), system types with their names. */
export function TypeInput({
  value,
  onChange,
  id,
  autoFocus,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('dictionary');
  const types = useDictionaryTypes();
  const text = (value ?? '').toLowerCase();
  const options = (types.data ?? [])
    .filter((type) => !text || type.toLowerCase().includes(text) || typeLabel(t, type).toLowerCase().includes(text))
    .map((type) => ({ value: type, label: typeLabel(t, type) === type ? type : `${typeLabel(t, type)} (${type})` }));
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      autoFocus={autoFocus}
      placeholder={t('typeHint')}
    />
  );
}
