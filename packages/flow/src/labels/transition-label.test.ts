import { describe, expect, it } from 'vitest';
import { FlowNode, Transition } from '../document/flow.schema.ts';
import { summariseRule } from './condition-summary.ts';
import { signalName } from './signal-names.ts';
import { transitionLabel } from './transition-label.ts';

const node = (type: string, config: Record<string, unknown> = {}) =>
  FlowNode.parse({ id: 'n1', type, name: type, config });
const tr = (trigger: unknown, id = 't1') =>
  Transition.parse({ id, source: 'n1', target: 'n2', trigger });
const email = node('email', {
  links: [{ id: 'buy', url: 'https://shop.example.com', label: 'Comprar' }],
});

describe('transitionLabel', () => {
  it('reads engagement signals as what the lead did, in Spanish and English', () => {
    const opened = tr({ kind: 'signal', signal: 'opened' });
    expect(transitionLabel(opened, email, 'es')).toBe('Abrió el email');
    expect(transitionLabel(opened, email, 'en')).toBe('Opened the email');
    expect(transitionLabel(tr({ kind: 'signal', signal: 'clicked' }), email, 'es')).toBe(
      'Hizo clic en el enlace',
    );
  });

  it('names the link a click transition waits for by its label', () => {
    const t = tr({ kind: 'signal', signal: 'clicked', link: 'buy' });
    expect(transitionLabel(t, email, 'es')).toBe('Hizo clic en «Comprar»');
    expect(transitionLabel(t, email, 'en')).toBe('Clicked “Comprar”');
  });

  it('says how long without a reply a timeout waits', () => {
    const t = tr({ kind: 'timeout', amount: 5, unit: 'days' });
    expect(transitionLabel(t, email, 'es')).toBe('Sin respuesta tras 5 días');
    expect(transitionLabel(t, email, 'en')).toBe('No reply after 5 days');
  });

  it('reads a delay as "Tras 2 horas" and a single unit in the singular', () => {
    expect(
      transitionLabel(tr({ kind: 'delay', amount: 2, unit: 'hours' }), node('entry'), 'es'),
    ).toBe('Tras 2 horas');
    expect(
      transitionLabel(tr({ kind: 'delay', amount: 1, unit: 'days' }), node('entry'), 'en'),
    ).toBe('After 1 day');
  });

  it('summarises a branch condition and labels the else', () => {
    const t = tr({
      kind: 'condition',
      order: 0,
      rule: {
        kind: 'group',
        combinator: 'and',
        rules: [
          { kind: 'stage', in: ['opportunity'] },
          { kind: 'attribute', path: 'country', type: 'string', test: { op: 'eq', value: 'ES' } },
        ],
      },
    });
    expect(transitionLabel(t, node('branch'), 'es')).toBe(
      'Si: etapa es oportunidad y country = «ES»',
    );
    expect(transitionLabel(t, node('branch'), 'en')).toBe(
      'If: stage is opportunity and country = “ES”',
    );
    expect(transitionLabel(tr({ kind: 'else' }), node('branch'), 'es')).toBe('Si no');
  });

  it('letters split variants in document order with their weight', () => {
    const a = tr({ kind: 'split', weight: 50 }, 'a');
    const b = tr({ kind: 'split', weight: 50 }, 'b');
    expect(transitionLabel(b, node('split'), 'es', [a, b])).toBe('Variante B · 50 %');
    expect(transitionLabel(a, node('split'), 'en', [a, b])).toBe('Variant A · 50%');
  });

  it('uses the call node’s own outcome labels, default and custom', () => {
    const call = node('call', {
      outcomes: [
        { id: 'objective_achieved', label: { es: 'Objetivo cumplido', en: 'Objective achieved' } },
        { id: 'callback', label: { es: 'Volver a llamar', en: 'Call back' } },
      ],
    });
    expect(transitionLabel(tr({ kind: 'signal', signal: 'objective_achieved' }), call, 'es')).toBe(
      'Objetivo cumplido',
    );
    expect(transitionLabel(tr({ kind: 'signal', signal: 'callback' }), call, 'en')).toBe(
      'Call back',
    );
  });

  it('prefers the label the marketer typed', () => {
    const t = Transition.parse({
      id: 't',
      source: 'n1',
      target: 'n2',
      trigger: { kind: 'auto' },
      label: 'Directo',
    });
    expect(transitionLabel(t, node('entry'), 'en')).toBe('Directo');
  });

  it('cuts a long condition summary with an ellipsis', () => {
    const rule = {
      kind: 'tag' as const,
      tag: 'una-etiqueta-muy-larga-que-no-cabe-en-la-linea-de-la-transicion-del-lienzo',
      has: true,
    };
    const text = summariseRule(rule, 'es', 40);
    expect(text.length).toBe(40);
    expect(text.endsWith('…')).toBe(true);
  });

  it('names the consent channel in words, not by its code', () => {
    const rule = { kind: 'consent' as const, channel: 'call' as const, granted: true };
    expect(summariseRule(rule, 'es')).toBe('acepta llamadas');
    expect(summariseRule({ ...rule, channel: 'email', granted: false }, 'en')).toBe(
      'does not accept emails',
    );
  });

  it('shows unknown signal names humanised', () => {
    expect(signalName('trial_signed_up', 'es')).toBe('trial signed up');
    expect(signalName('purchased', 'es')).toBe('Compró');
    expect(signalName('constructor', 'en')).toBe('constructor');
  });
});
