import { type ContactPolicies, WorkspacePolicies } from '@rumbo/flow/policy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';

const POLICIES_URL = '/api/v1/workspace/policies';

export const settingsKeys = {
  all: ['workspace-settings'] as const,
  policies: () => [...settingsKeys.all, 'policies'] as const,
};

export function usePolicies() {
  const api = useApi();
  return useQuery({
    queryKey: settingsKeys.policies(),
    queryFn: ({ signal }) => api.get(POLICIES_URL, WorkspacePolicies, { signal }),
  });
}

/** Saves at `revision`; a stale one rejects with an `ApiError` of status 409 (`currentRevision`). */
export function useSavePolicies() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { policies: ContactPolicies; revision: number }) =>
      api.send('PUT', POLICIES_URL, input, WorkspacePolicies),
    onSuccess: (saved) => queryClient.setQueryData(settingsKeys.policies(), saved),
  });
}
