import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error.ts';

/**
 * Server state lives in TanStack Query. A request the server refused (4xx problem) is not
 * retried — it would fail the same way; a lost connection or a 5xx is retried once, so the
 * user sees an honest error in seconds instead of after a long silent back-off.
 */
export function createQueryClient(): QueryClient {
  // A 401 means the session ended (expired, signed out elsewhere): asking who is signed in
  // again brings the sign-in page up instead of an error on every panel.
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) {
      void client.invalidateQueries({ queryKey: ['session'] });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failureCount, error) => failureCount < 1 && isTransient(error),
      },
    },
  });
  return client;
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === null || error.status >= 500;
}
