/**
 * Raw flow documents for validator tests: compact, and deliberately untyped so tests can
 * write what a broken client would send.
 */
export interface RawNode {
  id: string;
  type: string;
  name?: string;
  config?: Record<string, unknown>;
  cost?: unknown;
}
export interface RawTransition {
  id: string;
  source: string;
  target: string;
  trigger: Record<string, unknown>;
}

export const EMAIL_CONFIG = { subject: 'Hola', body: 'Hola {{ lead.name }}' };

export interface RawFlow {
  schemaVersion: number;
  settings: Record<string, unknown>;
  nodes: RawNode[];
  transitions: RawTransition[];
}

export function rawFlow(nodes: RawNode[], transitions: RawTransition[]): RawFlow {
  return {
    schemaVersion: 1,
    settings: { code: 'T1', name: 'Test' },
    nodes: nodes.map((n) => ({ name: n.id, config: {}, ...n })),
    transitions,
  };
}

let counter = 0;
export function tr(
  source: string,
  target: string,
  trigger: Record<string, unknown>,
  id?: string,
): RawTransition {
  counter += 1;
  return { id: id ?? `t${counter}`, source, target, trigger };
}

export const entry = (id = 'entry'): RawNode => ({
  id,
  type: 'entry',
  config: { sources: [{ kind: 'event', event: 'signed_up' }] },
});
export const email = (id: string): RawNode => ({ id, type: 'email', config: EMAIL_CONFIG });
export const exit = (id = 'exit'): RawNode => ({ id, type: 'exit' });
export const auto = { kind: 'auto' };
export const after = (amount: number) => ({ kind: 'timeout', amount, unit: 'days' });
export const on = (signal: string, link?: string) =>
  link === undefined ? { kind: 'signal', signal } : { kind: 'signal', signal, link };
