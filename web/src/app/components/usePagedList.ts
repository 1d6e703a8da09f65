import type { Page } from '@crm/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableProps } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiGet } from '../api.ts';
import { useTableLayout } from './table.ts';

export type Filters = Record<string, string | undefined>;

/** The value of a filter that has a default, meaning "no filter" (e.g. every status where the list shows one). */
export const ALL = 'all';

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
  const page = Math.max(1, Number(search.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(search.get('pageSize')) || defaultPageSize));
  const keys = filterKeys.join(',');
  const defaultsKey = JSON.stringify(defaults);
  const filters = useMemo(() => {
    const fallback = JSON.parse(defaultsKey) as Filters;
    const f: Filters = {};
    for (const k of keys ? keys.split(',') : []) f[k] = search.get(k) ?? fallback[k];
    return f;
  }, [search, keys, defaultsKey]);

  const sent = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v === ALL ? undefined : v]));
  const params = { ...sent, page, pageSize };
  const query = useQuery({
    queryKey: [path, params],
    queryFn: ({ signal }) => apiGet<Page<T>>(path, params, signal),
    placeholderData: keepPreviousData,
  });

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
