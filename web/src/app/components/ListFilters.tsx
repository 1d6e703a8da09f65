import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, type SelectProps } from 'antd';
import { useEffect, useEffectEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Filters } from './usePagedList.ts';

/**
 * The search bar above a list: its fields as children (`TextFilter`, `SelectFilter`, or any `Form.Item`), 查询 / 重置 buttons. Values are strings (dates as
 * `YYYY-MM-DD`); `toForm`/`fromForm` convert when a field needs another type (e.g. a DatePicker's dayjs).
 */
export function ListFilters<V extends Record<string, unknown>>({
  filters,
  onSearch,
  children,
  toForm = (f) => f as unknown as V,
  fromForm = (v) =>
    Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, x === undefined || x === null || x === '' ? undefined : String(x)]),
    ),
}: {
  filters: Filters;
  onSearch: (f: Filters) => void;
  children: ReactNode;
  toForm?: (f: Filters) => V;
  fromForm?: (v: V) => Filters;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  // the form shows the filters of the address whenever they change (a search, reset, back); `toForm` may be a new
  // function at each render, which must not refill the form
  const show = useEffectEvent((f: Filters) => {
    form.resetFields();
    form.setFieldsValue(toForm(f) as Parameters<typeof form.setFieldsValue>[0]);
  });
  useEffect(() => show(filters), [filters]);
  return (
    <Card size="small" style={{ marginBottom: 16 }} className="list-filters">
      {/* name: its fields' ids start with `filters_`, distinct from a dialog's fields of the same name */}
      <Form<V> form={form} name="filters" layout="inline" onFinish={(v) => onSearch(fromForm(v))} style={{ rowGap: 8 }}>
        {children}
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common:actions.search')}
          </Button>
          <Button style={{ marginInlineStart: 8 }} onClick={() => onSearch({})}>
            {t('common:actions.reset')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

type FilterField = { name: string; label: ReactNode; width: number };

/** A text to search for: `<TextFilter name="name" label={t('fields.name')} width={180} />`. */
export function TextFilter({ name, label, width, placeholder }: FilterField & { placeholder?: string }) {
  return (
    <Form.Item name={name} label={label}>
      <Input allowClear style={{ width }} placeholder={placeholder} />
    </Form.Item>
  );
}

/**
 * One of several values; cleared (`allowClear`, the default) it means all of them, which `placeholder` says.
 * `searchable` lets the user type to narrow a long list down.
 */
export function SelectFilter({
  name,
  label,
  width,
  placeholder,
  options,
  allowClear = true,
  searchable = false,
}: FilterField & {
  placeholder?: string;
  options: SelectProps['options'];
  allowClear?: boolean;
  searchable?: boolean;
}) {
  return (
    <Form.Item name={name} label={label}>
      <Select
        allowClear={allowClear}
        showSearch={searchable ? { optionFilterProp: 'label' } : undefined}
        style={{ width }}
        placeholder={placeholder}
        options={options}
      />
    </Form.Item>
  );
}
