import {
  ApiKey,
  ApiKeyList,
  type CreateApiKeyBody,
  CreatedApiKey,
  type CreateUserBody,
  type UpdateUserBody,
  User,
  UserList,
} from '@rumbo/flow';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context.tsx';
import { sessionKey } from '../session/session.api.ts';

const usersKey = ['users'] as const;

export function useUsers() {
  const api = useApi();
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api.get('/api/v1/users', UserList, { signal }),
  });
}

export function useCreateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.send('POST', '/api/v1/users', body, User),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      // The first user makes sign-in required: the session check says so and the page follows.
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

export function useUpdateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserBody & { id: string }) =>
      api.send('PATCH', `/api/v1/users/${id}`, body, User),
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

const apiKeysKey = ['api-keys'] as const;

export function useApiKeys() {
  const api = useApi();
  return useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => api.get('/api/v1/api-keys', ApiKeyList, { signal }),
  });
}

export function useCreateApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) =>
      api.send('POST', '/api/v1/api-keys', body, CreatedApiKey),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: apiKeysKey });
      // The first key makes sign-in required, as the first user does.
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

export function useRevokeApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.send('DELETE', `/api/v1/api-keys/${id}`, undefined, ApiKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}
