import { AutoComplete } from 'antd';
import { useTranslation } from 'react-i18next';
import { typeLabel, useDictionaryTypes } from '../api.ts';

/**
 * The type field: free text that offers the existing types as you type (docs/product.md#data-dictionary, rule 1). The
 * system's own types show by their names in the reader's language (地区, not `region`) while the form keeps their codes:
 * what is typed or picked becomes the code of the type of that name, anything else is a new type as typed.
 */
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
  const known = types.data ?? [];
  const shown = value ? typeLabel(t, value) : '';
  const toType = (text: string) =>
    known.includes(text) ? text : (known.find((type) => typeLabel(t, type) === text) ?? text);
  const typed = shown.toLowerCase();
  const options = known
    .filter((type) => !typed || type.toLowerCase().includes(typed) || typeLabel(t, type).toLowerCase().includes(typed))
    .map((type) => ({ value: typeLabel(t, type) }));
  return (
    <AutoComplete
      id={id}
      value={shown}
      onChange={(text: string) => onChange?.(toType(text))}
      options={options}
      autoFocus={autoFocus}
      placeholder={t('typeHint')}
    />
  );
}
