import type { CampaignSummary, SessionState } from '@rumbo/flow';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../api/api-client.ts';
import { ApiProvider } from '../api/api-context.tsx';
import { CampaignTable } from '../campaigns/campaign-table.tsx';
import { createI18n } from '../i18n/i18n.ts';
import type { Language } from '../i18n/language.ts';
import { ComingSoonPage, type ComingSoonSection } from '../pages/coming-soon-page.tsx';
import { AppLayout } from './app-layout.tsx';
import { createQueryClient } from './query-client.ts';

// Server-side rendering is enough to check what each screen says, without a DOM emulator;
// behaviour in a browser is covered by tests/e2e/shell.test.ts.
// The session is given as already known (rendering to a string runs no request).
const OPEN: SessionState = { required: false, user: null };

function render(
  language: Language,
  path: string,
  element: ReactNode,
  session: SessionState = OPEN,
): string {
  const i18n = createI18n(language);
  const queryClient = createQueryClient();
  queryClient.setQueryData(['session'], session);
  const api = createApiClient({ translate: (key) => key, fetch: () => Promise.reject() });
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ApiProvider client={api}>
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route element={<AppLayout />}>
                <Route path="*" element={element} />
              </Route>
            </Routes>
          </MemoryRouter>
        </ApiProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const campaign: CampaignSummary = {
  id: '4b7f3a1e-6f0c-4f2b-9a51-0d1c2e3f4a5b',
  code: 'RET045',
  name: 'Recuperación de clientes',
  description: 'Quien no compra en 90 días',
  status: 'paused',
  mode: 'live',
  nodeCount: 7,
  publishedVersion: 2,
  activeLeads: 12500,
  updatedAt: '2026-01-15T09:30:00.000Z',
};

describe('shell layout', () => {
  it('offers a skip link, the six sections and the language switch, in Spanish', () => {
    const html = render('es', '/campaigns', <p>contenido</p>);
    expect(html).toContain('href="#main"');
    expect(html).toMatch(/<main id="main"/);
    expect(text(html)).toContain(
      'Campañas Segmentos Leads Llamadas Analítica Ajustes Idioma ES EN',
    );
    expect(html).toContain('aria-label="Navegación principal"');
  });

  it('shows the sign-in page instead when the server asks for it and nobody is signed in', () => {
    const html = text(
      render('es', '/campaigns', <p>contenido secreto</p>, { required: true, user: null }),
    );
    expect(html).toContain('Iniciar sesión');
    expect(html).toContain('Correo electrónico');
    expect(html).toContain('Contraseña');
    expect(html).not.toContain('contenido secreto');
    expect(html).not.toContain('Segmentos');
  });

  it('names the signed-in user in the header, with the way out', () => {
    const user = { email: 'ana@example.com', name: 'Ana', role: 'admin' };
    const html = text(render('es', '/campaigns', <p>contenido</p>, { required: true, user }));
    expect(html).toContain('contenido');
    expect(html).toContain('ana@example.com Cerrar sesión');
  });

  it('names the sections in English when English is active', () => {
    expect(text(render('en', '/campaigns', <p>content</p>))).toContain(
      'Campaigns Segments Leads Call list Analytics Settings',
    );
  });
});

/** Row actions that are never called: rendering to a string clicks nothing. */
const NO_ACTIONS = { onExport: () => {}, onArchive: () => {}, onUnarchive: () => {} };

describe('campaign table', () => {
  it('shows status, mode, version and counts in Spanish, and links the row to the designer', () => {
    const html = render('es', '/campaigns', <CampaignTable campaigns={[campaign]} />);
    const words = text(html);
    for (const expected of ['RET045', 'Pausada', 'Publicada v2', 'En vivo', '12.500', 'ene 2026']) {
      expect(words).toContain(expected);
    }
    expect(html).toContain(`href="/campaigns/${campaign.id}"`);
  });

  it('offers a copy and the archive only to roles that may edit; everyone may export', () => {
    const menu = (role: string) =>
      text(
        render('es', '/campaigns', <CampaignTable campaigns={[campaign]} actions={NO_ACTIONS} />, {
          required: true,
          user: { email: `${role}@example.com`, name: role, role },
        }),
      );
    const marketer = menu('marketer');
    for (const action of ['Exportar a un archivo', 'Hacer una copia', 'Archivar…']) {
      expect(marketer).toContain(action);
    }
    const analyst = menu('analyst');
    expect(analyst).toContain('Exportar a un archivo');
    expect(analyst).not.toContain('Hacer una copia');
    expect(analyst).not.toContain('Archivar');
  });

  it('shows the same row in English', () => {
    const words = text(render('en', '/campaigns', <CampaignTable campaigns={[campaign]} />));
    for (const expected of ['Paused', 'Published v2', 'Live', '12,500', 'Jan 15, 2026']) {
      expect(words).toContain(expected);
    }
  });
});

describe.each(['es', 'en'] as const)('coming-soon pages in %s', (language) => {
  const sections: ComingSoonSection[] = ['segments', 'leads', 'calls', 'analytics', 'settings'];
  it.each(sections)('say what %s will hold, point by point, with no table of data', (section) => {
    const html = render(language, `/${section}`, <ComingSoonPage section={section} />);
    const points = /<ul class="empty-state__points">(.*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect(points.match(/<li>/g)?.length).toBe(3);
    expect(html).not.toContain('<table');
    expect(html).not.toContain('placeholder.');
  });
});
