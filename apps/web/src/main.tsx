import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createApiClient } from './api/api-client.ts';
import { AppProviders } from './app/app-providers.tsx';
import { createQueryClient } from './app/query-client.ts';
import { createAppRouter } from './app/router.tsx';
import { createI18n, initialLanguage, syncDocumentLanguage } from './i18n/i18n.ts';
import './styles/app.css';

const i18n = createI18n(initialLanguage());
syncDocumentLanguage(i18n);
const api = createApiClient({
  translate: (key, params) => i18n.t(key, params ?? {}),
  language: () => i18n.language,
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppProviders i18n={i18n} queryClient={createQueryClient()} api={api}>
      <RouterProvider router={createAppRouter()} />
    </AppProviders>
  </StrictMode>,
);
