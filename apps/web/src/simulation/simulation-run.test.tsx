import { defaultAssumptions, findTemplate } from '@rumbo/flow';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import type { Language } from '../i18n/language.ts';
import { initialValues } from './form/form-values.ts';
import { SimulationForm } from './form/simulation-form.tsx';
import { SimulationRunStatus } from './simulation-run.tsx';
import type { SimulationRunState } from './worker/use-simulation-worker.ts';

const template = findTemplate('seed-free-sample');
if (!template) throw new Error('template missing');
const flow = template.build('es');
const defaults = defaultAssumptions(flow);
const noop = () => {};

const render = (language: Language, node: ReactNode) =>
  renderToString(<I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

function form(language: Language, onSubmitServer?: () => void) {
  return render(
    language,
    <SimulationForm
      document={flow}
      defaults={defaults}
      values={initialValues(defaults, '2026-12-01')}
      errors={{}}
      running={false}
      onChange={noop}
      onCsv={noop}
      onSubmit={noop}
      {...(onSubmitServer ? { onSubmitServer } : {})}
    />,
  );
}

const status = (language: Language, state: SimulationRunState) =>
  render(language, <SimulationRunStatus state={state} document={flow} onCancel={noop} />);

describe('simulate on the server', () => {
  it('offers «Simular en el servidor» beside «Simular» when the page can run on the server', () => {
    expect(form('es', noop)).toContain('Simular en el servidor');
    expect(form('en', noop)).toContain('Simulate on the server');
    expect(form('es')).not.toContain('Simular en el servidor');
    expect(form('es', noop)).toContain('Simular');
  });

  it('shows the same progress bar and Cancel for a server run, saying where it runs', () => {
    const running: SimulationRunState = {
      status: 'running',
      fraction: 0.42,
      leadSteps: 10,
      server: { queued: false },
    };
    expect(status('es', running)).toContain('Simulando en el servidor… 42 %');
    expect(status('es', running)).toContain('Cancelar');
    expect(status('en', running)).toContain('Simulating on the server… 42%');
    const queued: SimulationRunState = { ...running, fraction: 0, server: { queued: true } };
    expect(status('es', queued)).toContain('En cola en el servidor');
    expect(status('es', { ...running, server: undefined })).toContain('Simulando… 42 %');
  });

  it("names the server's reason when a server run fails", () => {
    const html = status('es', { status: 'failed', issues: [], message: 'demasiadas simulaciones' });
    expect(html).toContain('El servidor no pudo simular: demasiadas simulaciones');
  });
});
