import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import type { SearchParams, SearchResponse } from '../../../core/api/search.ts';

/** GET /search: one page of the records the user may see holding every word. */
export const useSearch = (p: SearchParams) =>
  useQuery({
    queryKey: ['search', p],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => get<SearchResponse>('/search', { ...p }, signal),
    enabled: p.q.trim().length > 0,
    staleTime: 10_000,
  });
