import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../api.ts';
import { departmentTree } from '../tree.ts';

/**
 * A department picked from the tree (a Form.Item's control: `value` / `onChange`); `without` is not offered, nor
 * anything below it. Cleared, the value is null: no department (or, for a parent, the top of the tree).
 */
export function DepartmentSelect({
  value,
  onChange,
  without,
  placeholder,
  id,
  style,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  without?: number;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation('organisation');
  const departments = useDepartments();
  const treeData = useMemo(() => departmentTree(departments.data ?? [], without), [departments.data, without]);
  return (
    <TreeSelect<number | null>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={treeData}
      loading={departments.isLoading}
      allowClear
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder ?? t('noDepartment')}
      notFoundContent={t('empty')}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
