import { findTemplate } from '@rumbo/flow';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import type { Language } from '../i18n/language.ts';
import { ValidationState } from './validation-state.tsx';

const template = findTemplate('seed-free-sample');
if (!template) throw new Error('template missing');
const ID = '4b7f3a1e-6f0c-4f2b-9a51-0d1c2e3f4a5b';

function render(language: Language, document: ReturnType<NonNullable<typeof template>['build']>) {
  return renderToString(
    <I18nextProvider i18n={createI18n(language)}>
      <MemoryRouter>
        <ValidationState document={document} campaignId={ID} />
      </MemoryRouter>
    </I18nextProvider>,
  );
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('ValidationState', () => {
  it('lists the errors of a broken flow with a link back to the designer, in Spanish and English', () => {
    const flow = template.build('es');
    const broken = { ...flow, nodes: flow.nodes.filter((n) => n.type !== 'entry') };
    const es = render('es', broken);
    expect(text(es)).toMatch(/El flujo tiene \d+ errores? y no se puede simular/);
    expect(es).toContain(`href="/campaigns/${ID}"`);
    expect(text(es)).toContain('Corregir en el diseño');
    expect(text(render('en', broken))).toMatch(/The flow has \d+ errors? and cannot be simulated/);
  });

  it('lets a valid flow through without an error list', () => {
    const html = text(render('es', template.build('es')));
    expect(html).not.toContain('no se puede simular');
    expect(html).toMatch(/El flujo no tiene errores|puedes simular igualmente/);
  });
});
