import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { ListFilters, SelectFilter, TextFilter } from '../../../app/components/ListFilters.tsx';
import type { Filters } from '../../../app/components/usePagedList.ts';
import { DepartmentSelect } from '../../organisation/components/DepartmentSelect.tsx';

type Values = { q?: string; active?: string; departmentId?: number };

/** The search bar of a list of users (用户管理, 我的团队): name, status, department — `GET /users` and `GET /team`. */
export function UserFilters({ filters, onSearch }: { filters: Filters; onSearch: (f: Filters) => void }) {
  const { t } = useTranslation('access');
  return (
    <ListFilters<Values>
      filters={filters}
      onSearch={onSearch}
      toForm={(f) => ({ ...f, departmentId: f.departmentId ? Number(f.departmentId) : undefined })}
    >
      <TextFilter name="q" label={t('users.search')} width={200} />
      <SelectFilter
        name="active"
        label={t('users.status')}
        width={120}
        placeholder={t('users.all')}
        options={[
          { value: 'true', label: t('users.active') },
          { value: 'false', label: t('users.disabled') },
        ]}
      />
      <Form.Item name="departmentId" label={t('users.department')}>
        <DepartmentSelect placeholder={t('users.all')} style={{ width: 200 }} />
      </Form.Item>
    </ListFilters>
  );
}
