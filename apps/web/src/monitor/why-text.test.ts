import type { FlowDocument, JourneyStep } from '@rumbo/flow';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { actionText, leftText, staleText } from './why-text.ts';

// A stand-in for i18next that shows the key and its values, so the test sees which text is chosen.
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction<'monitor'>;

const step = (patch: Partial<JourneyStep>): JourneyStep => ({
  id: 1,
  version: 1,
  nodeId: 'mail',
  enteredAt: '2026-11-22T10:00:00.000Z',
  actedAt: null,
  leftAt: null,
  transitionId: null,
  outcome: null,
  move: null,
  eligibility: null,
  policy: null,
  stale: null,
  cost: 0,
  ...patch,
});

describe('actionText', () => {
  it('says a send was deferred by quiet hours in the words of packages/flow', () => {
    const text = actionText(
      step({
        eligibility: 'eligible',
        outcome: 'deferred',
        policy: {
          code: 'quiet_hours',
          until: '2026-11-23T08:00:00.000Z',
          timeZone: 'Europe/Madrid',
        },
      }),
      t,
      'es',
    );
    expect(text).toContain('Horario de silencio: aplazado hasta');
    expect(text).toContain('Europe/Madrid');
  });

  it('tells sent from skipped for an eligible lead, and names why an ineligible one got nothing', () => {
    expect(actionText(step({ eligibility: 'eligible', outcome: 'sent' }), t, 'es')).toBe(
      'eligibility.eligible',
    );
    expect(actionText(step({ eligibility: 'eligible', outcome: 'skipped' }), t, 'es')).toBe(
      'outcome.skipped',
    );
    expect(actionText(step({ eligibility: 'no_consent', outcome: 'skipped' }), t, 'es')).toBe(
      'eligibility.no_consent',
    );
    expect(actionText(step({ outcome: 'updated' }), t, 'es')).toBe('outcome.updated');
    expect(actionText(step({}), t, 'es')).toBeNull();
  });
});

describe('staleText', () => {
  it('says how many hours late a step ran and what the stale policy did', () => {
    expect(staleText(step({ stale: { action: 'skip', overdueMs: 7_200_000 } }), t)).toBe(
      'journey.staleSkipped {"count":2}',
    );
    expect(staleText(step({}), t)).toBeNull();
  });
});

describe('leftText', () => {
  it('names the transition, its target and why the lead moved, in the words of packages/flow', () => {
    const document = {
      nodes: [
        { id: 'mail', type: 'email', name: 'Bienvenida', config: {} },
        { id: 'thanks', type: 'exit', name: 'Gracias', config: {} },
      ],
      transitions: [
        {
          id: 't1',
          source: 'mail',
          target: 'thanks',
          trigger: { kind: 'signal', signal: 'opened' },
        },
      ],
    } as unknown as FlowDocument;
    const move = { kind: 'signal' as const, signal: 'opened', conditionIndex: null, early: false };
    expect(leftText(step({ transitionId: 't1', move }), document, t, 'es')).toBe(
      'journey.left {"label":"Abrió el email","target":"Gracias","reason":"llegó la señal «Abrió el email»"}',
    );
    expect(leftText(step({}), document, t, 'es')).toBeNull();
  });
});
