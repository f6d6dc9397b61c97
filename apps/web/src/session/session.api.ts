import {
  type ChangePasswordBody,
  type Permission,
  roleCan,
  SessionState,
  type SignInBody,
} from '@rumbo/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';

/** Whether the API asks for sign-in and who is signed in (DESIGN §11: a session cookie). */
export const sessionKey = ['session'] as const;

export function useSession() {
  const api = useApi();
  return useQuery({
    queryKey: sessionKey,
    queryFn: ({ signal }) => api.get('/api/v1/session', SessionState, { signal }),
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) => api.send('POST', '/api/v1/session', body, SessionState),
    onSuccess: (state) => {
      // Whatever was fetched before belonged to nobody (refused): fetch it again as this user.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, state);
    },
  });
}

export function useSignOut() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('DELETE', '/api/v1/session', undefined, SessionState),
    onSuccess: (state) => {
      // Nothing of the signed-out user stays in memory for the next person at this browser.
      // The session query itself is updated, not removed: the layout observes it.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, state);
    },
  });
}

/**
 * Whether this browser's user may do what `permission` covers (`ROLE_PERMISSIONS`), to hide
 * or lock what the server would refuse. True on an open server and while the session is
 * unknown: the server still decides.
 */
export function useCan(permission: Permission): boolean {
  const session = useSession();
  const user = session.data?.user ?? null;
  if (user === null) return true;
  return roleCan(user.role, permission);
}

/** The signed-in user changes their password; the server ends their other sessions. */
export function useChangePassword() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) =>
      api.send('PUT', '/api/v1/session/password', body, SessionState),
  });
}
