import type { NodeType } from '../catalogue/node-module.ts';
import { FlowDocument } from '../document/flow.schema.ts';
import { autoLayout } from '../layout/auto-layout.ts';
import type { SegmentRule, TimeUnit } from '../segment/rule.schema.ts';
import type { Locale, Localised } from '../validate/issue.ts';

/**
 * Small helpers so a template reads like the campaign it describes. Templates are written
 * as plain data and parsed once by `FlowDocument`, which brands the ids and fills defaults.
 */

export interface DraftNode {
  id: string;
  type: NodeType;
  name: string;
  config?: Record<string, unknown>;
  cost?: number;
}

export type DraftTrigger =
  | { kind: 'auto' }
  | { kind: 'delay'; amount: number; unit: TimeUnit }
  | { kind: 'signal'; signal: string; link?: string; lookback?: { kind: 'step' | 'enrollment' } }
  | { kind: 'timeout'; amount: number; unit: TimeUnit }
  | { kind: 'condition'; order: number; rule: SegmentRule }
  | { kind: 'else' }
  | { kind: 'split'; weight: number };

export interface DraftTransition {
  source: string;
  target: string;
  trigger: DraftTrigger;
}

export const auto = (): DraftTrigger => ({ kind: 'auto' });
export const delay = (amount: number, unit: TimeUnit): DraftTrigger => ({
  kind: 'delay',
  amount,
  unit,
});
export const timeout = (amount: number, unit: TimeUnit): DraftTrigger => ({
  kind: 'timeout',
  amount,
  unit,
});
/** A signal scoped to the step (the email just sent). */
export const on = (signal: string, link?: string): DraftTrigger =>
  link === undefined ? { kind: 'signal', signal } : { kind: 'signal', signal, link };
/** A global lead event (`purchased`) that counts from the start of the enrollment. */
export const onEvent = (signal: string): DraftTrigger => ({
  kind: 'signal',
  signal,
  lookback: { kind: 'enrollment' },
});
export const when = (order: number, rule: SegmentRule): DraftTrigger => ({
  kind: 'condition',
  order,
  rule,
});
export const otherwise = (): DraftTrigger => ({ kind: 'else' });
export const weight = (value: number): DraftTrigger => ({ kind: 'split', weight: value });

export const edge = (source: string, target: string, trigger: DraftTrigger): DraftTransition => ({
  source,
  target,
  trigger,
});

/** A translator for one language: `const t = inLocale('es'); t({ es: 'Hola', en: 'Hi' })`. */
export const inLocale =
  (locale: Locale) =>
  (text: Localised): string =>
    text[locale];

export interface FlowDraft {
  settings: Record<string, unknown>;
  nodes: DraftNode[];
  transitions: DraftTransition[];
}

/** Parses a draft into a document with stable transition ids and a left-to-right layout. */
export function buildFlow(draft: FlowDraft): FlowDocument {
  const counters = new Map<string, number>();
  const transitions = draft.transitions.map((t) => {
    const n = (counters.get(t.source) ?? 0) + 1;
    counters.set(t.source, n);
    return { id: `${t.source}.${n}`, source: t.source, target: t.target, trigger: t.trigger };
  });
  const nodes = draft.nodes.map((n) => ({ ...n, config: n.config ?? {} }));
  return FlowDocument.parse({
    schemaVersion: 1,
    settings: draft.settings,
    nodes,
    transitions,
    layout: { nodes: autoLayout(nodes, transitions) },
  });
}
