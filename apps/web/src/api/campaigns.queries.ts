import { CampaignList } from '@rumbo/flow';
import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from './api-client.ts';
import { useApi } from './api-context.tsx';

/** Query keys in one place, so a mutation elsewhere (designer save) can invalidate the list. */
export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => [...campaignKeys.all, 'list'] as const,
};

export function fetchCampaigns(api: ApiClient, signal?: AbortSignal): Promise<CampaignList> {
  return api.get('/api/v1/campaigns', CampaignList, signal ? { signal } : {});
}

/** The workspace's campaigns, parsed with the shared `CampaignList` schema. */
export function useCampaigns() {
  const api = useApi();
  return useQuery({
    queryKey: campaignKeys.list(),
    queryFn: ({ signal }) => fetchCampaigns(api, signal),
  });
}
