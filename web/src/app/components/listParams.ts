import type { Page } from '@crm/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiGet, type QueryParams } from '../api.ts';

export type Filters = Record<string, string | undefined>;

/** The value of a filter that has a default, meaning "no filter" (e.g. every status where the list shows one). */
export const ALL = 'all';

/**
 * What a paged list's address names (`?page=2&pageSize=20&q=li`): its page, page size, filters and the request's
 * parameters. Read by the list itself (usePagedList) and by its page's prefetch (routing.tsx), so both ask alike.
 */
export function listParams(
  search: URLSearchParams,
  filterKeys: readonly string[],
  defaultPageSize = 20,
  defaults: Filters = {},
) {
  const page = Math.max(1, Number(search.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(search.get('pageSize')) || defaultPageSize));
  const filters: Filters = {};
  for (const k of filterKeys) filters[k] = search.get(k) ?? defaults[k];
  const sent = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, v === ALL ? undefined : v]));
  return { page, pageSize, filters, params: { ...sent, page, pageSize } as QueryParams };
}

/** A list page's query: key `[path, params]` — invalidate with `{ queryKey: [path] }`. */
export const pagedListQuery = <T>(path: string, params: QueryParams) =>
  queryOptions({
    queryKey: [path, params],
    queryFn: ({ signal }) => apiGet<Page<T>>(path, params, signal),
  });
