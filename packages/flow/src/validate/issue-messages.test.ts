import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from './issue-codes.ts';
import { ISSUE_MESSAGES, issueMessage } from './issue-messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('issueMessage', () => {
  it('has a Spanish and an English message for every code, with the same placeholders', () => {
    for (const code of ISSUE_CODES) {
      const message = ISSUE_MESSAGES[code];
      expect(message.es.trim(), code).not.toBe('');
      expect(message.en.trim(), code).not.toBe('');
      expect(placeholders(message.es), code).toEqual(placeholders(message.en));
    }
  });

  it('has no message for a code that does not exist', () => {
    expect(Object.keys(ISSUE_MESSAGES).sort()).toEqual([...ISSUE_CODES].sort());
  });

  it('fills params, joins a cycle path with arrows and shows the location path', () => {
    const cycle = {
      code: 'cycle_without_wait',
      severity: 'error' as const,
      params: { path: ['a', 'b', 'a'] },
    };
    expect(issueMessage(cycle, 'es')).toContain('a → b → a');
    const schema = {
      code: 'schema_invalid',
      severity: 'error' as const,
      path: ['nodes', 2, 'cost'],
      params: {},
    };
    expect(issueMessage(schema, 'en')).toBe('Invalid value at nodes.2.cost.');
    const split = { code: 'split_weights_sum', severity: 'error' as const, params: { sum: 90 } };
    expect(issueMessage(split, 'es')).toBe(
      'Los pesos del test A/B suman 90 % y deben sumar 100 %.',
    );
  });

  it('names signals and call outcomes in the words of the canvas, custom ones humanised', () => {
    const outcome = (id: string) => ({
      code: 'call_outcome_unhandled',
      severity: 'warning' as const,
      params: { outcome: id },
    });
    expect(issueMessage(outcome('interested'), 'es')).toBe(
      'Ninguna transición sigue el resultado «Interesado».',
    );
    expect(issueMessage(outcome('call_back_later'), 'en')).toBe(
      'No transition follows the “call back later” outcome.',
    );
    const twice = {
      code: 'duplicate_signal',
      severity: 'error' as const,
      params: { signal: 'opened' },
    };
    expect(issueMessage(twice, 'es')).toContain('«Abrió el email»');
  });

  it('translates the paths word of an engagement issue', () => {
    const issue = {
      code: 'engagement_without_message',
      severity: 'warning' as const,
      params: { signal: 'opened', channels: ['email'], paths: 'some' },
    };
    expect(issueMessage(issue, 'es')).toContain('algunos caminos');
    expect(issueMessage(issue, 'en')).toContain('some paths');
  });

  it('translates segment and simulation codes too, so callers need one function', () => {
    const segment = {
      code: 'segment_count_always_true',
      severity: 'warning' as const,
      params: {},
    };
    expect(issueMessage(segment, 'es')).toContain('se cumple siempre');
    expect(issueMessage(segment, 'en')).toContain('always holds');
    const simulation = { code: 'sim_no_entry', severity: 'error' as const, params: {} };
    expect(issueMessage(simulation, 'es')).toBe(
      'El flujo no tiene un nodo de entrada desde el que simular.',
    );
    expect(issueMessage(simulation, 'en')).toBe('The flow has no entry node to simulate from.');
  });

  it('names step types and transition kinds as the palette and the editor do, not by code', () => {
    const issue = {
      code: 'trigger_not_allowed',
      severity: 'error' as const,
      params: { type: 'email', trigger: 'auto' },
    };
    expect(issueMessage(issue, 'es')).toBe('Un paso «Email» no admite transiciones «automática».');
    const goal = {
      code: 'terminal_has_outgoing',
      severity: 'error' as const,
      params: { type: 'goal' },
    };
    expect(issueMessage(goal, 'es')).toContain('Un paso «Objetivo» termina');
    expect(issueMessage(goal, 'en')).toContain('A “Goal” step ends');
    const unknown = {
      code: 'unknown_node_type',
      severity: 'error' as const,
      params: { type: 'fax' },
    };
    expect(issueMessage(unknown, 'es')).toBe('Tipo de paso desconocido: «fax».');
  });

  it('falls back to the code for an unknown code', () => {
    expect(issueMessage({ code: 'from_the_future', severity: 'info', params: {} }, 'es')).toBe(
      'from_the_future',
    );
  });
});
