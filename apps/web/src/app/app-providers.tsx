import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { ApiClient } from '../api/api-client.ts';
import { ApiProvider } from '../api/api-context.tsx';

interface AppProvidersProps {
  i18n: i18n;
  queryClient: QueryClient;
  api: ApiClient;
  children: ReactNode;
}

/** Everything a screen may reach for: translations, server state, the API client. */
export function AppProviders({ i18n, queryClient, api, children }: AppProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ApiProvider client={api}>{children}</ApiProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
