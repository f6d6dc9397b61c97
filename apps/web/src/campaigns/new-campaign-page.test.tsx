import { type CampaignSummary, templates } from '@rumbo/flow';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../api/api-client.ts';
import { ApiProvider } from '../api/api-context.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { createI18n } from '../i18n/i18n.ts';
import type { Language } from '../i18n/language.ts';
import { CampaignTable } from './campaign-table.tsx';
import { NewCampaignPage } from './new-campaign-page.tsx';

// Server-side rendering checks what each variant says; the browser flow is tests/e2e/campaigns.test.ts.
function render(language: Language, path: string, element: ReactNode): string {
  const i18n = createI18n(language);
  const api = createApiClient({ translate: (key) => i18n.t(key) });
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={createQueryClient()}>
        <ApiProvider client={api}>
          <MemoryRouter initialEntries={[path]}>{element}</MemoryRouter>
        </ApiProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe.each(['es', 'en'] as const)('new campaign page in %s', (language) => {
  it.each(['template', 'blank', 'clone', 'import'])(
    'shows the %s start with every label translated',
    (from) => {
      const words = text(render(language, `/campaigns/new?from=${from}`, <NewCampaignPage />));
      expect(words).not.toMatch(/campaigns\.[a-z]/);
      expect(words).toContain(
        language === 'es' ? '¿Cómo quieres empezar?' : 'How do you want to start?',
      );
    },
  );

  it('lists every template with its name and description in the page language', () => {
    const words = text(render(language, '/campaigns/new?from=template', <NewCampaignPage />));
    for (const template of templates) {
      expect(words).toContain(template.name[language]);
      expect(words).toContain(template.description[language].replace(/&/g, '&amp;'));
    }
  });

  it('requires code and name only for a blank campaign', () => {
    const blank = render(language, '/campaigns/new?from=blank', <NewCampaignPage />);
    const fromTemplate = render(language, '/campaigns/new?from=template', <NewCampaignPage />);
    expect(blank.match(/required=""/g)?.length).toBe(2);
    expect(fromTemplate).not.toContain('required=""');
  });
});

describe('campaign row menu', () => {
  const campaign: CampaignSummary = {
    id: '4b7f3a1e-6f0c-4f2b-9a51-0d1c2e3f4a5b',
    code: 'RET045',
    name: 'Recuperación',
    description: '',
    status: 'draft',
    mode: 'test',
    nodeCount: 4,
    publishedVersion: null,
    activeLeads: 0,
    updatedAt: '2026-01-15T09:30:00.000Z',
    archivedAt: null,
  };
  const actions = { onExport: () => {}, onArchive: () => {}, onUnarchive: () => {} };

  it('offers export, copy and archive for a live campaign', () => {
    const words = text(
      render('es', '/campaigns', <CampaignTable campaigns={[campaign]} actions={actions} />),
    );
    expect(words).toContain('Exportar a un archivo Hacer una copia Archivar…');
  });

  it('offers to bring an archived campaign back instead of archiving it again', () => {
    const archived = {
      ...campaign,
      status: 'archived' as const,
      archivedAt: '2026-02-01T10:00:00.000Z',
    };
    const words = text(
      render('en', '/campaigns', <CampaignTable campaigns={[archived]} actions={actions} />),
    );
    expect(words).toContain('Restore from archive');
    expect(words).not.toContain('Archive…');
  });
});
