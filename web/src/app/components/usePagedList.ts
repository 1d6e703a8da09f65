import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableProps } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listParams, pagedListQuery, type Filters } from './listParams.ts';
import { useTableLayout } from './table.ts';

export { ALL, type Filters } from './listParams.ts';

/**
 * A server-paginated list whose page, page size and filters live in the address (`?page=2&pageSize=20&q=li`), so
 * reloading or going back shows the same list. Query key: `[path, params]` — invalidate with `{ queryKey: [path] }`.
 *
 *   const list = usePagedList<User>('/users', ['q', 'active']);
 *   <Table rowKey="id" columns={columns} {...list.tableProps} />
 *
 * `defaults`: filters that apply while the address does not name them (`?status=all` asks for none).
 */
export function usePagedList<T>(
  path: string,
  filterKeys: readonly string[] = [],
  defaultPageSize = 20,
  defaults: Filters = {},
) {
  const { t } = useTranslation();
  const layout = useTableLayout();
  const [search, setSearch] = useSearchParams();
  const keys = filterKeys.join(',');
  const defaultsKey = JSON.stringify(defaults);
  const { page, pageSize, filters, params } = useMemo(
    () => listParams(search, keys ? keys.split(',') : [], defaultPageSize, JSON.parse(defaultsKey) as Filters),
    [search, keys, defaultPageSize, defaultsKey],
  );
  const query = useQuery({ ...pagedListQuery<T>(path, params), placeholderData: keepPreviousData });

  const update = useCallback(
    (changes: Record<string, string | number | undefined>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );

  /** New filters start again at page 1. */
  const setFilters = useCallback(
    (f: Filters) =>
      update({ ...Object.fromEntries(Object.keys(filters).map((k) => [k, undefined])), ...f, page: undefined }),
    [update, filters],
  );

  const tableProps: TableProps<T> = {
    ...layout,
    dataSource: query.data?.items ?? [],
    loading: query.isFetching,
    pagination: {
      current: page,
      pageSize,
      total: query.data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (total) => t('common:total', { total }),
    },
    onChange: (p) =>
      update({
        page: p.current === 1 ? undefined : p.current,
        pageSize: p.pageSize === defaultPageSize ? undefined : p.pageSize,
      }),
  };

  return { page, pageSize, filters, setFilters, query, tableProps };
}
