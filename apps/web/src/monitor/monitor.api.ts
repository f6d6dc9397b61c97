import {
  AdvanceResult,
  assertNever,
  FastForwardResult,
  LaunchResult,
  LeadJourneyDetail,
  MonitorAlerts,
  MonitorCounts,
  MonitorOverview,
  NodeLeadPage,
  type NodeLeadState,
  RemovedLead,
  RetryResult,
  RunStatusResult,
} from '@rumbo/flow';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { RunAction, RunOutcome } from './run-bar.tsx';

const base = (campaignId: string) => `/api/v1/campaigns/${encodeURIComponent(campaignId)}`;

export const monitorKeys = {
  all: ['monitor'] as const,
  overview: (id: string, version: number | null) =>
    [...monitorKeys.all, 'overview', id, version] as const,
  leads: (id: string) => [...monitorKeys.all, 'leads', id] as const,
  nodeLeads: (id: string, nodeId: string, state: NodeLeadState, q: string, v: number | null) =>
    [...monitorKeys.leads(id), nodeId, state, q, v] as const,
  journey: (id: string, enrollmentId: string) =>
    [...monitorKeys.leads(id), 'journey', enrollmentId] as const,
  alerts: (id: string) => [...monitorKeys.all, 'alerts', id] as const,
};

export function useMonitorOverview(campaignId: string, version: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: monitorKeys.overview(campaignId, version),
    queryFn: ({ signal }) =>
      api.get(
        `${base(campaignId)}/monitor${version === null ? '' : `?version=${version}`}`,
        MonitorOverview,
        { signal },
      ),
    placeholderData: (previous) => previous,
  });
}

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * The campaign's counters over server-sent events: the first snapshot at once, then one per
 * change. EventSource reconnects by itself (the server asks for 2 s) after a restart.
 */
export function useLiveCounts(campaignId: string): {
  counts: MonitorCounts | null;
  state: StreamState;
} {
  const [counts, setCounts] = useState<MonitorCounts | null>(null);
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => {
    const source = new EventSource(`${base(campaignId)}/stats/stream`);
    source.addEventListener('counts', (event) => {
      const parsed = MonitorCounts.safeParse(JSON.parse(event.data));
      if (parsed.success) {
        setCounts(parsed.data);
        setState('live');
      }
    });
    source.addEventListener('error', () => setState('reconnecting'));
    return () => source.close();
  }, [campaignId]);
  return { counts, state };
}

export function useNodeLeads(
  campaignId: string,
  nodeId: string | null,
  filter: { state: NodeLeadState; q: string; version: number | null },
) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: monitorKeys.nodeLeads(
      campaignId,
      nodeId ?? '',
      filter.state,
      filter.q,
      filter.version,
    ),
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams({ state: filter.state, limit: '50' });
      if (filter.q !== '') params.set('q', filter.q);
      if (filter.version !== null) params.set('version', String(filter.version));
      if (pageParam !== null) params.set('cursor', pageParam);
      return api.get(
        `${base(campaignId)}/monitor/nodes/${encodeURIComponent(nodeId ?? '')}/leads?${params}`,
        NodeLeadPage,
        { signal },
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: nodeId !== null,
    placeholderData: (previous) => previous,
  });
}

export function useJourney(campaignId: string, enrollmentId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: monitorKeys.journey(campaignId, enrollmentId ?? ''),
    queryFn: ({ signal }) =>
      api.get(`${base(campaignId)}/monitor/journeys/${enrollmentId}`, LeadJourneyDetail, {
        signal,
      }),
    enabled: enrollmentId !== null,
  });
}

/** Stuck leads and call queues change slowly and cost a scan: every 10 s is enough. */
export function useMonitorAlerts(campaignId: string) {
  const api = useApi();
  return useQuery({
    queryKey: monitorKeys.alerts(campaignId),
    queryFn: ({ signal }) =>
      api.get(`${base(campaignId)}/monitor/alerts`, MonitorAlerts, { signal }),
    refetchInterval: 10_000,
  });
}

export type MonitorAction =
  | { kind: 'retryNode'; nodeId: string }
  | { kind: 'retryLead'; enrollmentId: string }
  | { kind: 'remove'; leadKey: string }
  /** Manual mode: the operator's go for the leads parked at a node, or for one lead. */
  | { kind: 'advance'; nodeId?: string; leadKey?: string };

/** Operator actions; each refreshes the lists (the counts arrive over the stream). */
export function useMonitorAction(campaignId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: MonitorAction): Promise<unknown> => {
      switch (action.kind) {
        case 'retryNode':
          return api.send(
            'POST',
            `${base(campaignId)}/retry`,
            { nodeId: action.nodeId },
            RetryResult,
          );
        case 'retryLead':
          return api.send(
            'POST',
            `${base(campaignId)}/monitor/journeys/${action.enrollmentId}/retry`,
            undefined,
            RetryResult,
          );
        case 'advance':
          return api.send(
            'POST',
            `${base(campaignId)}/advance`,
            action.leadKey === undefined ? { nodeId: action.nodeId } : { leadKey: action.leadKey },
            AdvanceResult,
          );
        case 'remove':
          return api.send(
            'DELETE',
            `${base(campaignId)}/leads/${encodeURIComponent(action.leadKey)}`,
            undefined,
            RemovedLead,
          );
      }
    },
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: monitorKeys.leads(campaignId) }),
        client.invalidateQueries({ queryKey: monitorKeys.alerts(campaignId) }),
      ]),
  });
}

/**
 * Lists and journeys go stale as leads move: when the live counts change, refetch them, at most
 * once a second (a busy campaign changes its counts every poll).
 */
export function useRefreshOnMove(campaignId: string, counts: MonitorCounts | null): void {
  const client = useQueryClient();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(0);
  useEffect(() => {
    if (counts === null || pending.current !== null) return;
    const wait = Math.max(0, 1_000 - (Date.now() - last.current));
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      void client.invalidateQueries({ queryKey: monitorKeys.leads(campaignId) });
    }, wait);
  }, [counts, client, campaignId]);
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );
}

/**
 * The run bar's actions (launch, pause, resume, stop, fast-forward). Each refreshes the whole
 * monitor: a launch publishes nothing new but changes the status, the version shown and lists.
 */
export function useRunAction(campaignId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: RunAction): Promise<RunOutcome> => {
      switch (action.kind) {
        case 'launch':
          return {
            kind: 'launched',
            result: await api.send('POST', `${base(campaignId)}/launch`, undefined, LaunchResult),
          };
        case 'pause':
        case 'resume':
        case 'stop':
          await api.send('POST', `${base(campaignId)}/${action.kind}`, undefined, RunStatusResult);
          return { kind: 'changed', action: action.kind };
        case 'fastForward':
          return {
            kind: 'fastForwarded',
            by: action.by,
            result: await api.send(
              'POST',
              `${base(campaignId)}/fast-forward`,
              { by: action.by },
              FastForwardResult,
            ),
          };
        default:
          return assertNever(action);
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: monitorKeys.all }),
  });
}
