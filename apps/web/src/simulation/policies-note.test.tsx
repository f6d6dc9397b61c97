import type { ContactPolicies } from '@rumbo/flow/policy';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import type { Language } from '../i18n/language.ts';
import { PoliciesNote } from './policies-note.tsx';

const policies: ContactPolicies = {
  quietHours: [{ start: '21:00', end: '09:00', channels: ['email', 'sms'] }],
  pressure: [{ max: 1, period: { amount: 7, unit: 'days' }, channels: ['email'], onLimit: 'skip' }],
};

const render = (language: Language, value: ContactPolicies | undefined) =>
  renderToString(
    <MemoryRouter>
      <I18nextProvider i18n={createI18n(language)}>
        <PoliciesNote policies={value} />
      </I18nextProvider>
    </MemoryRouter>,
  );

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('PoliciesNote', () => {
  it('says in Spanish which workspace policies the simulation applies, with a link to Settings', () => {
    const html = render('es', policies);
    expect(text(html)).toContain(
      'Se aplican las políticas de contacto del espacio de trabajo: sin envíos de 21:00 a 09:00 en la hora de cada contacto (email, sms); como máximo 1 cada 7 días (email), y si no cabe se salta.',
    );
    expect(html).toContain('href="/settings"');
  });

  it('says it in English too', () => {
    expect(text(render('en', policies))).toContain(
      "The workspace's contact policies apply: no sends from 21:00 to 09:00 on each lead's clock (email, sms); at most 1 every 7 days (email), beyond that the send is skipped.",
    );
  });

  it('shows nothing when the workspace has no policies in force', () => {
    expect(render('es', undefined)).toBe('');
  });
});
