import {
  CampaignStats,
  type OutboxChannel,
  OutboxList,
  OutboxMessageDetail,
  type OutboxStatus,
  SignalBatchResult,
} from '@rumbo/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useApi } from '../api/api-context.tsx';

export interface OutboxFilters {
  channel: OutboxChannel | null;
  status: OutboxStatus | null;
}

export const outboxKeys = {
  all: ['outbox'] as const,
  list: (campaignId: string, filters: OutboxFilters) =>
    [...outboxKeys.all, 'list', campaignId, filters.channel, filters.status] as const,
  message: (id: string) => [...outboxKeys.all, 'message', id] as const,
  stats: (campaignId: string) => ['campaign-stats', campaignId] as const,
};

export function useOutbox(campaignId: string, filters: OutboxFilters) {
  const api = useApi();
  return useQuery({
    queryKey: outboxKeys.list(campaignId, filters),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams();
      if (filters.channel !== null) params.set('channel', filters.channel);
      if (filters.status !== null) params.set('status', filters.status);
      return api.get(`/api/v1/campaigns/${campaignId}/outbox?${params}`, OutboxList, { signal });
    },
    placeholderData: (previous) => previous,
    // The runner keeps writing while the tester watches.
    refetchInterval: 3_000,
  });
}

export function useOutboxMessage(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: outboxKeys.message(id ?? ''),
    queryFn: ({ signal }) => api.get(`/api/v1/outbox/${id}`, OutboxMessageDetail, { signal }),
    enabled: id !== null,
  });
}

export function useCampaignStats(campaignId: string) {
  const api = useApi();
  return useQuery({
    queryKey: outboxKeys.stats(campaignId),
    queryFn: ({ signal }) =>
      api.get(`/api/v1/campaigns/${campaignId}/stats`, CampaignStats, { signal }),
    refetchInterval: 1_500,
  });
}

export interface FireSignal {
  messageId: string;
  leadKey: string;
  stepId: number | null;
  name: string;
}

/**
 * Fires what a message could cause (test mode) through the public signals API. The key is per
 * message and signal and a repeat sends the same instant, so pressing twice is a replay the
 * server answers from its record: stored and moved once.
 */
export function useFireSignal(campaignId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const firstFired = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: (fire: FireSignal) => {
      const key = `outbox:${fire.messageId}:${fire.name}`;
      const occurredAt = firstFired.current.get(key) ?? new Date().toISOString();
      firstFired.current.set(key, occurredAt);
      return api.send(
        'POST',
        '/api/v1/signals',
        {
          signals: [
            {
              leadKey: fire.leadKey,
              name: fire.name,
              occurredAt,
              properties: { source: 'outbox-viewer' },
              ...(fire.stepId === null ? {} : { stepId: fire.stepId }),
            },
          ],
        },
        SignalBatchResult,
        { headers: { 'idempotency-key': key } },
      );
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: outboxKeys.stats(campaignId) });
      void queryClient.invalidateQueries({ queryKey: outboxKeys.all });
    },
  });
}
