import { FlowDocument } from '../document/flow.schema.ts';
import type { LeadSnapshot } from '../lead/lead.schema.ts';

/** Small flows and leads for the simulator's tests, built through the real schema. */

type NodeSpec = { id: string; type: string; config?: Record<string, unknown>; cost?: number };
type EdgeSpec = { id: string; source: string; target: string; trigger: Record<string, unknown> };

export function flowOf(
  nodes: NodeSpec[],
  transitions: EdgeSpec[],
  settings: Record<string, unknown> = {},
): FlowDocument {
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: { code: 'T1', name: 'Test', ...settings },
    nodes: nodes.map((n) => ({ name: n.id, config: {}, ...n })),
    transitions,
  });
}

export function leadOf(key: string, overrides: Partial<LeadSnapshot> = {}): LeadSnapshot {
  return {
    key,
    name: key,
    email: `${key}@example.com`,
    phone: '+34600000000',
    locale: 'es',
    timeZone: 'Europe/Madrid',
    stage: 'lead',
    consent: { email: true, sms: true, call: true },
    attributes: {},
    tags: [],
    lists: [],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    events: [],
    ...overrides,
  };
}

export const leadsOf = (n: number, prefix = 'lead'): LeadSnapshot[] =>
  Array.from({ length: n }, (_, i) => leadOf(`${prefix}-${i}`));

export const START = Date.parse('2026-12-01T09:00:00Z');

/** entry → email; opened → goal (value 50), clicked → sms → exit; timeout 3 days → exit. */
export function emailFlow(settings: Record<string, unknown> = {}): FlowDocument {
  return flowOf(
    [
      { id: 'entry', type: 'entry' },
      { id: 'mail', type: 'email', config: { subject: 'Hola', body: 'Hola {{ lead.name }}' } },
      { id: 'won', type: 'goal', config: { value: 50 } },
      { id: 'sms', type: 'sms', config: { text: 'Hola' } },
      { id: 'out', type: 'exit' },
    ],
    [
      { id: 't1', source: 'entry', target: 'mail', trigger: { kind: 'auto' } },
      { id: 't2', source: 'mail', target: 'won', trigger: { kind: 'signal', signal: 'opened' } },
      { id: 't3', source: 'mail', target: 'sms', trigger: { kind: 'signal', signal: 'clicked' } },
      {
        id: 't4',
        source: 'mail',
        target: 'out',
        trigger: { kind: 'timeout', amount: 3, unit: 'days' },
      },
      {
        id: 't5',
        source: 'sms',
        target: 'out',
        trigger: { kind: 'timeout', amount: 1, unit: 'days' },
      },
    ],
    settings,
  );
}
