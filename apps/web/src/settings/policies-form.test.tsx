import type { WorkspacePolicies } from '@rumbo/flow/policy';
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
import { OtherRules, PoliciesForm, type SaveState } from './policies-form.tsx';

// Server-side rendering checks what the form says and how it labels things; the browser flow
// (typing, saving, reloading) is tests/e2e/settings.test.ts.
const idle: SaveState = { pending: false, error: null, issues: [], conflictRevision: null };
const none: WorkspacePolicies = {
  policies: { quietHours: [], pressure: [] },
  revision: 0,
  savedAt: null,
  storedIssues: [],
};
const some: WorkspacePolicies = {
  policies: {
    quietHours: [{ start: '21:00', end: '09:00', channels: ['email', 'sms'] }],
    pressure: [
      { max: 3, period: { amount: 7, unit: 'days' }, channels: ['call'], onLimit: 'skip' },
    ],
  },
  revision: 4,
  savedAt: '2026-02-01T10:00:00Z',
  storedIssues: [],
};

function renderIn(language: Language, element: ReactNode) {
  const i18n = createI18n(language);
  const api = createApiClient({ translate: (key) => i18n.t(key) });
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={createQueryClient()}>
        <ApiProvider client={api}>
          <MemoryRouter>{element}</MemoryRouter>
        </ApiProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

const render = (language: Language, loaded: WorkspacePolicies, save: SaveState = idle) =>
  renderIn(
    language,
    <PoliciesForm loaded={loaded} save={save} onSave={() => {}} onReload={() => {}} />,
  );

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('contact policies form', () => {
  it('explains the defaults in words when no policy is set, in Spanish', () => {
    const words = text(render('es', none));
    expect(words).toContain('Sin políticas: se aplican los valores por defecto');
    expect(words).toContain('Rumbo envía a cualquier hora del día y de la noche.');
    expect(words).toContain('Sin horas de silencio: se envía a cualquier hora.');
    expect(words).toContain('Nunca se han guardado');
    expect(words).not.toMatch(/policies\.[a-z]/);
  });

  it('shows a stored window and cap with labelled controls and a sentence each, in English', () => {
    const html = render('en', some);
    const words = text(html);
    expect(words).not.toContain('No policies');
    expect(words).toContain(
      "No Email or SMS from 21:00 to 09:00 the next day; sends go out from 09:00 to 21:00, lead's local time.",
    );
    expect(words).toContain(
      'Each lead gets at most 3 contacts by Calls every 7 days, across all campaigns; the next one is skipped.',
    );
    expect(html).toMatch(
      /<label[^>]*><span class="field__label">From<\/span><input type="text" inputMode="numeric" placeholder="HH:MM"[^>]*value="21:00"/,
    );
    expect(html).toMatch(/<legend[^>]*>Channels<\/legend>/);
    expect(words).toContain('What would happen now?');
    expect(html).toMatch(
      /<label class="field"><span class="field__label">A lead&#x27;s time zone<\/span><input/,
    );
    expect(words).toContain('Saved');
  });

  it('puts each error next to its field, marks the field invalid and points at the message', () => {
    const save: SaveState = {
      ...idle,
      issues: [
        { path: ['quietHours', 0, 'end'], code: 'empty_window', params: { at: '21:00' } },
        { path: ['pressure', 0, 'max'], code: 'too_small', params: { minimum: 1 } },
      ],
    };
    const html = render('es', some, save);
    expect(html).toMatch(
      /id="policy-pressure-0-max" aria-invalid="true" aria-describedby="policy-pressure-0-max-error"/,
    );
    expect(html).toContain(
      '<p class="policy-error" id="policy-quietHours-0-end-error">El inicio y el fin son la misma hora (21:00): la franja no cubriría nada.</p>',
    );
    expect(text(html)).toContain('Revisa los 2 campos marcados antes de guardar.');
  });

  it('after a conflict offers to load the saved version or to save over it', () => {
    const words = text(render('es', some, { ...idle, conflictRevision: 5 }));
    expect(words).toContain('ahora están en la revisión 5');
    expect(words).toContain('Cargar la versión guardada');
    expect(words).toContain('Guardar las mías igualmente');
  });

  it('says where channel capacity and exclusions are handled, with a link to the call list', () => {
    const html = renderIn('es', <OtherRules />);
    expect(text(html)).toContain('Las llamadas por día se fijan por campaña;');
    expect(html).toMatch(/<a href="\/calls"[^>]*>Abrir la lista de llamadas<\/a>/);
    expect(text(html)).toContain('Lista Robinson');
  });
});
