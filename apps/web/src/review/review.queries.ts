import {
  Review,
  type ReviewApprove,
  ReviewApproved,
  ReviewList,
  type ReviewReturn,
  type ReviewSimulationSummary,
  type ReviewSubmit,
} from '@rumbo/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import { campaignKeys } from '../api/campaigns.queries.ts';

export const reviewKeys = {
  all: ['reviews'] as const,
  of: (campaignId: string) => [...reviewKeys.all, campaignId] as const,
};

const base = (campaignId: string) => `/api/v1/campaigns/${encodeURIComponent(campaignId)}/reviews`;
const one = (campaignId: string, reviewId: string) =>
  `${base(campaignId)}/${encodeURIComponent(reviewId)}`;

/** The campaign's reviews (newest first) and its published version, for the diff. */
export function useReviews(campaignId: string) {
  const api = useApi();
  return useQuery({
    queryKey: reviewKeys.of(campaignId),
    queryFn: ({ signal }) => api.get(base(campaignId), ReviewList, { signal }),
  });
}

/** After any decision the campaign (published version, revision) and its reviews are re-read. */
function useInvalidate(campaignId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: reviewKeys.of(campaignId) }),
      client.invalidateQueries({ queryKey: campaignKeys.all }),
    ]);
}

export function useSubmitReview(campaignId: string) {
  const api = useApi();
  const invalidate = useInvalidate(campaignId);
  return useMutation({
    mutationFn: (body: ReviewSubmit) => api.send('POST', base(campaignId), body, Review),
    onSuccess: invalidate,
  });
}

export function useApproveReview(campaignId: string, reviewId: string) {
  const api = useApi();
  const invalidate = useInvalidate(campaignId);
  return useMutation({
    mutationFn: (body: ReviewApprove) =>
      api.send('POST', `${one(campaignId, reviewId)}/approve`, body, ReviewApproved),
    onSuccess: invalidate,
  });
}

export function useReturnReview(campaignId: string, reviewId: string) {
  const api = useApi();
  const invalidate = useInvalidate(campaignId);
  return useMutation({
    mutationFn: (body: ReviewReturn) =>
      api.send('POST', `${one(campaignId, reviewId)}/return`, body, Review),
    onSuccess: invalidate,
  });
}

export function useAttachSimulation(campaignId: string) {
  const api = useApi();
  const invalidate = useInvalidate(campaignId);
  return useMutation({
    mutationFn: ({ reviewId, summary }: { reviewId: string; summary: ReviewSimulationSummary }) =>
      api.send('PUT', `${one(campaignId, reviewId)}/simulation`, summary, Review),
    onSuccess: invalidate,
  });
}

/** The review waiting for a decision, if any (at most one per campaign). */
export function openReview(list: ReviewList | undefined): Review | null {
  return list?.items.find((r) => r.status === 'submitted') ?? null;
}
