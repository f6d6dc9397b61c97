import { LeadDetail, LeadPage } from '@rumbo/flow';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';

const PAGE_SIZE = 100;
/** The first page has no cursor; typed so later pages may carry one. */
const FIRST_PAGE: string | null = null;

export const leadKeys = {
  all: ['leads'] as const,
  list: (q: string, segmentId: string | null) => [...leadKeys.all, 'list', q, segmentId] as const,
  detail: (id: string) => [...leadKeys.all, 'detail', id] as const,
};

/** Pages of leads by key, following the API's keyset cursors as the table scrolls. */
export function useLeadPages(q: string, segmentId: string | null) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: leadKeys.list(q, segmentId),
    initialPageParam: FIRST_PAGE,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (q.trim() !== '') params.set('q', q.trim());
      if (segmentId !== null) params.set('segmentId', segmentId);
      if (pageParam !== null) params.set('cursor', pageParam);
      return api.get(`/api/v1/leads?${params}`, LeadPage, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useLead(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: leadKeys.detail(id),
    queryFn: ({ signal }) => api.get(`/api/v1/leads/${id}`, LeadDetail, { signal }),
  });
}
