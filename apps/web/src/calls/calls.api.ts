import {
  assertNever,
  CallCampaigns,
  CallCapacity,
  CallDay,
  type CallEventBody,
  type CallOutcomeBody,
  CallOutcomeResult,
  CallReport,
  CallTaskDetail,
  type CallTaskFilter,
  CallTaskList,
  CallTaskRow,
  type SnoozeBody,
} from '@rumbo/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';

export const callKeys = {
  all: ['call-tasks'] as const,
  campaigns: () => [...callKeys.all, 'campaigns'] as const,
  list: (campaignId: string | null, status: CallTaskFilter) =>
    [...callKeys.all, 'list', campaignId, status] as const,
  detail: (id: string) => [...callKeys.all, 'detail', id] as const,
  report: (campaignId: string) => [...callKeys.all, 'report', campaignId] as const,
};

export function useCallCampaigns() {
  const api = useApi();
  return useQuery({
    queryKey: callKeys.campaigns(),
    queryFn: ({ signal }) => api.get('/api/v1/call-tasks/campaigns', CallCampaigns, { signal }),
  });
}

/** The whole list of one campaign (or all), read at once and virtualised on screen. */
export function useCallTasks(campaignId: string | null, status: CallTaskFilter) {
  const api = useApi();
  return useQuery({
    queryKey: callKeys.list(campaignId, status),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ status });
      if (campaignId !== null) params.set('campaignId', campaignId);
      return api.get(`/api/v1/call-tasks?${params}`, CallTaskList, { signal });
    },
    placeholderData: (previous) => previous,
  });
}

export function useCallTask(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: callKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get(`/api/v1/call-tasks/${id}`, CallTaskDetail, { signal }),
    enabled: id !== null,
  });
}

export function useCallReport(campaignId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: callKeys.report(campaignId ?? ''),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/call-tasks/report?campaignId=${campaignId}`, CallReport, { signal }),
    enabled: campaignId !== null,
  });
}

export type CallAction =
  | { kind: 'snooze'; body: SnoozeBody }
  | { kind: 'event'; body: CallEventBody }
  | { kind: 'outcome'; body: CallOutcomeBody };

/** Every action on a task; afterwards the list, the card and the report are read again. */
export function useCallAction() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action }: { id: string; action: CallAction }) => {
      const base = `/api/v1/call-tasks/${id}`;
      switch (action.kind) {
        case 'snooze':
          return api.send('POST', `${base}/snooze`, action.body, CallTaskRow);
        case 'event':
          return api.send('POST', `${base}/events`, action.body, CallTaskRow);
        case 'outcome':
          return (await api.send('POST', `${base}/outcome`, action.body, CallOutcomeResult)).task;
        default:
          return assertNever(action);
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: callKeys.all }),
  });
}

export function useAddCallLead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { campaignId: string; leadKey: string }) =>
      api.send('POST', '/api/v1/call-tasks', body, CallTaskRow),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: callKeys.all }),
  });
}

/** Sets or clears (null) the campaign's calls per day; the list is read again. */
export function useSetCapacity() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { campaignId: string; perDay: number | null }) =>
      api.send('PUT', '/api/v1/call-tasks/capacity', body, CallCapacity),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: callKeys.all }),
  });
}

/** The call centre's time zone: each day of call capacity starts at midnight there. */
export function useCallDay() {
  const api = useApi();
  return useQuery({
    queryKey: [...callKeys.all, 'day'],
    queryFn: ({ signal }) => api.get('/api/v1/call-tasks/day', CallDay, { signal }),
  });
}

export function useSetCallDay() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CallDay) => api.send('PUT', '/api/v1/call-tasks/day', body, CallDay),
    // Every campaign's "today" (used, remaining, queued until) moves with the zone.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: callKeys.all }),
  });
}
