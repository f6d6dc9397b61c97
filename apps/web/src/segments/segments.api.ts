import {
  SegmentDetail,
  SegmentFields,
  SegmentList,
  SegmentPreview,
  SegmentSaved,
  StaticListReport,
} from '@rumbo/flow';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import type { ApiClient } from '../api/api-client.ts';
import { useApi } from '../api/api-context.tsx';
import type { RuleJson } from './builder/rule-mapping.ts';

/** Query keys in one place, so saving a segment refreshes the list and the fields. */
export const segmentKeys = {
  all: ['segments'] as const,
  list: () => [...segmentKeys.all, 'list'] as const,
  detail: (id: string) => [...segmentKeys.all, 'detail', id] as const,
  fields: () => [...segmentKeys.all, 'fields'] as const,
  preview: (rule: RuleJson | null) =>
    [...segmentKeys.all, 'preview', JSON.stringify(rule)] as const,
};

export function useSegments() {
  const api = useApi();
  return useQuery({
    queryKey: segmentKeys.list(),
    queryFn: ({ signal }) => api.get('/api/v1/segments', SegmentList, { signal }),
  });
}

export function useSegment(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: segmentKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get(`/api/v1/segments/${id}`, SegmentDetail, { signal }),
    enabled: id !== null,
  });
}

export function useSegmentFields() {
  const api = useApi();
  return useQuery({
    queryKey: segmentKeys.fields(),
    queryFn: ({ signal }) => api.get('/api/v1/segments/fields', SegmentFields, { signal }),
    staleTime: 60_000,
  });
}

/** The live count and sample; keeps showing the last answer while the next one loads. */
export function useSegmentPreview(rule: RuleJson | null) {
  const api = useApi();
  return useQuery({
    queryKey: segmentKeys.preview(rule),
    queryFn: ({ signal }) =>
      api.send('POST', '/api/v1/segments/preview', { rule }, SegmentPreview, { signal }),
    enabled: rule !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export interface SegmentDraft {
  name: string;
  description: string;
}

export function saveFilterSegment(
  api: ApiClient,
  id: string | null,
  draft: SegmentDraft,
  rule: RuleJson,
) {
  return id === null
    ? api.send('POST', '/api/v1/segments', { kind: 'filter', ...draft, rule }, SegmentSaved)
    : api.send('PATCH', `/api/v1/segments/${id}`, { ...draft, rule }, SegmentSaved);
}

export function saveStaticList(
  api: ApiClient,
  draft: SegmentDraft,
  text: string,
  fileName?: string,
) {
  const source = fileName === undefined ? { text } : { text, fileName };
  return api.send('POST', '/api/v1/segments', { kind: 'static', ...draft, source }, SegmentSaved);
}

export function checkStaticList(api: ApiClient, text: string) {
  return api.send('POST', '/api/v1/segments/static-preview', { text }, StaticListReport);
}

export function deleteSegment(api: ApiClient, id: string) {
  return api.send('DELETE', `/api/v1/segments/${id}`, undefined, z.unknown());
}
