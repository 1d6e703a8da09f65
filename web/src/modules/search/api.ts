import type { SearchAnswer } from '@crm/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../app/api.ts';

/** Global search (docs/search.md): the answer for what was typed, the previous one kept on screen meanwhile. */
export const useSearch = (q: string) =>
  useQuery({
    queryKey: ['/search', q],
    queryFn: ({ signal }) => apiGet<SearchAnswer>('/search', { q, limit: 5 }, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
