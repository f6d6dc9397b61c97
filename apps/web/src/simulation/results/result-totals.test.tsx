import { findTemplate, generateFakeLeads, simulate } from '@rumbo/flow';
import type { ContactPolicies } from '@rumbo/flow/policy';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n.ts';
import { formatInteger } from '../format/numbers.ts';
import { ResultTotals } from './result-totals.tsx';

const template = findTemplate('seed-free-sample');
if (!template) throw new Error('template missing');
const flow = template.build('es');
const start = Date.parse('2026-12-01T22:00:00Z');
const leads = generateFakeLeads({ count: 200, locale: 'es', seed: 'totals' }, start);
const quiet: ContactPolicies = {
  quietHours: [{ start: '21:00', end: '09:00', channels: ['email', 'sms'] }],
  pressure: [],
};

function totals(policies: ContactPolicies | undefined) {
  const { result } = simulate({
    flow,
    leads,
    options: { seed: 'totals', start, horizonDays: 10 },
    policies,
  });
  if (!result) throw new Error('no result');
  const html = renderToString(
    <I18nextProvider i18n={createI18n('es')}>
      <ResultTotals result={result} currency="EUR" />
    </I18nextProvider>,
  );
  return { result, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

describe('ResultTotals and contact policies', () => {
  it('shows how many sends the policies held back, by reason, when the run had policies', () => {
    const { result, text } = totals(quiet);
    const quietCount = result.policies?.deferredQuietHours ?? 0;
    expect(quietCount).toBeGreaterThan(0);
    expect(text).toContain('Envíos retenidos por las políticas de contacto');
    expect(text).toContain(`${formatInteger(quietCount, 'es')} aplazados por horario de silencio`);
  });

  it('shows no policy figure for a run without policies', () => {
    expect(totals(undefined).text).not.toContain('políticas de contacto');
  });
});
